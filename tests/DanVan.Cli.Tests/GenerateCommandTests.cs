using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan generate` run as a script would: JSON on stdout, data in the configured database.</summary>
public sealed class GenerateCommandTests
{
    [Fact]
    public async Task GenerateJson_TinyScale_PrintsWhatItMadeAndItIsThere()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var (exit, stdout, stderr, _) = await Danvan.RunAsync(dir, database.Settings, "generate", "--provinces", "2", "--communes", "5", "--departments", "3", "--periods", "2", "--seed", "3", "--json");
        var bad = await Danvan.RunAsync(dir, database.Settings, "generate", "--period-type", "week");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["G3-P01", "G3-P02"], root.GetProperty("provinces").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("G3-P01-SNV", root.GetProperty("provinces")[0].GetProperty("consolidator").GetString());
        Assert.Equal(8, root.GetProperty("provinces").EnumerateArray().Sum(p => p.GetProperty("units").GetInt32()));
        Assert.Equal(["2025-11", "2025-12"], root.GetProperty("periods").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, root.GetProperty("plans").GetInt32());
        Assert.Equal(16, root.GetProperty("onTime").GetInt32() + root.GetProperty("late").GetInt32() + root.GetProperty("missing").GetInt32());
        await using var db = database.NewContext();
        Assert.Equal(root.GetProperty("reports").GetInt32(), await db.Reports.CountAsync());
        Assert.Equal(root.GetProperty("sections").GetInt32(), await db.ReportSections.CountAsync());
        Assert.NotEqual(0, bad.Exit);
        Assert.Equal("error: PeriodType: --period-type 'week' is not supported; use month or quarter.", bad.Err.Trim());
    }
}
