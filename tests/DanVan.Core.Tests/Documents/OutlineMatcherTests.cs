using DanVan.Core.Import;
using DanVan.Core.Reports;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

public sealed class OutlineMatcherTests
{
    private static readonly IReadOnlyList<OutlineTarget> Outline = ReportTemplate.Default.Select(t => new OutlineTarget(t.Key, t.Heading, t.Level)).ToList();

    private static ImportedSection Section(string heading, int level, params ImportedSection[] children) =>
        new() { Heading = heading, Level = level, Paragraphs = ["…"], Sections = [.. children] };

    [Fact]
    public void Map_UnitsOwnWording_FindsTheStandardItems()
    {
        var report = new ImportedReport
        {
            Sections =
            [
                Section("", 0),
                Section("I. KẾT QUẢ THỰC HIỆN", 1,
                    Section("1. Công tác lãnh chỉ đạo", 2),
                    Section("2. Công tác tuyên truyền, phổ biến Chỉ thị và các văn bản liên quan đến công tác dân vận chính quyền", 2),
                    Section("6. Công tác tiếp dân, giải quyết đơn thư khiếu nại, tố cáo", 2),
                    Section("9. Công tác phòng chống thiên tai", 2)),
                Section("II. MỘT SỐ NỘI DUNG NHIỆM VỤ TRONG THỜI GIAN ĐẾN", 1),
            ],
        };

        var targets = OutlineMatcher.Map(report, Outline).Select(m => m.TargetKey).ToList();

        Assert.Equal(["intro", "I", "I.1", "I.2", "I.6", null, "III"], targets);
    }

    [Theory]
    [InlineData("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ I NĂM 2025", "I")]
    [InlineData("I. Kết quả thực hiện nhiệm vụ công tác dân vận chính quyền", "I")]
    [InlineData("II. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "II")]
    [InlineData("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "III")]
    [InlineData("II. MỘT SỐ NỘI DUNG NHIỆM VỤ TRONG THỜI GIAN ĐẾN", "III")]
    [InlineData("III. Phương hướng nhiệm vụ và kết quả cần đạt", "III")]
    [InlineData("I. TÌNH HÌNH CHUNG", "I")]
    public void OutlineKind_ResultsOfTasksAreResults_TasksAheadAreTasks(string heading, string kind) =>
        Assert.Equal(kind, ReportOutline.OutlineKind(heading));

    [Fact]
    public void Map_ResultsHeadingNamingTasks_ItemsStayUnderResults()
    {
        var report = new ImportedReport
        {
            Sections =
            [
                Section("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ I NĂM 2025", 1, Section("1. Công tác lãnh chỉ đạo", 2)),
                Section("II. MỘT SỐ NỘI DUNG NHIỆM VỤ TRONG THỜI GIAN ĐẾN", 1),
            ],
        };

        Assert.Equal(["I", "I.1", "III"], OutlineMatcher.Map(report, Outline).Select(m => m.TargetKey));
    }

    [Fact]
    public void Map_TwoSectionsForOneItem_SecondBecomesNew()
    {
        var report = new ImportedReport { Sections = [Section("I. KẾT QUẢ", 1, Section("1. Lãnh đạo, chỉ đạo", 2), Section("2. Lãnh đạo chỉ đạo", 2))] };

        var targets = OutlineMatcher.Map(report, Outline).Select(m => m.TargetKey).ToList();

        Assert.Equal(["I", "I.1", null], targets);
    }

    [Theory]
    [InlineData("1. Công tác lãnh đạo, chỉ đạo", "1. Công tác lãnh chỉ đạo", 0.6)]
    [InlineData("a) Tiếp công dân", "6. Tiếp công dân, giải quyết đơn thư", 0.4)]
    public void Similarity_IgnoresNumberingAndDiacritics(string a, string b, double atLeast) =>
        Assert.True(OutlineMatcher.Similarity(a, b) >= atLeast, $"{OutlineMatcher.Similarity(a, b)}");

    [Fact]
    public void Map_LongHeadingAroundTheStandardWords_FindsTheItem()
    {
        var report = new ImportedReport
        {
            Sections =
            [
                Section("I. KẾT QUẢ THỰC HIỆN", 1,
                    Section("3. Chỉ đạo các phong trào thi đua yêu nước, nhất là phong trào thi đua “Dân vận khéo” trên lĩnh vực dân vận chính quyền", 2),
                    Section("4. Tiếp tục tổ chức triển khai thực hiện có hiệu quả Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành chương trình tổng thể cải cách hành chính (CCHC)", 2)),
            ],
        };

        var targets = OutlineMatcher.Map(report, Outline).Select(m => m.TargetKey).ToList();

        Assert.Equal(["I", "I.3", "I.4"], targets);
    }

    [Fact]
    public void TextOf_ParagraphsThenTableRows()
    {
        var section = new ImportedSection { Paragraphs = ["Đoạn 1", "Đoạn 2"], Tables = [[["Chỉ tiêu", "Số lượng"], ["Tiếp dân", "12"]]] };

        Assert.Equal("Đoạn 1\nĐoạn 2\nChỉ tiêu | Số lượng\nTiếp dân | 12", OutlineMatcher.TextOf(section));
    }
}
