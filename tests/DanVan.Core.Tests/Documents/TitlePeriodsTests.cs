
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

public sealed class TitlePeriodsTests
{
    [Theory]
    [InlineData("Kết quả thực hiện công tác dân vận tháng 7/2024 và phương hướng, nhiệm vụ tháng 8/2024", "2024-07", "2024-08")]
    [InlineData("Kết quả triển khai, thực hiện công tác Dân vận chính quyền quý I và phương hướng nhiệm vụ quý II năm 2025", "2025-Q1", "2025-Q2")]
    [InlineData("Kết quả công tác dân vận chính quyền quý II năm 2025", "2025-Q2", null)]
    [InlineData("Kết quả công tác dân vận tháng 12 năm 2024 và nhiệm vụ tháng 01 năm 2025", "2024-12", "2025-01")]
    [InlineData("Kết quả công tác dân vận 6 tháng đầu năm 2025 và phương hướng 6 tháng cuối năm 2025", "2025-H1", "2025-H2")]
    [InlineData("Báo cáo công tác dân vận 9 tháng năm 2025", "2025-9M", null)]
    [InlineData("Tổng kết công tác dân vận chính quyền năm 2025", "2025", null)]
    [InlineData("KẾT QUẢ CÔNG TÁC DÂN VẬN QUÝ IV/2024", "2024-Q4", null)]
    public void Parse_TitleNamesPeriodAndNext(string title, string period, string? next)
    {
        var (p, n) = TitlePeriods.Parse(title);

        Assert.Equal(period, p!.ToPeriod().ToString());
        Assert.Equal(next, n?.ToPeriod().ToString());
    }

    [Fact]
    public void Parse_QuarterWithoutYear_TakesTheDocumentYear()
    {
        var (p, _) = TitlePeriods.Parse("Kết quả công tác dân vận quý III", new DateOnly(2025, 9, 20));

        Assert.Equal(new ImportedPeriod("quarter", 3, 2025), p);
    }

    [Theory]
    [InlineData("Báo cáo kết quả công tác dân vận")]
    [InlineData("")]
    [InlineData("Tháng 13/2024")]
    public void Parse_NoPeriod_Null(string title) => Assert.Null(TitlePeriods.Parse(title).Period);
}
