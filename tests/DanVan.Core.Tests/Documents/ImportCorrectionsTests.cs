using DanVan.Core;
using DanVan.Core.Import;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

public sealed class ImportCorrectionsTests
{
    private static ImportedReport Report() => new()
    {
        Sections =
        [
            new() { Heading = "", Level = 0, Paragraphs = ["Mở đầu."] },
            new()
            {
                Heading = "I. KẾT QUẢ THỰC HIỆN", Level = 1, Paragraphs = ["Chung."],
                Sections =
                [
                    new() { Heading = "1. Lãnh đạo", Level = 2, Paragraphs = ["a1", "a2"] },
                    new() { Heading = "2. Tuyên truyền", Level = 2, Paragraphs = ["b1", "3. Chỉ đạo các phong trào thi đua.", "c1", "c2"] },
                ],
            },
            new() { Heading = "II. NHIỆM VỤ", Level = 1, Paragraphs = ["t1", "t2", "Trên đây là báo cáo./."] },
        ],
        Closing = ["Nơi gửi kèm."],
    };

    // Paragraph order: 0 Mở đầu, 1 Chung, 2 a1, 3 a2, 4 b1, 5 "3. …", 6 c1, 7 c2, 8 t1, 9 t2, 10 Trên đây, 11 closing.
    private static string[] Choices(params (int Index, string Choice)[] set)
    {
        var choices = Enumerable.Repeat(ImportCorrections.Keep, 12).ToArray();
        foreach (var (index, choice) in set)
        {
            choices[index] = choice;
        }

        return choices;
    }

    [Fact]
    public void Apply_SplitParagraph_NewItemTakesTheRestOfItsSection()
    {
        var result = ImportCorrections.Apply(Report(), Choices((5, ImportCorrections.Split)));

        var items = result.Sections[1].Sections;
        Assert.Equal(["1. Lãnh đạo", "2. Tuyên truyền", "3. Chỉ đạo các phong trào thi đua."], items.Select(s => s.Heading));
        Assert.Equal(2, items[2].Level);
        Assert.Equal(["b1"], items[1].Paragraphs);
        Assert.Equal(["c1", "c2"], items[2].Paragraphs);
    }

    /// <summary>Splitting "Trong phát triển kinh tế - xã hội: Tập trung …" makes its lead the heading and keeps its text as text.</summary>
    [Fact]
    public void Apply_SplitRunInLead_LeadIsTheHeadingRestTheFirstParagraph()
    {
        var report = Report();
        report.Sections[1].Sections[1].Paragraphs[1] = "Trong phát triển kinh tế - xã hội: Tập trung vận động nhân dân sản xuất vụ xuân.";

        var result = ImportCorrections.Apply(report, Choices((5, ImportCorrections.Split)));

        var split = result.Sections[1].Sections[2];
        Assert.Equal(("Trong phát triển kinh tế - xã hội", 2), (split.Heading, split.Level));
        Assert.Equal(["Tập trung vận động nhân dân sản xuất vụ xuân.", "c1", "c2"], split.Paragraphs);
    }

    [Fact]
    public void Apply_SplitInTopLevelSection_FirstSubItem()
    {
        var result = ImportCorrections.Apply(Report(), Choices((1, ImportCorrections.Split)));

        Assert.Empty(result.Sections[1].Paragraphs);
        Assert.Equal(("Chung.", 2), (result.Sections[1].Sections[0].Heading, result.Sections[1].Sections[0].Level));
        Assert.Equal(3, result.Sections[1].Sections.Count);
    }

    [Fact]
    public void Apply_MoveAndClosing_DocumentOrderKeptAndOriginalUntouched()
    {
        var report = Report();

        // c1 back to item 1 (an earlier section: after its own text), a2 on to item 2 (a later one: before), the
        // closing sentence out of the tasks.
        var result = ImportCorrections.Apply(report, Choices((6, ImportCorrections.MoveTo(2)), (3, ImportCorrections.MoveTo(3)), (10, ImportCorrections.Closing)));

        var items = result.Sections[1].Sections;
        Assert.Equal(["a1", "c1"], items[0].Paragraphs);
        Assert.Equal(["a2", "b1", "3. Chỉ đạo các phong trào thi đua.", "c2"], items[1].Paragraphs);
        Assert.Equal(["t1", "t2"], result.Sections[2].Paragraphs);
        Assert.Equal(["Trên đây là báo cáo./.", "Nơi gửi kèm."], result.Closing);
        Assert.Equal(4, report.Sections[1].Sections[1].Paragraphs.Count);
    }

    [Fact]
    public void Apply_NoChoices_SameReport()
    {
        var report = Report();

        Assert.Same(report, ImportCorrections.Apply(report, []));
        Assert.Same(report, ImportCorrections.Apply(report, Choices()));
    }

    [Theory]
    [InlineData(11, "to:99")]
    [InlineData(0, "nonsense")]
    public void Apply_ChoiceNotForThisFile_RefusedInVietnamese(int index, string choice)
    {
        var error = Assert.Throws<DomainException>(() => ImportCorrections.Apply(Report(), Choices((index, choice))));

        Assert.Contains("Tải tệp lên lại", error.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => ImportCorrections.Apply(Report(), ["split"]));
    }
}
