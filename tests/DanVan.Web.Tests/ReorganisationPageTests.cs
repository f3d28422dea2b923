using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// /admin/units/reorganise and /api/v1/reorganisations: form or file → preview of the effect → confirm, refused whole
/// with row-numbered reasons; the tree as of a day and a unit's lineage over the API.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ReorganisationPageTests(DanVanWebFactory app)
{
    private const string Basis = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025";

    private sealed record World(string Tag, int Province, int District, int X1, int X2, string P, string H, string C1, string C2, Browserless Admin);

    /// <summary>P → H → X1 (a staff member, a draft report for Q3/2025), X2; a consolidator of P; a plan of P for every unit below it.</summary>
    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var t = tag.ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{t}", $"Ủy ban nhân dân tỉnh Thử {t}", UnitKind.Province);
        var district = await app.AddUnitAsync($"H-{t}", $"Ủy ban nhân dân huyện Trà Bồng {t}", UnitKind.District, province);
        var x1 = await app.AddUnitAsync($"X1-{t}", $"Ủy ban nhân dân xã Trà Tân {t}", UnitKind.Commune, district);
        var x2 = await app.AddUnitAsync($"X2-{t}", $"Ủy ban nhân dân xã Trà Sơn {t}", UnitKind.Commune, district);
        await app.AddUserAsync($"qt.{tag}", province, Roles.Admin);
        await app.AddUserAsync($"th.{tag}", province, Roles.Consolidator, "Lê Tổng Hợp");
        await app.AddUserAsync($"cb.{tag}", x1, Roles.Staff, "Phạm Cán Bộ");
        await using (var db = app.NewDbContext())
        {
            db.Plans.Add(new Plan
            {
                OwnerUnitId = province,
                Number = $"42/KH-{t}",
                Summary = "Báo cáo công tác dân vận hằng quý",
                FirstPeriod = "2025-Q1",
                PeriodType = Core.Periods.PeriodType.Quarter,
                Audience = AudienceKind.Subtree,
                IssuedOn = new DateOnly(2025, 1, 2),
                // A rule the plan form would accept: the default (day 0 of the month) is no date, and broke every unit
                // page's completeness history (which reads all plans) in a database shared with later tests.
                UnitDeadlineKind = DeadlineKind.WorkingDaysAfterCutoff,
                UnitDeadlineValue = 3,
                OwnerDeadlineKind = DeadlineKind.WorkingDaysAfterCutoff,
                OwnerDeadlineValue = 5,
                CreatedBy = "test",
            });
            db.Reports.Add(new Report { UnitId = x1, Period = "2025-Q3", Title = "Báo cáo quý III năm 2025", Status = ReportStatus.Draft });
            await db.SaveChangesAsync();
        }

        return new World(tag, province, district, x1, x2, $"P-{t}", $"H-{t}", $"X1-{t}", $"X2-{t}", await Browserless.LogInAsync(app, $"qt.{tag}"));
    }

    [Fact]
    public async Task MergeForm_PreviewShowsPlansReportsUsersAndScopes_ConfirmApplies()
    {
        var w = await ArrangeAsync();
        var successor = $"XA-{w.Tag.ToUpperInvariant()}";

        var preview = await w.Admin.SubmitAsync("/admin/units/reorganise", "#change", new()
        {
            ["Input.Action"] = "Merge",
            ["Input.Code"] = successor,
            ["Input.Name"] = "Ủy ban nhân dân xã Trà Bồng",
            ["Input.Kind"] = "Commune",
            ["Input.ParentCode"] = w.P,
            ["Input.Predecessors"] = $"{w.C1}; {w.C2}",
            ["Input.EffectiveOn"] = "01/07/2025",
            ["Input.LegalBasis"] = Basis,
        });

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await Browserless.ParseAsync(preview);
        Assert.Contains($"Thành lập Ủy ban nhân dân xã Trà Bồng ({successor}) trên cơ sở Ủy ban nhân dân xã Trà Tân", page.QuerySelector("#preview-changes")!.TextContent, StringComparison.Ordinal);
        var plan = page.QuerySelectorAll("#preview-plans tbody tr").Single(r => r.TextContent.Contains($"42/KH-{w.Tag.ToUpperInvariant()}", StringComparison.Ordinal));
        Assert.Contains("quý III năm 2025", plan.TextContent, StringComparison.Ordinal);
        Assert.Contains("xã Trà Tân", plan.Children[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("xã Trà Bồng", plan.Children[3].TextContent, StringComparison.Ordinal);
        Assert.Contains("quý III năm 2025", Assert.Single(page.QuerySelectorAll("#preview-reports tbody tr")).TextContent, StringComparison.Ordinal);
        var user = Assert.Single(page.QuerySelectorAll("#preview-users tbody tr"));
        Assert.Contains("Phạm Cán Bộ", user.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân xã Trà Bồng", user.Children[2].TextContent, StringComparison.Ordinal);
        var scope = Assert.Single(page.QuerySelectorAll("#preview-scopes tbody tr"));
        Assert.Equal(["1", "2"], scope.Children.Skip(2).Select(c => c.TextContent.Trim()));
        await using (var db = app.NewDbContext())
        {
            Assert.False(await db.Units.AnyAsync(u => u.Code == successor));
        }

        var confirmed = await w.Admin.PostFormAsync((IHtmlFormElement)page.QuerySelector("#confirm")!, "/admin/units/reorganise", []);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using (var db = app.NewDbContext())
        {
            var id = await db.Units.Where(u => u.Code == successor).Select(u => u.Id).SingleAsync();
            Assert.Equal(new DateOnly(2025, 7, 1), await db.Units.Where(u => u.Id == w.X1).Select(u => u.ClosedOn).SingleAsync());
            Assert.Equal(Basis, await db.UnitEvents.Where(e => e.UnitId == w.X2 && e.RelatedUnitId == id).Select(e => e.LegalBasis).SingleAsync());
            Assert.Equal(1, await db.Reports.CountAsync(r => r.UnitId == w.X1));
        }
    }

    [Fact]
    public async Task Confirm_UsersOfTheMergedUnitListed_MoveAllPutsThemInTheSuccessorAndEndsTheirOldToken()
    {
        var w = await ArrangeAsync();
        var successor = $"XA-{w.Tag.ToUpperInvariant()}";
        var staffApi = await ApiClient.LogInAsync(app, $"cb.{w.Tag}");
        var tokenBefore = await staffApi.GetAsync("/api/v1/units");
        var preview = await w.Admin.SubmitAsync("/admin/units/reorganise", "#change", new()
        {
            ["Input.Action"] = "Merge",
            ["Input.Code"] = successor,
            ["Input.Name"] = "Ủy ban nhân dân xã Trà Bồng",
            ["Input.Kind"] = "Commune",
            ["Input.ParentCode"] = w.P,
            ["Input.Predecessors"] = $"{w.C1}; {w.C2}",
            ["Input.EffectiveOn"] = "01/07/2025",
            ["Input.LegalBasis"] = Basis,
        });
        var previewPage = await Browserless.ParseAsync(preview);

        var confirmed = await w.Admin.PostFormAsync((IHtmlFormElement)previewPage.QuerySelector("#confirm")!, "/admin/units/reorganise", []);
        var (_, listed) = await w.Admin.GetPageAsync("/admin/units/reorganise");
        var moved = await w.Admin.PostFormAsync((IHtmlFormElement)listed.QuerySelector("#move-all")!, "/admin/units/reorganise", []);
        var (_, after) = await w.Admin.GetPageAsync("/admin/units/reorganise");
        var tokenAfter = await staffApi.GetAsync("/api/v1/units");

        Assert.Equal("/admin/units/reorganise#people", confirmed.Headers.Location?.OriginalString);
        var row = listed.QuerySelector($"#people-list tr[data-user='cb.{w.Tag}']")!;
        Assert.Contains("xã Trà Tân", row.Children[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân xã Trà Bồng", ((IHtmlSelectElement)row.QuerySelector("select")!).SelectedOptions.Single().TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Null(after.QuerySelector($"#people-list tr[data-user='cb.{w.Tag}']"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (tokenBefore.StatusCode, tokenAfter.StatusCode));
        await using var db = app.NewDbContext();
        Assert.Equal(await db.Units.Where(u => u.Code == successor).Select(u => u.Id).SingleAsync(), await db.Users.Where(u => u.UserName == $"cb.{w.Tag}").Select(u => u.UnitId).SingleAsync());
    }

    [Fact]
    public async Task UnitsPage_OnADay_TheTreeOfThatDay_AMistypedDay400()
    {
        var w = await ArrangeAsync();
        var successor = $"XA-{w.Tag.ToUpperInvariant()}";
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReorganisationService>().ApplyAsync(
            [new ReorganisationRow { Row = 1, Code = successor, Name = "Ủy ban nhân dân xã Trà Bồng", Kind = "xã", ParentCode = w.P, EffectiveOn = new DateOnly(2025, 7, 1), LegalBasis = Basis, Predecessors = [new(w.C1), new(w.C2)] }],
            DanVanWebFactory.SystemAdmin(w.Province)));

        var (_, before) = await w.Admin.GetPageAsync("/admin/units?On=30/06/2025");
        var (_, after) = await w.Admin.GetPageAsync("/admin/units?On=01/07/2025");
        var (bad, badPage) = await w.Admin.GetPageAsync("/admin/units?On=31/02/2025");

        // Each code with its depth in that day's tree (the name cell's class).
        static Dictionary<string, string> Rows(IHtmlDocument page) => page.QuerySelectorAll("#units tbody tr")
            .ToDictionary(tr => tr.Children[1].TextContent.Trim(), tr => tr.Children[0].ClassName ?? "");
        var (was, now) = (Rows(before), Rows(after));
        Assert.Equal("depth-3", was[w.C1]);
        Assert.False(was.ContainsKey(successor));
        Assert.Equal("depth-2", now[successor]);
        Assert.False(now.ContainsKey(w.C1) || now.ContainsKey(w.C2));
        Assert.Contains("01/07/2025", after.QuerySelector("#as-of")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Ngày \"31/02/2025\" không hợp lệ", Browserless.Errors(badPage), StringComparison.Ordinal);
        Assert.True(Rows(badPage).ContainsKey(w.C1) && Rows(badPage).ContainsKey(successor));
    }

    [Fact]
    public async Task Upload_WrongRows_400WithEveryReasonByRowAndNothingSaved()
    {
        var w = await ArrangeAsync();
        var csv = "Mã,Tên,Loại,Trực thuộc,Ngày hiệu lực,Đơn vị tiền thân,Căn cứ pháp lý\n"
            + $"XA-{w.Tag},Xã A,xã,{w.P},01/07/2025,{w.C1}; {w.C2},{Basis}\n"
            + $"XB-{w.Tag},Xã B,xã,{w.P},01/07/2025,{w.C2},{Basis}\n"
            + $"XC-{w.Tag},Xã C,xã,XC-{w.Tag},01/07/2025,,{Basis}\n";

        var response = await UploadAsync(w.Admin, System.Text.Encoding.UTF8.GetBytes(csv), "phuong-an.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browserless.ParseAsync(response);
        var items = page.QuerySelectorAll("#reorganise-errors li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.StartsWith($"Dòng 3: Đơn vị {w.C2} đã được sáp nhập/chia tách ở dòng 2.", items[0], StringComparison.Ordinal);
        Assert.StartsWith("Dòng 4: Đơn vị XC-", items[1], StringComparison.Ordinal);
        Assert.Matches(@"^\d\d/\d\d/\d{4}$", ((IHtmlInputElement)page.QuerySelector("#Input_EffectiveOn")!).Value);
        await using var db = app.NewDbContext();
        Assert.False(await db.Units.AnyAsync(u => u.Code.StartsWith("XA-" + w.Tag.ToUpperInvariant())));
    }

    [Fact]
    public async Task Api_DryRunThenApply_SameRulesAsThePage_TreeAsOfADayAndLineage()
    {
        var w = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, $"qt.{w.Tag}");
        var successor = $"XA-{w.Tag.ToUpperInvariant()}";
        object Body(bool dryRun, params string[] predecessors) => new
        {
            dryRun,
            rows = new[] { new { code = successor, name = "Ủy ban nhân dân xã Trà Bồng", kind = "Commune", parent = w.P, effectiveOn = "2025-07-01", legalBasis = Basis, predecessors = predecessors.Select(p => new { code = p }) } },
        };

        var refused = await api.PostAsync("/api/v1/reorganisations", Body(false, w.C1, "KHONGCO"));
        var preview = await api.PostAsync("/api/v1/reorganisations", Body(true, w.C1, w.C2));
        var applied = await api.PostAsync("/api/v1/reorganisations", Body(false, w.C1, w.C2));
        var staff = await ApiClient.LogInAsync(app, $"cb.{w.Tag}");
        var forbidden = await staff.PostAsync("/api/v1/reorganisations", Body(false, w.C1, w.C2));

        var problem = await ApiClient.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("KHONGCO", problem.GetProperty("errors").GetProperty("row 1")[0].GetString(), StringComparison.Ordinal);
        await ApiClient.EnsureStatusAsync(preview, HttpStatusCode.OK);
        var effect = await ApiClient.ReadJsonAsync<JsonElement>(preview);
        Assert.Equal(1, effect.GetProperty("reportCount").GetInt32());
        await ApiClient.EnsureStatusAsync(applied, HttpStatusCode.OK);
        Assert.Equal(2, (await ApiClient.ReadJsonAsync<JsonElement>(applied)).GetProperty("merged").GetInt32());
        await ApiClient.AssertProblemAsync(forbidden, HttpStatusCode.Forbidden);

        var before = await api.ReadAsync<List<ApiUnit>>("/api/v1/units?on=2025-06-30");
        var after = await api.ReadAsync<List<ApiUnit>>("/api/v1/units?on=2025-07-01");
        Assert.Contains(before, u => u.Code == w.C1);
        Assert.DoesNotContain(before, u => u.Code == successor);
        Assert.Contains(after, u => u.Code == successor && u.ParentId == w.Province);
        Assert.DoesNotContain(after, u => u.Code == w.C1);
        var id = after.Single(u => u.Code == successor).Id;
        var lineage = await api.ReadAsync<JsonElement>($"/api/v1/units/{id}/lineage");
        Assert.Equal([w.C1, w.C2], lineage.GetProperty("predecessors").EnumerateArray().Select(p => p.GetProperty("code").GetString()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/units/{w.Province}/lineage")).StatusCode);
    }

    [Fact]
    public async Task PeopleApi_MergedUnit_ListedThenOneDisabledAndTheRestMoved_OthersRefused_StaffForbidden()
    {
        var w = await ArrangeAsync();
        await app.AddUserAsync($"cb2.{w.Tag}", w.X1, Roles.Staff);
        var api = await ApiClient.LogInAsync(app, $"qt.{w.Tag}");
        var staff = await ApiClient.LogInAsync(app, $"cb.{w.Tag}");
        var successor = $"XA-{w.Tag.ToUpperInvariant()}";
        await ApiClient.EnsureStatusAsync(await api.PostAsync("/api/v1/reorganisations", new
        {
            rows = new[] { new { code = successor, name = "Ủy ban nhân dân xã Trà Bồng", kind = "Commune", parent = w.P, effectiveOn = "2025-07-01", legalBasis = Basis, predecessors = new[] { new { code = w.C1 }, new { code = w.C2 } } } },
        }), HttpStatusCode.OK);
        var url = $"/api/v1/units/{w.X1}/people";

        var forbidden = await staff.GetAsync(url);
        var listed = await api.ReadAsync<JsonElement>(url);
        var ids = listed.EnumerateArray().ToDictionary(p => p.GetProperty("userName").GetString()!, p => p.GetProperty("userId").GetString()!);
        var stranger = await api.PostAsync($"{url}/move", new { userIds = new[] { "khong-co" } });
        var neither = await api.PostAsync($"{url}/move", new { });
        var disabled = await api.PostAsync($"{url}/disable", new { userIds = new[] { ids[$"cb2.{w.Tag}"] } });
        var moved = await api.PostAsync($"{url}/move", new { all = true });

        await ApiClient.AssertProblemAsync(forbidden, HttpStatusCode.Forbidden);
        Assert.Equal([$"cb.{w.Tag}", $"cb2.{w.Tag}"], ids.Keys.Order(StringComparer.Ordinal));
        Assert.All(listed.EnumerateArray(), p => Assert.Equal("Ủy ban nhân dân xã Trà Bồng", p.GetProperty("successor").GetString()));
        Assert.Contains("khong-co", (await ApiClient.AssertProblemAsync(stranger, HttpStatusCode.BadRequest)).ToString(), StringComparison.Ordinal);
        await ApiClient.AssertProblemAsync(neither, HttpStatusCode.BadRequest);
        Assert.Equal(1, (await ApiClient.ReadJsonAsync<JsonElement>(disabled)).GetProperty("count").GetInt32());
        Assert.Equal(1, (await ApiClient.ReadJsonAsync<JsonElement>(moved)).GetProperty("count").GetInt32());
        await using var db = app.NewDbContext();
        var users = await db.Users.Where(u => ids.Values.Contains(u.Id)).ToDictionaryAsync(u => u.UserName!, u => (u.UnitId, u.DisabledAt));
        Assert.Equal(await db.Units.Where(u => u.Code == successor).Select(u => u.Id).SingleAsync(), users[$"cb.{w.Tag}"].UnitId);
        Assert.Equal(w.X1, users[$"cb2.{w.Tag}"].UnitId);
        Assert.NotNull(users[$"cb2.{w.Tag}"].DisabledAt);
    }

    /// <summary>
    /// Issue 19 item 5, as in Quảng Ngãi: plan 42/KH-UBND of huyện Trà Bồng, its communes' Q1/2025 reports sent up,
    /// then the arrangement of 1/7/2025 (communes merged into a new commune under the province, the district
    /// dissolved). The province's Sở Nội vụ carries on the district's business: it opens the plan and accepts, returns
    /// and reopens the reports made under it.
    /// </summary>
    [Fact]
    public async Task DissolvedDistrictsPlan_ProvinceConsolidatorOpensItAndActsOnItsReports()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var t = tag.ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{t}", $"Ủy ban nhân dân tỉnh Thử {t}", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{t}", $"Sở Nội vụ tỉnh Thử {t}", UnitKind.Department, province, province);
        var district = await app.AddUnitAsync($"H-{t}", $"Ủy ban nhân dân huyện Trà Bồng {t}", UnitKind.District, province);
        var communes = new[]
        {
            await app.AddUnitAsync($"X1-{t}", $"Ủy ban nhân dân xã Trà Tân {t}", UnitKind.Commune, district),
            await app.AddUnitAsync($"X2-{t}", $"Ủy ban nhân dân xã Trà Bùi {t}", UnitKind.Commune, district),
        };
        await app.AddUserAsync($"th.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        int planId;
        await using (var db = app.NewDbContext())
        {
            var plan = new Plan
            {
                OwnerUnitId = district,
                Number = "42/KH-UBND",
                IssuedOn = new DateOnly(2025, 3, 21),
                Summary = "Thực hiện quy chế dân chủ ở cơ sở năm 2025",
                FirstPeriod = "2025-Q1",
                LastPeriod = "2025-Q2",
                PeriodType = Core.Periods.PeriodType.Quarter,
                Audience = AudienceKind.Subtree,
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                OwnerDeadlineKind = DeadlineKind.DayOfMonth,
                OwnerDeadlineValue = 25,
                CreatedBy = "test",
                Sections = [new PlanSection { Key = "I", Heading = "I. KẾT QUẢ THỰC HIỆN", Level = 1, Order = 0 }],
            };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            planId = plan.Id;
        }

        var reports = new int[2];
        for (var i = 0; i < 2; i++)
        {
            await app.AddUserAsync($"ld{i}.{tag}", communes[i], Roles.Leader);
            var leader = await app.ActorAsync($"ld{i}.{tag}");
            reports[i] = await app.WithServicesAsync(async sp =>
            {
                var service = sp.GetRequiredService<ReportService>();
                var id = await service.CreateAsync(new CreateReport { Period = "2025-Q1" }, leader);
                await service.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
                return id;
            });
        }

        await app.WithServicesAsync(sp => sp.GetRequiredService<ReorganisationService>().ApplyAsync(
        [
            new ReorganisationRow { Row = 1, Code = $"XA-{t}", Name = $"Ủy ban nhân dân xã Trà Bồng {t}", Kind = "xã", ParentCode = $"P-{t}", EffectiveOn = new DateOnly(2025, 7, 1), LegalBasis = Basis, Predecessors = [new($"X1-{t}"), new($"X2-{t}")] },
            new ReorganisationRow { Row = 2, Code = $"H-{t}", Dissolve = true, EffectiveOn = new DateOnly(2025, 7, 1), LegalBasis = Basis },
        ], DanVanWebFactory.SystemAdmin(province)));
        var consolidator = await Browserless.LogInAsync(app, $"th.{tag}");

        var (planResponse, planPage) = await consolidator.GetPageAsync($"/plans/{planId}");
        var saved = await consolidator.SubmitAsync($"/plans/edit/{planId}", "form.plan-form", []);
        var (_, reportPage) = await consolidator.GetPageAsync($"/reports/{reports[0]}");
        var accepted = await consolidator.SubmitAsync($"/reports/{reports[0]}", "form[action*='handler=Accept']", []);
        var returned = await consolidator.SubmitAsync($"/reports/{reports[1]}", "form[action*='handler=Return']", new() { ["Input.Comment"] = "Bổ sung số liệu tiếp công dân." });
        var reopened = await consolidator.SubmitAsync($"/reports/{reports[0]}", "form[action*='handler=Reopen']", new() { ["Input.Comment"] = "Điều chỉnh số liệu quý I." });

        Assert.Equal(HttpStatusCode.OK, planResponse.StatusCode);
        Assert.NotNull(planPage.QuerySelector($"a[href='/plans/edit/{planId}']"));
        Assert.Equal($"/plans/{planId}", saved.Headers.Location?.OriginalString);
        Assert.NotNull(reportPage.QuerySelector("form[action*='handler=Return']"));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect), (accepted.StatusCode, returned.StatusCode, reopened.StatusCode));
        await using var check = app.NewDbContext();
        Assert.Equal([ReportStatus.Returned, ReportStatus.Returned], await check.Reports.Where(r => reports.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browserless browser, byte[] file, string name)
    {
        var (_, page) = await browser.GetPageAsync("/admin/units/reorganise");
        var form = (IHtmlFormElement)page.QuerySelector("#upload")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name='__RequestVerificationToken']")!).Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", name);
        return await browser.Client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
    }
}
