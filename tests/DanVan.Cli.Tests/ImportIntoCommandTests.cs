using System.Text.Json;
using DanVan.Core;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan import DIR --into --period P`: a province loading the month after the history `danvan generate` wrote.</summary>
public sealed class ImportIntoCommandTests
{
    [Fact]
    public async Task ImportInto_MonthAfterGeneratedHistory_CreatesReportsExtendsThePlanTableThenJsonSkipsThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        var generated = await Danvan.RunAsync(dir, database.Settings, "generate", "--communes", "4", "--departments", "1", "--periods", "2", "--until", "2025-02", "--seed", "7", "--reports-text", "short");
        Assert.True(generated.Exit == 0, generated.Err);
        var files = Directory.CreateDirectory(Path.Combine(dir, "thang-3")).FullName;
        foreach (var name in new[] { "an-binh.docx", "hoa-phu.docx", "cam-thanh.docx", "thang-2.docx" })
        {
            File.Copy(Fixtures.Import("bulk/" + name), Path.Combine(files, name));
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "map.csv"), "file,unitCode\nan-binh.docx,G7-P01-X0001\nhoa-phu.docx,g7-p01-x0003\n");

        var table = await Danvan.RunAsync(dir, database.Settings, "import", "thang-3", "--into", "--period", "2025-03", "--map", "map.csv", "--status", "sent");
        var json = await Danvan.RunAsync(dir, database.Settings, "import", "thang-3", "--into", "--period", "2025-03", "--map", "map.csv", "--json");

        Assert.Equal(1, table.Exit);
        Assert.Contains("Plan 1, 2025-03: 2 created, 0 skipped, 2 failed; the plan now runs to 2025-03", table.Out, StringComparison.Ordinal);
        foreach (var word in new[] { "an-binh.docx", "G7-P01-X0001", "created", "cam-thanh.docx", "failed", "No unit named" })
        {
            Assert.Contains(word, table.Out, StringComparison.Ordinal);
        }

        Assert.Equal(1, json.Exit);
        using (var doc = JsonDocument.Parse(json.Out))
        {
            var root = doc.RootElement;
            Assert.Equal((0, 2, 2, false), (root.GetProperty("created").GetInt32(), root.GetProperty("skipped").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("planExtended").GetBoolean()));
            var byFile = root.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!);
            Assert.Equal(("skipped", "G7-P01-X0001"), (byFile["an-binh.docx"].GetProperty("outcome").GetString(), byFile["an-binh.docx"].GetProperty("unit").GetString()));
            Assert.StartsWith("a report already exists (id ", byFile["an-binh.docx"].GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("No unit named \"ỦY BAN NHÂN DÂN PHƯỜNG CẨM THÀNH\" reports under plan 1 for 2025-03; list the file in --map.", byFile["cam-thanh.docx"].GetProperty("reason").GetString());
            Assert.Equal("The file reports on 2025-02, not 2025-03.", byFile["thang-2.docx"].GetProperty("reason").GetString());
        }

        await using var db = database.NewContext();
        Assert.Equal("2025-03", await db.Plans.Select(p => p.LastPeriod).SingleAsync());
        var imported = await db.Reports.Where(r => r.Period == "2025-03").Include(r => r.Unit).OrderBy(r => r.Unit!.Code).ToListAsync();
        Assert.Equal(["G7-P01-X0001", "G7-P01-X0003"], imported.Select(r => r.Unit!.Code));
        Assert.All(imported, r => Assert.Equal(ReportStatus.Submitted, r.Status));
        Assert.Equal([new DateOnly(2025, 3, 17), new DateOnly(2025, 3, 24)], imported.Select(r => VietnamTime.DateOf(r.SubmittedAt!.Value)));
        Assert.Equal(2, await db.ReportAttachments.CountAsync());
        Assert.Contains(await db.ReportTransitions.Where(t => t.ReportId == imported[0].Id).Select(t => t.Comment).ToListAsync(), c => c!.Contains("nhập từ tệp Word \"an-binh.docx\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "--period", "2025-03" }, "error: --period needs --into.")]
    [InlineData(new[] { "--into" }, "error: --into needs --period, e.g. --period 2025-12.")]
    [InlineData(new[] { "--into", "--period", "2025-03", "--status", "done" }, "error: --status 'done' is not one of draft, sent, accepted.")]
    [InlineData(new[] { "--into", "--period", "2025-03", "--map", "nope.csv" }, "error: No such map file: nope.csv")]
    public async Task ImportInto_BadArguments_OneEnglishLine(string[] args, string expected)
    {
        var result = await Danvan.RunAsync(Path.GetTempPath(), null, ["import", Fixtures.Import("bulk/an-binh.docx"), .. args]);

        Assert.NotEqual(0, result.Exit);
        Assert.Equal(expected, result.Err.Trim());
    }
}
