using System.Net;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The search box, the results page and GET /api/v1/search, as users and scripts drive them.</summary>
[Collection(WebCollection.Name)]
public sealed class SearchPageTests(DanVanWebFactory app)
{
    private sealed record World(string Tag, int Commune, int Other, string Staff, string OtherStaff, string Consolidator);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        var other = await app.AddUnitAsync($"Y-{tag}", "Ủy ban nhân dân xã Sơn Thử", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"canbo2.{tag}", other, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var world = new World(tag, commune, other, $"canbo.{tag}", $"canbo2.{tag}", $"snv.{tag}");
        await ReportAsync(commune, $"Đăng ký mô hình Dân vận khéo <script>alert(1)</script> ở thôn Kon{tag}.");
        await ReportAsync(other, $"Mô hình Dân vận khéo ở thôn Kon{tag} được nhân rộng.");
        return world;
    }

    private Task<int> ReportAsync(int unitId, string text) => app.WithServicesAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var staff = DanVanWebFactory.SystemAdmin(unitId) with { Roles = new HashSet<string> { Roles.Staff } };
        var id = await reports.CreateAsync(new CreateReport { Period = "2025-Q1" }, staff);
        var version = (await reports.GetAsync(id, staff)).Sections.Single(s => s.Key == "I.3").Version;
        await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.3", Text = text, ExpectedVersion = version }, staff);

        // Sent up, so Sở Nội vụ finds it too (a draft is the unit's own).
        await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, staff with { Roles = new HashSet<string> { Roles.Leader } });
        return id;
    });

    [Fact]
    public async Task SearchPage_WithoutDiacritics_ShowsOwnUnitsHitsMarkedAndEscaped()
    {
        var world = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, world.Staff);

        var (home, homePage) = await staff.GetPageAsync("/reports");
        var (response, page) = await staff.GetPageAsync($"/search?q=dan+van+kheo+kon{world.Tag}");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.NotNull(homePage.QuerySelector("header form.searchbox[action='/search'] input[name=q]"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hit = Assert.Single(page.QuerySelectorAll(".searchresults li"));
        Assert.Contains("Ủy ban nhân dân xã Trà Thử", hit.TextContent, StringComparison.Ordinal);
        Assert.Contains("quý I năm 2025", hit.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Dân vận khéo", hit.QuerySelector(".section")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Dân", "vận", "khéo", $"Kon{world.Tag}"], hit.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Empty(hit.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", hit.QuerySelector(".snippet")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 mục báo cáo khớp", page.QuerySelector(".resultcount")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_ConsolidatorAndFilters_SeeTheProvinceNarrowedByUnit()
    {
        var world = await ArrangeAsync();
        var consolidator = await Browserless.LogInAsync(app, world.Consolidator);

        var (_, all) = await consolidator.GetPageAsync($"/search?q=kon{world.Tag}&sort=Date");
        var (_, one) = await consolidator.GetPageAsync($"/search?q=kon{world.Tag}&unit=y-{world.Tag}&section=I&from=2025-01&to=2025-Q2");
        var (_, none) = await consolidator.GetPageAsync($"/search?q=kon{world.Tag}&status=Accepted");
        var (bad, badPage) = await consolidator.GetPageAsync($"/search?q=kon{world.Tag}&from=sau");

        Assert.Equal(2, all.QuerySelectorAll(".searchresults li").Length);
        Assert.Contains("Sơn Thử", Assert.Single(one.QuerySelectorAll(".searchresults li")).TextContent, StringComparison.Ordinal);
        Assert.Empty(none.QuerySelectorAll(".searchresults li"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("2024-07", Browserless.Errors(badPage), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("'; DROP TABLE \"Reports\"; --")]
    [InlineData("NEAR(* OR !x & y:*")]
    [InlineData("%_%\\")]
    public async Task SearchPage_HostileQuery_AnswersOk(string query)
    {
        var world = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, world.Staff);

        var (response, _) = await staff.GetPageAsync("/search?q=" + Uri.EscapeDataString(query));
        var (junk, _) = await staff.GetPageAsync("/search?q=" + Uri.EscapeDataString(new string('"', 5000) + new string('x', 5000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, junk.StatusCode);
    }

    [Fact]
    public async Task SearchApi_ReturnsOnlyVisibleHitsWithEscapedHtmlSnippet()
    {
        var world = await ArrangeAsync();
        var staff = await ApiClient.LogInAsync(app, world.Staff);
        var consolidator = await ApiClient.LogInAsync(app, world.Consolidator);

        var own = await staff.ReadAsync<JsonElement>($"/api/v1/search?q=kon{world.Tag}");
        var province = await consolidator.ReadAsync<JsonElement>($"/api/v1/search?q=Dân+vận+kon{world.Tag}");
        var bad = await consolidator.GetAsync($"/api/v1/search?q=x&from=sau");

        Assert.Equal(1, own.GetProperty("total").GetInt32());
        var hit = own.GetProperty("hits")[0];
        Assert.Equal($"X-{world.Tag}".ToUpperInvariant(), hit.GetProperty("unit").GetString());
        Assert.Equal("2025-Q1", hit.GetProperty("period").GetString());
        Assert.Equal("I.3", hit.GetProperty("section").GetString());
        Assert.Contains("&lt;script&gt;", hit.GetProperty("snippetHtml").GetString(), StringComparison.Ordinal);
        Assert.Contains($"<mark>Kon{world.Tag}</mark>", hit.GetProperty("snippetHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, province.GetProperty("total").GetInt32());
        await ApiClient.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
    }
}
