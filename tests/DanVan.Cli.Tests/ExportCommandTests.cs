using DanVan.Core.Word;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan export`, run as users run it, on the demo data of a real database of the run's engine.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public async Task Export_DemoReportByUnitAndPeriod_WritesDocxThatImportsBackAndPdf()
    {
        await using var database = await Danvan.DemoDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        int id;
        await using (var db = database.NewContext())
        {
            id = await db.Reports.Where(r => r.Unit!.Code == "LD-BQLDAGT" && r.Period == "2024-07").Select(r => r.Id).SingleAsync();
        }

        var docx = await Danvan.RunAsync(dir, database.Settings, "export", "--unit", "qng-tratan", "--period", "2025-Q1", "--out", "out/tratan.docx");
        var pdf = await Danvan.RunAsync(dir, database.Settings, "export", "--report", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", "bqlda.pdf");

        Assert.True(docx.Exit == 0, docx.Err);
        Assert.Contains("to out/tratan.docx", docx.Out, StringComparison.Ordinal);
        await using (var file = File.OpenRead(Path.Combine(dir, "out", "tratan.docx")))
        {
            var imported = DocxReader.Read(file);
            Assert.StartsWith("Kết quả triển khai, thực hiện công tác Dân vận chính quyền quý I", imported.Title, StringComparison.Ordinal);
            Assert.Equal("Trà Tân", imported.Place);
            // An accepted report was issued: its number and the date it was sent (18/3/2025).
            Assert.Equal("05/BC-UBND", imported.DocumentNumber);
            Assert.Equal(new DateOnly(2025, 3, 18), imported.Date);
            Assert.Equal("Đinh Văn Sơn", imported.Signer?.Name);
            Assert.Contains(imported.AllSections(), s => s.Heading == "I. KẾT QUẢ THỰC HIỆN");
        }

        Assert.True(pdf.Exit == 0, pdf.Err);
        Assert.StartsWith("%PDF", await File.ReadAllTextAsync(Path.Combine(dir, "bqlda.pdf")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_UnknownUnitOrBadArguments_OneLineErrorAndNonZeroExit()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var unknown = await Danvan.RunAsync(dir, database.Settings, "export", "--unit", "NOPE", "--period", "2025-Q1", "--out", "x.docx");
        var both = await Danvan.RunAsync(dir, database.Settings, "export", "--report", "1", "--unit", "NOPE", "--period", "2025-Q1", "--out", "x.docx");
        var extension = await Danvan.RunAsync(dir, database.Settings, "export", "--report", "1", "--out", "x.odt");

        Assert.NotEqual(0, unknown.Exit);
        Assert.Equal("error: Report of NOPE for 2025-Q1 was not found.", unknown.Err.Trim());
        Assert.Equal("error: Give either --report ID or both --unit CODE and --period P.", both.Err.Trim());
        Assert.Equal("error: --out must end in .docx or .pdf, not 'x.odt'.", extension.Err.Trim());
        Assert.False(File.Exists(Path.Combine(dir, "x.docx")));
    }
}
