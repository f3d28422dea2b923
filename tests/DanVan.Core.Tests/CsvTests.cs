using System.Text;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Spreadsheets;

namespace DanVan.Tests;

/// <summary>Every CSV the app writes (the audit log, the figures) quotes and neutralises fields the same way.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Xã Trà Tân", "Xã Trà Tân")]
    [InlineData("Sở Nội vụ, tỉnh Quảng Ngãi", "\"Sở Nội vụ, tỉnh Quảng Ngãi\"")]
    [InlineData("Mô hình \"Dân vận khéo\"", "\"Mô hình \"\"Dân vận khéo\"\"\"")]
    [InlineData("dòng 1\ndòng 2", "\"dòng 1\ndòng 2\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void Field_QuotedWhenNeeded_FormulaNeutralised(string text, string expected) => Assert.Equal(expected, Csv.Field(text));

    [Fact]
    public void FigureExport_UnitNamedAsAFormula_WrittenAsText()
    {
        var period = ReportingPeriod.Parse("2025-Q1");
        var column = new PlanFigure { Id = 1, Name = "Số đơn thư tiếp nhận", UnitOfMeasure = "đơn", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum, Code = "1" };
        var unit = new UnitFigures(7, 3, "X1", "=cmd|'/c calc'!A1", UnitKind.Commune, ReportStatus.Submitted, [12m]);
        var total = new FigureTotals("Tổng cộng", 1, [12m]);
        var table = new FigureTable(1, "Kế hoạch số 58/KH-UBND", period, period, [column], [new FigurePeriod(period, [new FigureGroup(UnitKind.Commune, "Cấp xã", [unit], total)], total)]);

        using var csv = new MemoryStream();
        FigureExport.WriteCsv(csv, table);

        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains(",'=cmd|'/c calc'!A1,", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", text, StringComparison.Ordinal);
    }
}
