using System.Text.Json;
using DanVan.Core.Spreadsheets;
using DanVan.Core.Word;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan consolidate` on a small generated province, as a script would run it.</summary>
public sealed class ConsolidateCommandTests
{
    [Fact]
    public async Task Consolidate_GeneratedProvince_JsonWithSourcesThenDocxWithAppendix()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        var generated = await Danvan.RunAsync(dir, database.Settings, "generate", "--communes", "30", "--departments", "4", "--periods", "1", "--seed", "5");
        Assert.True(generated.Exit == 0, generated.Err);

        var json = await Danvan.RunAsync(dir, database.Settings, "consolidate", "--unit", "G5-P01-SNV", "--period", "2025-12", "--out", "out/tonghop.json");
        var docx = await Danvan.RunAsync(dir, database.Settings, "consolidate", "--unit", "g5-p01", "--period", "2025-12", "--out", "tonghop.docx", "--out", "so-lieu.xlsx");
        var bad = await Danvan.RunAsync(dir, database.Settings, "consolidate", "--unit", "G5-P01", "--period", "2025-12", "--out", "x.odt");
        int sent;
        decimal[] totals;

        Assert.True(json.Exit == 0, json.Err);
        Assert.StartsWith("Drafted consolidated report", json.Out, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "out", "tonghop.json"))))
        {
            var root = doc.RootElement;
            Assert.Equal("2025-12", root.GetProperty("period").GetString());
            Assert.Equal(34, root.GetProperty("units").GetArrayLength());
            var parts = root.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("parts").EnumerateArray()).ToList();
            Assert.Contains(parts, p => p.GetProperty("kind").GetString() == "shared" && p.GetProperty("units").GetArrayLength() > 5);
            Assert.Contains(parts, p => p.GetProperty("kind").GetString() == "aggregate" && p.GetProperty("quantities").GetArrayLength() > 0);
            Assert.All(parts.Where(p => p.TryGetProperty("quantities", out _)).SelectMany(p => p.GetProperty("quantities").EnumerateArray()), q =>
                Assert.Equal(q.GetProperty("value").GetDecimal(), q.GetProperty("sources").EnumerateArray().Sum(x => x.GetProperty("value").GetDecimal())));
            // The generated plan's six typed figures and its rate computed from two of them.
            var columns = root.GetProperty("appendix").GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Equal(7, columns.Count);
            Assert.Contains(columns, c => c.Contains("Tỷ lệ đơn thư đã giải quyết", StringComparison.Ordinal));
            sent = root.GetProperty("units").EnumerateArray().Count(u => u.GetProperty("sent").GetBoolean());
            totals = [.. root.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal())];
        }

        Assert.True(docx.Exit == 0, docx.Err);
        Assert.StartsWith("Refreshed consolidated report", docx.Out, StringComparison.Ordinal);
        await using (var file = File.OpenRead(Path.Combine(dir, "tonghop.docx")))
        {
            var imported = DocxReader.Read(file);
            Assert.StartsWith("Tổng hợp kết quả thực hiện công tác dân vận chính quyền", imported.Title, StringComparison.Ordinal);
        }

        // The figures appendix as a workbook: a row per unit that sent, and the province's total as the draft has it.
        var sheet = Xlsx.ReadFirstSheet(File.OpenRead(Path.Combine(dir, "so-lieu.xlsx")));
        Assert.Contains("so-lieu.xlsx", docx.Out, StringComparison.Ordinal);
        Assert.Equal(sent, sheet.Count(r => r[0] == "2025-12" && r[2].StartsWith("G5-", StringComparison.Ordinal)));
        var total = sheet.Single(r => r[0] == "2025-12" && r[3].StartsWith("Tổng cộng tháng 12 năm 2025", StringComparison.Ordinal));
        Assert.Equal(totals[0], decimal.Parse(total[5], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("error: --out must end in .docx, .pdf, .json or .xlsx, not 'x.odt'.", bad.Err.Trim());
        await using var db = database.NewContext();
        Assert.Equal(1, await db.ConsolidationDrafts.CountAsync());
    }

    /// <summary>
    /// The issue's province of 360 units, rendered as a Sở Nội vụ would send it: the body (before "Nơi nhận" and the
    /// signature) within 15 A4 pages, the periods in words, the JSON saying how many pages the body took.
    /// </summary>
    [Fact]
    [Trait("Database", "postgres")]
    public async Task Consolidate_360Units_PdfBodyWithinFifteenPages()
    {
        if (!File.Exists("/usr/bin/pdftotext") || !File.Exists("/usr/bin/soffice"))
        {
            Assert.Fail("needs LibreOffice and poppler-utils (test.sh installs them)");
        }

        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        var generated = await Danvan.RunAsync(dir, database.Settings, "generate", "--communes", "300", "--departments", "60", "--periods", "1", "--seed", "7");
        Assert.True(generated.Exit == 0, generated.Err);

        var run = await Danvan.RunAsync(dir, database.Settings, "consolidate", "--unit", "G7-P01", "--period", "2025-12", "--out", "tonghop.pdf", "--out", "tonghop.json");

        Assert.True(run.Exit == 0, run.Err);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "tonghop.json")));
        var bodyPages = doc.RootElement.GetProperty("bodyPages").GetInt32();
        Assert.InRange(bodyPages, 2, 15);
        Assert.Contains($"Body: {bodyPages} page(s)", run.Out, StringComparison.Ordinal);
        var text = string.Join("\n", doc.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("heading").GetString() + "\n" + s.GetProperty("text").GetString()));
        Assert.Contains("tháng 12 năm 2025", text, StringComparison.Ordinal);
        Assert.Contains("THÁNG 01 NĂM 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-12", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kỳ tới", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\. \(|\.\.|; \(", text);
    }
}
