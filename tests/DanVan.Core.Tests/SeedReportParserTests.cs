using DanVan.Core.Demo;

namespace DanVan.Tests;

public sealed class SeedReportParserTests
{
    [Fact]
    public void Parse_MonthlyBoardReport_MapsOutlineAndKeepsOwnHeadings()
    {
        var report = SeedReportParser.Parse(DemoData.ReadSeed("bqlda-2024-07.txt"));

        Assert.Equal("Kết quả thực hiện công tác dân vận tháng 7/2024 và phương hướng, nhiệm vụ tháng 8/2024", report.Title);
        Assert.Equal(["intro", "I", "I.1", "I.2", "II", "III", "closing"], report.Sections.Select(s => s.Key));
        Assert.Equal("1. Công tác lãnh đạo, chỉ đạo", report.Sections.Single(s => s.Key == "I.1").Heading);
        Assert.StartsWith("Thực hiện Kế hoạch số 2040/KH-UBND", report.Sections[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Sections, s => s.Text.Contains("[bookmark", StringComparison.Ordinal) || s.Heading.Contains("[bookmark", StringComparison.Ordinal));
        Assert.Contains("kính đề nghị Sở Nội vụ xem xét và tổng hợp./.", report.Sections[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuarterlyCommuneReport_SplitsNumberedItemsAndKeepsFootnote()
    {
        var report = SeedReportParser.Parse(DemoData.ReadSeed("tratan-2025-Q1.txt"));

        var keys = report.Sections.Select(s => s.Key).ToList();
        Assert.Equal(["intro", "I", "I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7", "III", "closing"], keys);
        // The commune wrote no "Đánh giá chung"; the gap must stay visible for the quality checks, not be papered over.
        Assert.DoesNotContain("II", keys);
        Assert.Equal("1. Công tác lãnh chỉ đạo", report.Sections.Single(s => s.Key == "I.1").Heading);
        Assert.StartsWith("Căn cứ văn bản của UBND tỉnh", report.Sections.Single(s => s.Key == "I.1").Text, StringComparison.Ordinal);
        var discipline = report.Sections.Single(s => s.Key == "I.5").Text;
        Assert.Contains("trả kết quả xã[1].", discipline, StringComparison.Ordinal);
        Assert.Contains("[1] Công văn số 50/UBND ngày 06/3/2024", discipline, StringComparison.Ordinal);
        Assert.Contains("8. Phối hợp với ủy ban Mặt trận Tổ quốc", report.Sections.Single(s => s.Key == "III").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongHeadingAndTextOnOneLine_HeadingAndParagraphApart()
    {
        var report = SeedReportParser.Parse(DemoData.ReadSeed("tratan-2025-Q1.txt"));

        var coordination = report.Sections.Single(s => s.Key == "I.7");
        Assert.Equal("7. Công tác phối hợp, tạo điều kiện để Mặt trận tổ quốc, các tổ chức chính trị - xã hội tham gia giám sát, phản biện xã hội, xây dựng chính quyền vững mạnh", coordination.Heading);
        Assert.StartsWith("Thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW", coordination.Text, StringComparison.Ordinal);
        // A numbered line without a colon is all heading; its text follows on the next lines.
        Assert.StartsWith("3. Chỉ đạo các phong trào thi đua yêu nước", report.Sections.Single(s => s.Key == "I.3").Heading, StringComparison.Ordinal);
        Assert.StartsWith("Ủy ban nhân dân xã đã tích cực", report.Sections.Single(s => s.Key == "I.3").Text, StringComparison.Ordinal);
    }
}
