using System.Net;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// The dashboard, the reports list and their API as of a day, across the arrangement of 1/7/2025: district H is
/// dissolved and its commune X1 merges into XA, beside commune Y; a quarterly plan under Decree 09 windows.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AsOfPageTests(DanVanWebFactory app)
{
    private const string Basis = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025";

    private sealed record Arranged(string Tag, int PlanId, int X1Report, int XaReport, string Consolidator);

    private async Task<Arranged> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var district = await app.AddUnitAsync($"H-{tag}", "Ủy ban nhân dân huyện Trà Bồng", UnitKind.District, province);
        var x1 = await app.AddUnitAsync($"X1-{tag}", "Ủy ban nhân dân xã Trà Bùi", UnitKind.Commune, district);
        await app.AddUnitAsync($"Y-{tag}", "Ủy ban nhân dân xã Bình Sơn", UnitKind.Commune, province);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var planId = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 4, 1)) with
            {
                Number = "42/KH-UBND",
                Summary = "Báo cáo hằng quý",
                Semantics = PeriodSemantics.Decree09,
                FirstPeriod = "2025-Q2",
                LastPeriod = "2025-Q4",
            },
            consolidator));
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReorganisationService>().ApplyAsync(
            [
                new ReorganisationRow
                {
                    Row = 2, Code = $"XA-{tag}", Name = "Ủy ban nhân dân xã Trà Tân", Kind = "xã", ParentCode = $"P-{tag}", EffectiveOn = new DateOnly(2025, 7, 1),
                    Predecessors = Reorganisation.ParsePredecessors($"X1-{tag}", out _)!, LegalBasis = Basis,
                },
                new ReorganisationRow { Row = 3, Code = $"H-{tag}", EffectiveOn = new DateOnly(2025, 7, 1), Predecessors = [], LegalBasis = Basis, Dissolve = true },
            ],
            DanVanWebFactory.SystemAdmin(province)));
        await using var db = app.NewDbContext();
        var xa = db.Units.Single(u => u.Code == $"XA-{tag}").Id;
        var x1Report = new Report { UnitId = x1, Period = "2025-Q2", Title = "Báo cáo quý II năm 2025", Status = ReportStatus.Submitted, PlanId = planId, SubmittedAt = new DateTime(2025, 6, 18, 3, 0, 0, DateTimeKind.Utc) };
        var xaReport = new Report { UnitId = xa, Period = "2025-Q3", Title = "Báo cáo quý III năm 2025", Status = ReportStatus.Submitted, PlanId = planId, SubmittedAt = new DateTime(2025, 9, 18, 3, 0, 0, DateTimeKind.Utc) };
        db.Reports.AddRange(x1Report, xaReport);
        await db.SaveChangesAsync();
        return new Arranged(tag, planId, x1Report.Id, xaReport.Id, $"snv.{tag}");
    }

    [Fact]
    public async Task Dashboard_OnTheDayBeforeTheMerger_ThatDaysUnits_Today_TheSuccessorAndTheNote()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Consolidator);

        var (thenResponse, then) = await browser.GetPageAsync($"/consolidation?plan={u.PlanId}&period=2025-Q3&on=2025-06-30");
        var (_, now) = await browser.GetPageAsync($"/consolidation?plan={u.PlanId}&period=2025-Q3");
        var (typedResponse, typed) = await browser.GetPageAsync($"/consolidation?plan={u.PlanId}&on=30%2F06%2F2025");
        var (badResponse, bad) = await browser.GetPageAsync($"/consolidation?plan={u.PlanId}&on=31%2F02%2F2025");

        Assert.Equal(HttpStatusCode.OK, thenResponse.StatusCode);
        Assert.Equal("30/06/2025", then.QuerySelector("input#on")!.GetAttribute("value"));
        Assert.NotNull(then.QuerySelector($"#completeness tr[data-unit='H-{u.Tag}']"));
        Assert.Null(then.QuerySelector($"#completeness tr[data-unit='XA-{u.Tag}']"));
        Assert.Contains("30/06/2025", then.QuerySelector("#as-of")!.TextContent, StringComparison.Ordinal);
        Assert.Null(then.QuerySelector("#period-reorganisation"));
        Assert.All(then.QuerySelectorAll("#crumbs a, #completeness a[href^='/consolidation']"), a => Assert.Contains("on=2025-06-30", a.GetAttribute("href"), StringComparison.Ordinal));

        Assert.NotNull(now.QuerySelector($"#completeness tr[data-unit='XA-{u.Tag}']"));
        Assert.Null(now.QuerySelector($"#completeness tr[data-unit='H-{u.Tag}']"));
        Assert.Null(now.QuerySelector("#as-of"));
        Assert.Equal(
            $"Kỳ này có sắp xếp đơn vị ngày 01/07/2025 ({Basis}); danh sách đơn vị phải báo cáo lấy theo ngày chốt số liệu 14/09/2025.",
            now.QuerySelector("#period-reorganisation")!.TextContent.Trim());

        // Typed as on the page, and the quarter under way that day is the one shown.
        Assert.Equal(HttpStatusCode.OK, typedResponse.StatusCode);
        Assert.Equal("2025-Q3", typed.QuerySelector("#period option[selected]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.Contains("không hợp lệ", Browserless.Errors(bad), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsList_On_UnitsInScopeThatDay_FilterOffersThem_ReportPageOfTheStraddlingQuarterSaysSo()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Consolidator);

        var (_, before) = await browser.GetPageAsync("/reports?on=2025-06-30");
        var (_, after) = await browser.GetPageAsync("/reports?on=01%2F07%2F2025");
        var (_, all) = await browser.GetPageAsync("/reports");
        var (_, straddling) = await browser.GetPageAsync($"/reports/{u.XaReport}");
        var (_, before2) = await browser.GetPageAsync($"/reports/{u.X1Report}");

        Assert.Equal([$"/reports/{u.X1Report}"], Links(before));
        Assert.Contains(before.QuerySelectorAll("#Unit option"), o => o.GetAttribute("value") == $"X1-{u.Tag}");
        Assert.DoesNotContain(before.QuerySelectorAll("#Unit option"), o => o.GetAttribute("value") == $"XA-{u.Tag}");
        Assert.NotNull(before.QuerySelector("#as-of"));
        Assert.Equal([$"/reports/{u.XaReport}"], Links(after));
        Assert.Equal(new[] { $"/reports/{u.X1Report}", $"/reports/{u.XaReport}" }.Order(), Links(all).Order());
        Assert.Contains("ngày chốt số liệu 14/09/2025", straddling.QuerySelector("#period-reorganisation")!.TextContent, StringComparison.Ordinal);
        Assert.Null(before2.QuerySelector("#period-reorganisation"));
    }

    [Fact]
    public async Task Api_CompletenessAndReportsOn_AsThePagesSeeThem_BadDayProblem()
    {
        var u = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, u.Consolidator);

        var then = await api.ReadAsync<JsonElement>($"/api/v1/completeness?plan={u.PlanId}&period=2025-Q3&on=2025-06-30");
        var now = await api.ReadAsync<JsonElement>($"/api/v1/completeness?plan={u.PlanId}&period=2025-Q3");
        var reportsThen = await api.ReadAsync<JsonElement>("/api/v1/reports?on=2025-06-30");
        var bad = await api.GetAsync("/api/v1/completeness?on=hom-qua");
        var badList = await api.GetAsync("/api/v1/reports?on=2025-13-01");

        Assert.Equal("2025-06-30", then.GetProperty("asOf").GetString());
        Assert.Equal(new[] { $"H-{u.Tag}", $"Y-{u.Tag}" }.Order(), then.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()).Order());
        Assert.Equal(JsonValueKind.Null, then.GetProperty("reorganisation").ValueKind);
        Assert.Equal(new[] { $"XA-{u.Tag}", $"Y-{u.Tag}" }.Order(), now.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()).Order());
        Assert.Equal("2025-09-14", now.GetProperty("reorganisation").GetProperty("cutoff").GetString());
        Assert.Equal(Basis, now.GetProperty("reorganisation").GetProperty("days")[0].GetProperty("legalBases")[0].GetString());
        Assert.Equal([u.X1Report], reportsThen.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        await ApiClient.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        await ApiClient.AssertProblemAsync(badList, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnotherDaysViews_SayTheDayAndOfferNoAction_TodaysOfferThem()
    {
        var u = await ArrangeAsync();
        await using (var db = app.NewDbContext())
        {
            await app.AddUserAsync($"canbo.{u.Tag}", db.Units.Single(x => x.Code == $"XA-{u.Tag}").Id, Roles.Staff);
            await app.AddUserAsync($"qt.{u.Tag}", db.Units.Single(x => x.Code == $"P-{u.Tag}").Id, Roles.Admin);
        }

        var consolidator = await Browserless.LogInAsync(app, u.Consolidator);
        var staff = await Browserless.LogInAsync(app, $"canbo.{u.Tag}");
        var admin = await Browserless.LogInAsync(app, $"qt.{u.Tag}");

        var (_, dashboardThen) = await consolidator.GetPageAsync($"/consolidation?plan={u.PlanId}&period=2025-Q3&on=2025-06-30");
        var (_, dashboardNow) = await consolidator.GetPageAsync($"/consolidation?plan={u.PlanId}&period=2025-Q3");
        var (_, listThen) = await consolidator.GetPageAsync("/reports?on=2025-06-30");
        var (_, listNow) = await consolidator.GetPageAsync("/reports");
        var (_, ownThen) = await staff.GetPageAsync("/reports?on=30%2F06%2F2025");
        var (_, ownNow) = await staff.GetPageAsync("/reports");
        var (_, treeThen) = await admin.GetPageAsync("/admin/units?On=30%2F06%2F2025");
        var (_, treeNow) = await admin.GetPageAsync("/admin/units");

        foreach (var (then, today) in new[] { (dashboardThen, $"/consolidation?plan={u.PlanId}"), (listThen, "/reports"), (ownThen, "/reports"), (treeThen, "/admin/units") })
        {
            Assert.StartsWith("Đang xem theo ngày 30/06/2025.", then.QuerySelector("#as-of")!.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal(today, then.QuerySelector("#as-of-today")!.GetAttribute("href"));
        }

        // The dashboard: no "Đôn đốc", consolidation, import or deadline that day; reading its figures stays.
        Assert.Empty(dashboardThen.QuerySelectorAll("#nudge, #consolidate-form, #bulk-import-box, main form[method='post']"));
        Assert.NotNull(dashboardThen.QuerySelector("#figures-export"));
        Assert.NotNull(dashboardNow.QuerySelector("#nudge-button"));
        Assert.NotNull(dashboardNow.QuerySelector("#consolidate-form"));
        Assert.NotNull(dashboardNow.QuerySelector("#bulk-import-box"));
        // The reports list: X1's submitted report is listed that day, but accepted from today's list only.
        Assert.NotNull(listThen.QuerySelector($"#reports a[href='/reports/{u.X1Report}']"));
        Assert.Empty(listThen.QuerySelectorAll("#bulk-accept, input[name='Selected']"));
        Assert.NotNull(listNow.QuerySelector($"#select-{u.X1Report}"));
        Assert.Empty(ownThen.QuerySelectorAll("#new-report, #open-periods, main form[method='post']"));
        Assert.NotNull(ownNow.QuerySelector("#new-report"));
        Assert.Null(ownNow.QuerySelector("#as-of"));
        // The unit tree: no adding or reorganising, and each name leads to the unit's reports rather than its edit page.
        Assert.Null(treeThen.QuerySelector("#reorganise"));
        Assert.Null(treeThen.QuerySelector("a[href='/admin/units/new']"));
        Assert.Empty(treeThen.QuerySelectorAll("#units a[href^='/admin/units/']"));
        Assert.NotEmpty(treeThen.QuerySelectorAll("#units a[href^='/units/']"));
        Assert.NotNull(treeNow.QuerySelector("#reorganise"));
    }

    [Fact]
    public async Task ChangeSentWithAnotherDay_RefusedOnThePageAndTheApi_WithoutIt_Done()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Consolidator);
        var api = await ApiClient.LogInAsync(app, u.Consolidator);
        var (_, today) = await browser.GetPageAsync("/reports");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)today.QuerySelector("#bulk-accept")!;
        form.SetAttribute("action", form.GetAttribute("action") + "&on=2025-06-30");

        var page = await browser.PostFormAsync(form, "/reports", new() { ["Selected"] = u.X1Report.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var refusedPage = await Browserless.ParseAsync(page);
        var accept = await api.PostAsync("/api/v1/reports/accept?on=2025-06-30", new { reportIds = new[] { u.X1Report } });
        var nudge = await api.PostAsync($"/api/v1/plans/{u.PlanId}/nudge?on=30/06/2025", new { period = "2025-Q3" });
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(ReportStatus.Submitted, db.Reports.Single(r => r.Id == u.X1Report).Status);
        }

        var accepted = await api.PostAsync("/api/v1/reports/accept", new { reportIds = new[] { u.X1Report } });

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Đang xem theo ngày 30/06/2025: thao tác này thay đổi số liệu hôm nay.", Browserless.Errors(refusedPage), StringComparison.Ordinal);
        Assert.Contains("Đang xem theo ngày 30/06/2025", (await ApiClient.AssertProblemAsync(accept, HttpStatusCode.BadRequest)).GetProperty("title").GetString(), StringComparison.Ordinal);
        await ApiClient.AssertProblemAsync(nudge, HttpStatusCode.BadRequest);
        await ApiClient.EnsureStatusAsync(accepted, HttpStatusCode.OK);
        await using var after = app.NewDbContext();
        Assert.Equal(ReportStatus.Accepted, after.Reports.Single(r => r.Id == u.X1Report).Status);
    }

    private static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("a[href^='/reports/']").Select(a => a.GetAttribute("href")!).Where(h => h.Count(c => c == '/') == 2 && !h.Contains('?', StringComparison.Ordinal)).Distinct().ToList();
}
