using System.Net;
using System.Text.Json;
using DanVan.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>Issue 19.3: a successor's page and API list its predecessors' reports and who reported each period.</summary>
[Collection(WebCollection.Name)]
public sealed class UnitPageTests(DanVanWebFactory app)
{
    private async Task<int> SuccessorAsync(MergedCommunes w)
    {
        await using var db = app.NewDbContext();
        return await db.Reports.Where(r => r.Id == w.Report).Select(r => r.UnitId).SingleAsync();
    }

    [Fact]
    public async Task UnitPage_MergedCommune_PredecessorsReportsUnderTheirNamesAndWhoReportedBeforeTheMerger()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var successor = await SuccessorAsync(w);
        var browser = await Browserless.LogInAsync(app, w.Consolidator);

        var (response, page) = await browser.GetPageAsync($"/units/{successor}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ủy ban nhân dân xã Trà Tân Mới", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal([w.Report.ToString(System.Globalization.CultureInfo.InvariantCulture)], page.QuerySelectorAll("#own-reports tr[data-report]").Select(r => r.GetAttribute("data-report")));
        var predecessors = page.QuerySelectorAll("#predecessors article.predecessor");
        Assert.Equal(["Ủy ban nhân dân xã Trà Bùi", "Ủy ban nhân dân xã Trà Tân"], predecessors.Select(p => p.QuerySelector("h3")!.FirstChild!.TextContent.Trim()).Order(StringComparer.Ordinal));
        Assert.All(predecessors, p =>
        {
            Assert.Contains("Sáp nhập ngày 01/07/2025 — Căn cứ pháp lý: Nghị quyết số 1677/NQ-UBTVQH15", p.QuerySelector(".event")!.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Contains("Quý II năm 2025", Assert.Single(p.QuerySelectorAll("tr[data-report]")).TextContent, StringComparison.Ordinal);
        });
        var before = page.QuerySelector("#completeness .reported-before")!.TextContent;
        Assert.StartsWith("Trước ngày 01/07/2025: do ", before, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân xã Trà Bùi", before, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("#history tr[data-period='2025-Q2']").Length);
        Assert.Contains("Đúng hạn", page.QuerySelector($"#history tr[data-period='2025-Q3'][data-unit='{successor}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitPage_StaffOfAnotherUnit_NotFoundOnThePageAndTheApi()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var successor = await SuccessorAsync(w);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var other = await app.AddUnitAsync($"O-{tag}", "Ủy ban nhân dân xã Khác", parentId: null);
        await app.AddUserAsync($"khac.{tag}", other, Roles.Staff);

        var (response, _) = await (await Browserless.LogInAsync(app, $"khac.{tag}")).GetPageAsync($"/units/{successor}");
        var api = await (await ApiClient.LogInAsync(app, $"khac.{tag}")).GetAsync($"/api/v1/units/{successor}/reports");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task Api_UnitReports_WithAndWithoutPredecessors()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var successor = await SuccessorAsync(w);
        var api = await ApiClient.LogInAsync(app, w.Consolidator);

        var body = await api.ReadAsync<JsonElement>($"/api/v1/units/{successor}/reports?withPredecessors=true");
        var alone = await api.ReadAsync<JsonElement>($"/api/v1/units/{successor}/reports?withPredecessors=false");

        var predecessors = body.GetProperty("predecessors").EnumerateArray().ToList();
        Assert.Equal(2, predecessors.Count);
        Assert.All(predecessors, p =>
        {
            Assert.Equal(("Merged", "2025-07-01"), (p.GetProperty("link").GetProperty("kind").GetString(), p.GetProperty("link").GetProperty("on").GetString()));
            Assert.Equal("2025-Q2", Assert.Single(p.GetProperty("reports").EnumerateArray()).GetProperty("period").GetString());
        });
        var q2 = body.GetProperty("history").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2025-Q2");
        Assert.True(q2.GetProperty("byPredecessors").GetBoolean());
        Assert.Equal(2, q2.GetProperty("units").GetArrayLength());
        Assert.Equal(0, alone.GetProperty("predecessors").GetArrayLength());
        Assert.DoesNotContain(alone.GetProperty("history").EnumerateArray(), p => p.GetProperty("period").GetString() == "2025-Q2");
    }

    [Fact]
    public async Task SearchPage_PredecessorsTicked_KeptTickedAndWithoutAUnitSaysToChooseOne()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var successor = await SuccessorAsync(w);
        await using var db = app.NewDbContext();
        var code = await db.Units.Where(u => u.Id == successor).Select(u => u.Code).SingleAsync();
        var browser = await Browserless.LogInAsync(app, w.Consolidator);

        var (ok, chosen) = await browser.GetPageAsync($"/search?q=d%C3%A2n+v%E1%BA%ADn&unit={code}&predecessors=true");
        var (refused, page) = await browser.GetPageAsync("/search?q=d%C3%A2n+v%E1%BA%ADn&predecessors=true");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotNull(chosen.QuerySelector("#predecessors[checked]"));
        Assert.Equal(code, chosen.QuerySelector("#unit option[selected]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Chọn đơn vị để tìm cả trong báo cáo của các đơn vị tiền thân.", Browserless.Errors(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#predecessors[checked]"));
    }
}
