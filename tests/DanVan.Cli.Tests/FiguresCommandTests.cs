using System.Text;
using DanVan.Core.Spreadsheets;

namespace DanVan.Tests;

/// <summary>`danvan figures export` on a small generated province, as a script would run it.</summary>
public sealed class FiguresCommandTests
{
    [Fact]
    public async Task FiguresExport_TwoMonths_XlsxAndCsvWithUnitRowsAndTotals_BadExtensionRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        var generated = await Danvan.RunAsync(dir, database.Settings, "generate", "--communes", "12", "--departments", "2", "--periods", "2", "--seed", "7");
        Assert.True(generated.Exit == 0, generated.Err);

        var xlsx = await Danvan.RunAsync(dir, database.Settings, "figures", "export", "--unit", "G7-P01-SNV", "--from", "2025-11", "--to", "2025-12", "--out", "out/so-lieu.xlsx");
        var csv = await Danvan.RunAsync(dir, database.Settings, "figures", "export", "--unit", "g7-p01", "--from", "2025-12", "--out", "so-lieu.csv");
        var bad = await Danvan.RunAsync(dir, database.Settings, "figures", "export", "--unit", "G7-P01", "--from", "2025-12", "--out", "so-lieu.ods");
        var wrongPeriod = await Danvan.RunAsync(dir, database.Settings, "figures", "export", "--unit", "G7-P01", "--from", "2025-12", "--to", "2025-Q4", "--out", "x.csv");

        Assert.True(xlsx.Exit == 0, xlsx.Err);
        Assert.StartsWith("Wrote ", xlsx.Out, StringComparison.Ordinal);
        await using (var file = File.OpenRead(Path.Combine(dir, "out", "so-lieu.xlsx")))
        {
            var sheet = Xlsx.ReadFirstSheet(file);
            Assert.Equal(["Kỳ", "Cấp", "Mã đơn vị", "Đơn vị", "Trạng thái"], sheet[3].Cells.Take(5));
            Assert.Contains(sheet, r => r[0] == "2025-11" && r[3].StartsWith("Tổng cộng tháng 11 năm 2025", StringComparison.Ordinal));
            Assert.Contains(sheet, r => r[0] == "2025-12" && r[1] == "Các xã, phường, đặc khu" && r[2].StartsWith("G7-", StringComparison.Ordinal));
        }

        Assert.True(csv.Exit == 0, csv.Err);
        var lines = (await File.ReadAllTextAsync(Path.Combine(dir, "so-lieu.csv"), Encoding.UTF8)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Kỳ,Cấp,Mã đơn vị,Đơn vị,Trạng thái,", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("2025-12,", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Tổng cộng tháng 12 năm 2025", StringComparison.Ordinal));
        Assert.Equal("error: --out must end in .xlsx or .csv, not 'so-lieu.ods'.", bad.Err.Trim());
        Assert.Equal(1, wrongPeriod.Exit);
        Assert.Contains("not 2025-Q4", wrongPeriod.Err, StringComparison.Ordinal);
    }
}
