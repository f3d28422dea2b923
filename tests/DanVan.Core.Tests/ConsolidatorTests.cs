using DanVan.Core.Consolidation;
using DanVan.Core.Documents;
using DanVan.Core.Plans;
using DanVan.Core.Reports;

namespace DanVan.Tests;

/// <summary>The pure drafting of a consolidated report and the appendices that keep what its body cannot hold.</summary>
public sealed class ConsolidatorTests
{
    private const string Directive = "Tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến toàn thể cán bộ, công chức.";

    [Fact]
    public void Build_ManyUnitsShareAParagraph_CountInTextListInAppendixWithTheFewWhoDidNotWriteIt()
    {
        // 9 of 10 units wrote the directive: the text counts them and points to the list; the list names the one that did not.
        var input = Input(10, (unit, _) => unit == 9 ? "Tổ chức hội nghị tại thôn Phú Lợi." : Directive, figures: true);

        var content = Consolidator.Build(input);

        var part = Assert.Single(content.Sections.Single(s => s.Key == "I.2").Parts, p => p.Shared);
        Assert.Equal(1, part.List);
        Assert.Equal(Directive[..^1] + " (9 đơn vị, danh sách số 1 tại Phụ lục II).", part.Text);
        var appendices = ConsolidationAppendix.Build(content);
        Assert.Equal(["I", "II"], appendices.Select(a => a.Label));
        Assert.Equal("SỐ LIỆU CỦA CÁC ĐƠN VỊ", appendices[0].Title);
        Assert.Equal(
            [$"1. Mục \"2. Công tác tuyên truyền, phổ biến, quán triệt\": \"{Directive}\" — 9 đơn vị: các đơn vị đã gửi báo cáo, trừ 1 đơn vị:", "UBND xã 9."],
            appendices[1].Blocks.Cast<DocumentParagraph>().Select(p => p.Text));
    }

    [Fact]
    public void Build_NoFigures_ListsAppendixIsTheFirst_FewUnitsNamedInTheText()
    {
        var content = Consolidator.Build(Input(9, (unit, _) => unit < 2 ? "Tổ chức hội nghị tại thôn Phú Lợi." : Directive, figures: false));

        var parts = content.Sections.Single(s => s.Key == "I.2").Parts.Where(p => p.Shared).ToList();
        Assert.Contains(parts, p => p.Text == "Tổ chức hội nghị tại thôn Phú Lợi (2 đơn vị: UBND xã 0, UBND xã 1)." && p.List is null);
        Assert.Contains(parts, p => p.Text == Directive[..^1] + " (7 đơn vị, danh sách số 1 tại Phụ lục I)." && p.List == 1);
        var listed = Assert.Single(ConsolidationAppendix.Build(content));
        Assert.Equal(("I", "DANH SÁCH ĐƠN VỊ THEO NỘI DUNG CHUNG"), (listed.Label, listed.Title));
        Assert.EndsWith("— 7 đơn vị: các đơn vị đã gửi báo cáo, trừ 2 đơn vị:", Assert.IsType<DocumentParagraph>(listed.Blocks[0]).Text, StringComparison.Ordinal);
        Assert.Equal("UBND xã 0; UBND xã 1.", Assert.IsType<DocumentParagraph>(listed.Blocks[1]).Text);
    }

    [Fact]
    public void Appendix_LongListOfUnits_PrintedInParagraphsOfThirtyNames()
    {
        // 70 of 140 units wrote it: they are named (not the 70 others), 30 to a paragraph.
        var content = Consolidator.Build(Input(140, (unit, _) => unit % 2 == 0 ? Directive : "Đã " + string.Join(" ", Enumerable.Range(0, 12).Select(k => Letters((unit * 12) + k))) + ".", figures: false));

        var blocks = Assert.Single(ConsolidationAppendix.Build(content)).Blocks.Cast<DocumentParagraph>().Select(p => p.Text).ToList();

        Assert.EndsWith("— 70 đơn vị:", blocks[0], StringComparison.Ordinal);
        Assert.Equal(4, blocks.Count);
        Assert.StartsWith("UBND xã 0; UBND xã 2; ", blocks[1], StringComparison.Ordinal);
        Assert.Equal(30, blocks[1].Split("; ").Length);
        Assert.EndsWith(";", blocks[2], StringComparison.Ordinal);
        Assert.EndsWith("UBND xã 138.", blocks[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SectionTooLong_OverflowPrintedInTheLastAppendixNothingLost()
    {
        // 400 units × a distinct 300-character sentence of their own: more than a section's 100,000 characters.
        var input = Input(400, (unit, _) => "Đã " + string.Join(" ", Enumerable.Range(0, 80).Select(k => Letters((unit * 80) + k))) + ".", figures: true);

        var content = Consolidator.Build(input);

        var section = content.Sections.Single(s => s.Key == "I.2");
        Assert.True(section.Text.Length <= ReportSection.MaxTextLength);
        var left = section.Parts.Where(p => !p.InText).ToList();
        Assert.NotEmpty(left);
        Assert.EndsWith($"(Còn {left.Count} đoạn của {left.Count} đơn vị không in trong mục này vì mục quá dài; các đoạn này in tại Phụ lục II.)", section.Text, StringComparison.Ordinal);
        var overflow = ConsolidationAppendix.Build(content)[^1];
        Assert.Equal(("II", "NỘI DUNG RIÊNG CỦA CÁC ĐƠN VỊ CHƯA IN TRONG BÁO CÁO"), (overflow.Label, overflow.Title));
        Assert.Equal(section.Heading, Assert.IsType<DocumentHeading>(overflow.Blocks[0]).Text);
        Assert.Equal(left.Select(p => p.Text), overflow.Blocks.Skip(1).Cast<DocumentParagraph>().Select(p => p.Text));
        var printed = section.Parts.Where(p => p.InText).Select(p => p.Text).Concat(left.Select(p => p.Text)).Count();
        Assert.Equal(400, printed);
    }

    /// <summary>A made-up word of its own for each number, so no two units' sentences look alike.</summary>
    private static string Letters(int n)
    {
        var word = "";
        for (n += 26 * 26; n > 0; n /= 26)
        {
            word = (char)('a' + (n % 26)) + word;
        }

        return word;
    }

    /// <summary><paramref name="count"/> communes that all sent, each writing <paramref name="text"/> in section I.2.</summary>
    private static ConsolidationInput Input(int count, Func<int, string, string> text, bool figures)
    {
        var plan = new Plan { Id = 1, Number = "42/KH-UBND", Summary = "Báo cáo hằng quý", FirstPeriod = "2025-Q1", CreatedBy = "t", IssuedOn = new DateOnly(2025, 1, 2) };
        if (figures)
        {
            plan.Figures.Add(new PlanFigure { Id = 1, Name = "Số buổi tiếp công dân", UnitOfMeasure = "buổi", Rollup = Rollup.Sum });
        }

        var units = Enumerable.Range(0, count)
            .Select(i => new ConsolidationUnit(new DraftUnit(i, $"X{i}", $"Ủy ban nhân dân xã {i}", 100 + i, true, Timeliness.OnTime), [$"Ủy ban nhân dân xã {i}", $"UBND xã {i}"]))
            .ToList();
        return new ConsolidationInput
        {
            Plan = plan,
            Period = "2025-Q1",
            PeriodText = "quý I năm 2025",
            OwnerName = "Ủy ban nhân dân tỉnh Lâm Đồng",
            Outline = ReportTemplate.Default,
            Units = units,
            Texts = units.ToDictionary(u => u.Unit.ReportId!.Value, u => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["I.2"] = text(u.Unit.UnitId, "I.2") }),
            Figures = figures ? units.Select(u => new FigureAnswer(u.Unit.ReportId!.Value, 1, 2, null)).ToList() : [],
        };
    }
}
