using System.Text.Json;

namespace DanVan.Tests;

public sealed class SearchCommandTests
{
    [Fact]
    public async Task Search_DemoReports_JsonListsHitsWithinTheFilters()
    {
        await using var database = await Danvan.DemoDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var all = await Danvan.RunAsync(dir, database.Settings, "search", "33/CT-TTg", "--json");
        var tratan = await Danvan.RunAsync(dir, database.Settings, "search", "dan van kheo", "--from", "2025-01", "--to", "2025-Q2", "--json");
        var unit = await Danvan.RunAsync(dir, database.Settings, "search", "\"dân vận khéo\"", "--unit", "qng-tratan", "--json");
        var lineage = await Danvan.RunAsync(dir, database.Settings, "search", "dân vận", "--unit", "QNG-TRATAN", "--with-predecessors", "--limit", "100", "--json");
        var noUnit = await Danvan.RunAsync(dir, database.Settings, "search", "dân vận", "--with-predecessors");
        var text = await Danvan.RunAsync(dir, database.Settings, "search", "đơn thư");
        var hostile = await Danvan.RunAsync(dir, database.Settings, "search", "\"'; DROP TABLE \"Reports\"; -- NEAR(*", "--json");
        var badPeriod = await Danvan.RunAsync(dir, database.Settings, "search", "dân vận", "--from", "tháng 1");
        var badUnit = await Danvan.RunAsync(dir, database.Settings, "search", "dân vận", "--unit", "nope");
        var backwards = await Danvan.RunAsync(dir, database.Settings, "search", "dân vận", "--from", "2025-Q1", "--to", "2024-01");

        Assert.Equal(0, all.Exit);
        var hits = JsonSerializer.Deserialize<JsonElement[]>(all.Out)!;
        Assert.NotEmpty(hits);
        Assert.Equal(["QNG-TRATAN", "LD-BQLDAGT"], hits.Select(h => h.GetProperty("unit").GetString()).Distinct().Order().Reverse());
        Assert.All(hits, h => Assert.Contains("33/CT-TTg", h.GetProperty("snippet").GetString()!, StringComparison.Ordinal));
        Assert.All(hits, h => Assert.True(h.GetProperty("reportId").GetInt32() > 0 && h.GetProperty("section").GetString()!.Length > 0));

        Assert.Equal(0, tratan.Exit);
        var cited = JsonSerializer.Deserialize<JsonElement[]>(tratan.Out)!;
        Assert.NotEmpty(cited);
        // Trà Tân's seed report and the demo's quarters before the 2025 merger; nothing of 2024 or after Q2/2025.
        Assert.Contains(cited, h => h.GetProperty("period").GetString() == "2025-Q1");
        Assert.All(cited, h => Assert.Contains(h.GetProperty("period").GetString(), new[] { "2025-Q1", "2025-Q2" }));
        Assert.All(cited, h => Assert.Contains("khéo", h.GetProperty("snippet").GetString()!, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(0, unit.Exit);
        Assert.All(JsonSerializer.Deserialize<JsonElement[]>(unit.Out)!, h => Assert.Equal("QNG-TRATAN", h.GetProperty("unit").GetString()));
        // Trà Bùi merged into Trà Tân on 1/7/2025: its reports come with the option, never without it.
        Assert.Equal(0, lineage.Exit);
        Assert.Equal(["QNG-TRABUI", "QNG-TRATAN"], JsonSerializer.Deserialize<JsonElement[]>(lineage.Out)!.Select(h => h.GetProperty("unit").GetString()).Distinct().Order());
        Assert.DoesNotContain("QNG-TRABUI", unit.Out, StringComparison.Ordinal);
        Assert.Equal(("error: Unit: Choose a unit to search its predecessors' reports too.", 1), (noUnit.Err.Trim(), noUnit.Exit));
        Assert.Equal(0, text.Exit);
        Assert.Contains("[đơn] [thư]", text.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"\d+\+? section\(s\) found\.", text.Out);
        Assert.Equal(0, hostile.Exit);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(hostile.Out).RootElement.ValueKind);
        Assert.NotEqual(0, badPeriod.Exit);
        Assert.Equal("error: From: 'tháng 1' is not a reporting period; write 2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025.", badPeriod.Err.Trim());
        Assert.Equal(("error: Unit: No unit has the code NOPE.", 1), (badUnit.Err.Trim(), badUnit.Exit));
        Assert.Equal(("error: To: The last period must not come before the first.", 1), (backwards.Err.Trim(), backwards.Exit));
    }
}
