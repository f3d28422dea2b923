using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>Plans through the pages and the API: a consolidator sets one up, a commune reports under it, admins keep the holiday calendar.</summary>
[Collection(WebCollection.Name)]
public sealed class PlanPageTests(DanVanWebFactory app)
{
    private sealed record World(int Province, int Snv, int Commune, string Staff, string Consolidator, string Tag);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        return new World(province, snv, commune, $"canbo.{tag}", $"snv.{tag}", tag);
    }

    private static Dictionary<string, string> PlanForm(string number) => new()
    {
        ["Input.Number"] = number,
        ["Input.IssuedOn"] = "21/03/2025",
        ["Input.Summary"] = "Thực hiện chế độ báo cáo công tác dân vận chính quyền",
        ["Input.PeriodType"] = "Quarter",
        ["Input.Semantics"] = "Decree09",
        ["Input.FirstPeriod"] = "2025-Q1",
        ["Input.LastPeriod"] = "",
        ["Input.Audience"] = "UnitKind",
        ["Input.AudienceUnitKind"] = "Commune",
        ["Input.UnitDeadlineKind"] = "WorkingDaysAfterCutoff",
        ["Input.UnitDeadlineValue"] = "3",
        ["Input.LockAfterDays"] = "",
        ["Input.Sections[0].Key"] = "I",
        ["Input.Sections[0].Heading"] = "I. KẾT QUẢ THỰC HIỆN",
        ["Input.Sections[0].Guidance"] = "Nêu rõ số liệu, mô hình",
        ["Input.Figures[0].Name"] = "Số cuộc đối thoại với Nhân dân",
        ["Input.Figures[0].UnitOfMeasure"] = "cuộc",
        ["Input.Figures[0].Kind"] = "WholeNumber",
        ["Input.Figures[0].Rollup"] = "Sum",
    };

    private async Task<int> CreatePlanAsync(World w)
    {
        var browser = await Browserless.LogInAsync(app, w.Consolidator);
        var response = await browser.SubmitAsync("/plans/edit", "form.plan-form", PlanForm("42/KH-UBND"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Consolidator_CreatesPlan_DetailsShowScheduleOutlineAndFigures()
    {
        var w = await ArrangeAsync();

        var id = await CreatePlanAsync(w);

        var browser = await Browserless.LogInAsync(app, w.Consolidator);
        var (response, page) = await browser.GetPageAsync($"/plans/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kế hoạch số 42/KH-UBND ngày 21/3/2025", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nêu rõ số liệu, mô hình", page.QuerySelector("#outline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Số cuộc đối thoại với Nhân dân", page.QuerySelector("#figures")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("#schedule tbody tr"));
        Assert.Contains("(1)", page.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAddressing_PrefilledForAProvince_SavedByTheForm_ShownAndReplacedThroughTheApi()
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Consolidator);
        var (_, blank) = await browser.GetPageAsync("/plans/edit");
        Assert.Equal(string.Join("\n", Core.Plans.Plan.ProvinceAddressees), TextArea(blank, "Input.Addressees"));

        var form = PlanForm("43/KH-UBND");
        form["Input.Addressees"] = "Bộ Nội vụ\r\nBan Dân vận Tỉnh ủy";
        form["Input.Recipients"] = "Như trên\r\n- Thường trực UBND tỉnh;";
        var response = await browser.SubmitAsync("/plans/edit", "form.plan-form", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = app.NewDbContext())
        {
            var saved = await db.Plans.SingleAsync(p => p.Id == id);
            Assert.Equal(["Bộ Nội vụ", "Ban Dân vận Tỉnh ủy"], saved.Addressees);
            Assert.Equal(["Như trên", "Thường trực UBND tỉnh"], saved.Recipients);
        }

        var (_, details) = await browser.GetPageAsync($"/plans/{id}");
        Assert.Equal("Bộ Nội vụ; Ban Dân vận Tỉnh ủy", details.QuerySelector("#addressees")!.TextContent);
        Assert.Equal("Như trên; Thường trực UBND tỉnh", details.QuerySelector("#recipients")!.TextContent);
        var (_, edit) = await browser.GetPageAsync($"/plans/edit/{id}");
        Assert.Equal("Như trên\nThường trực UBND tỉnh", TextArea(edit, "Input.Recipients"));

        var api = await ApiClient.LogInAsync(app, w.Consolidator);
        var plan = await api.ReadAsync<JsonElement>($"/api/v1/plans/{id}");
        Assert.Equal(["Bộ Nội vụ", "Ban Dân vận Tỉnh ủy"], plan.GetProperty("addressees").EnumerateArray().Select(a => a.GetString()));
        var put = await api.PutAsync($"/api/v1/plans/{id}", new
        {
            number = "43/KH-UBND",
            issuedOn = "2025-03-21",
            summary = "Thực hiện chế độ báo cáo công tác dân vận chính quyền",
            periodType = "Quarter",
            firstPeriod = "2025-Q1",
            audience = "UnitKind",
            audienceUnitKind = "Commune",
            unitDeadlineKind = "WorkingDaysAfterCutoff",
            unitDeadlineValue = 3,
            ownerDeadlineKind = "WorkingDaysAfterCutoff",
            ownerDeadlineValue = 5,
            sections = new[] { new { key = "I", heading = "I. KẾT QUẢ THỰC HIỆN", level = 1, guidance = "", required = true } },
            addressees = new[] { "Bộ Nội vụ" },
            recipients = new[] { "Như trên", "Ban Dân vận Tỉnh ủy" },
        });
        await ApiClient.EnsureStatusAsync(put, HttpStatusCode.NoContent);

        var replaced = await api.ReadAsync<JsonElement>($"/api/v1/plans/{id}");
        Assert.Equal(["Bộ Nội vụ"], replaced.GetProperty("addressees").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["Như trên", "Ban Dân vận Tỉnh ủy"], replaced.GetProperty("recipients").EnumerateArray().Select(a => a.GetString()));
        var refused = await api.PutAsync($"/api/v1/plans/{id}", new { number = "43/KH-UBND", issuedOn = "2025-03-21", summary = "s", periodType = "Quarter", firstPeriod = "2025-Q1", ownerDeadlineKind = "WorkingDaysAfterCutoff", ownerDeadlineValue = 5, unitDeadlineValue = 3, sections = new[] { new { key = "I", heading = "I", level = 1 } }, recipients = new[] { "Lưu: VT" } });
        var problem = await ApiClient.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Recipients", out _), problem.ToString());
    }

    private static string TextArea(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        ((AngleSharp.Html.Dom.IHtmlTextAreaElement)page.QuerySelector($"textarea[name='{name}']")!).Value;

    [Fact]
    public async Task CreatePlan_BadNumber_400InVietnameseAndTypedRowsKept()
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Consolidator);

        var response = await browser.SubmitAsync("/plans/edit", "form.plan-form", PlanForm("KH-UBND"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browserless.ParseAsync(response);
        Assert.Contains("không đúng dạng số, ký hiệu", Browserless.Errors(page), StringComparison.Ordinal);
        Assert.Equal("Số cuộc đối thoại với Nhân dân", (page.QuerySelector("input[name='Input.Figures[0].Name']") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
    }

    [Fact]
    public async Task Staff_CannotOpenPlanForm()
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Staff);

        var (response, _) = await browser.GetPageAsync("/plans/edit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commune_ReportsFromOpenPeriod_PlanOutlineAndFigures()
    {
        var w = await ArrangeAsync();
        var planId = await CreatePlanAsync(w);
        var browser = await Browserless.LogInAsync(app, w.Staff);

        var (_, index) = await browser.GetPageAsync("/reports");
        var open = index.QuerySelector("#open-periods")!;
        Assert.Contains("42/KH-UBND", open.TextContent, StringComparison.Ordinal);
        var created = await browser.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)open.QuerySelector("form")!, "/reports", []);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var reportId = Browserless.ReportIdFrom(created);

        var (_, details) = await browser.GetPageAsync($"/reports/{reportId}");
        Assert.Contains("Kế hoạch số 42/KH-UBND", details.QuerySelector("#plan-line")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(details.QuerySelector("#section-I"));

        var (_, figures) = await browser.GetPageAsync($"/reports/{reportId}/figures");
        var askedName = figures.QuerySelector("tr.asked")!.TextContent;
        Assert.Contains("Số cuộc đối thoại với Nhân dân", askedName, StringComparison.Ordinal);

        var bad = await browser.SubmitAsync($"/reports/{reportId}/figures", "#figures-form", new() { ["Input.Figures[0].Value"] = "2,5" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await Browserless.ParseAsync(bad);
        Assert.Contains("phải là số nguyên", badPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var good = await browser.SubmitAsync($"/reports/{reportId}/figures", "#figures-form", new() { ["Input.Figures[0].Value"] = "4", ["Input.Figures[0].Name"] = "tên bị sửa" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var db = app.NewDbContext();
        var figure = await db.ReportFigures.SingleAsync(f => f.ReportId == reportId);
        Assert.Equal(4m, figure.Value);
        Assert.Equal("Số cuộc đối thoại với Nhân dân", figure.Name);
        Assert.Equal(planId, await db.PlanFigures.Where(p => p.Id == figure.PlanFigureId).Select(p => p.PlanId).SingleAsync());
    }

    [Fact]
    public async Task Admin_EditsHolidayCalendar()
    {
        var w = await ArrangeAsync();
        var name = $"admin.{w.Tag}";
        await app.AddUserAsync(name, w.Snv, Roles.Admin);
        var browser = await Browserless.LogInAsync(app, name);

        var (_, page) = await browser.GetPageAsync("/admin/calendar?year=2026");
        Assert.Contains("Tết Nguyên đán Bính Ngọ", page.QuerySelector("#calendar")!.TextContent, StringComparison.Ordinal);

        var weekday = await browser.SubmitAsync("/admin/calendar?year=2030", "form[action*='handler=Add']", new()
        {
            ["Input.Date"] = "07/01/2030",
            ["Input.Kind"] = "MakeUpWorkday",
            ["Input.Name"] = "Làm bù",
        });
        Assert.Equal(HttpStatusCode.BadRequest, weekday.StatusCode);
        Assert.Contains("thứ Bảy hoặc Chủ nhật", Browserless.Errors(await Browserless.ParseAsync(weekday)), StringComparison.Ordinal);

        var added = await browser.SubmitAsync("/admin/calendar?year=2030", "form[action*='handler=Add']", new()
        {
            ["Input.Date"] = "02/01/2030",
            ["Input.Kind"] = "Holiday",
            ["Input.Name"] = "Nghỉ bù Tết Dương lịch",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        (_, page) = await browser.GetPageAsync("/admin/calendar?year=2030");
        Assert.Contains("Nghỉ bù Tết Dương lịch", page.QuerySelector("#calendar")!.TextContent, StringComparison.Ordinal);

        var removed = await browser.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#calendar form")!, "/admin/calendar?year=2030", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using var db = app.NewDbContext();
        Assert.False(await db.CalendarDays.AnyAsync(d => d.Date == new DateOnly(2030, 1, 2)));
    }

    [Fact]
    public async Task Api_ConsolidatorCreatesPlan_ScheduleHasDeadlines_StaffForbidden()
    {
        var w = await ArrangeAsync();
        var consolidator = await ApiClient.LogInAsync(app, w.Consolidator);
        var body = new
        {
            number = "07/KH-SNV",
            issuedOn = "2025-01-02",
            summary = "Báo cáo quý",
            periodType = "Quarter",
            semantics = "Decree09",
            firstPeriod = "2025-Q1",
            audience = "Subtree",
            unitDeadlineKind = "WorkingDaysAfterCutoff",
            unitDeadlineValue = 3,
            ownerDeadlineKind = "WorkingDaysAfterCutoff",
            ownerDeadlineValue = 5,
            sections = new[] { new { key = "I", heading = "I. KẾT QUẢ", level = 1, guidance = "", required = true } },
        };

        var created = await consolidator.PostAsync("/api/v1/plans", body);
        await ApiClient.EnsureStatusAsync(created, HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetInt32();
        var plan = await consolidator.ReadAsync<JsonElement>($"/api/v1/plans/{id}");
        var q1 = plan.GetProperty("schedule").EnumerateArray().Single(s => s.GetProperty("period").GetString() == "2025-Q1");
        Assert.Equal("2025-03-19", q1.GetProperty("deadline").GetString());
        Assert.Equal("2025-03-21", q1.GetProperty("ownerDeadline").GetString());

        var staff = await ApiClient.LogInAsync(app, w.Staff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/v1/plans", body)).StatusCode);
        var bad = await consolidator.PostAsync("/api/v1/plans", new { number = "x", issuedOn = "2025-01-02", summary = "s", periodType = "Quarter", firstPeriod = "2025-Q1" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task NextPeriod_ChecklistAnsweredAndCopiedSectionMarked()
    {
        var w = await ArrangeAsync();
        await CreatePlanAsync(w);
        var browser = await Browserless.LogInAsync(app, w.Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var current = ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        var previous = current.Previous();

        var first = Browserless.ReportIdFrom(await browser.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = previous.ToString() }));
        await browser.SubmitAsync($"/reports/{first}/sections/I", "form.editor", new() { ["Input.Text"] = "Tổ chức 2 cuộc đối thoại." });
        await browser.SubmitAsync($"/reports/{first}/sections/III", "form.editor", new() { ["Input.Text"] = "- Đối thoại với Nhân dân\n- Rà soát đơn thư" });
        var second = Browserless.ReportIdFrom(await browser.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = current.ToString() }));

        var (_, details) = await browser.GetPageAsync($"/reports/{second}");
        var checklist = details.QuerySelector("#carry-forward")!;
        Assert.Contains("Rà soát đơn thư", checklist.TextContent, StringComparison.Ordinal);
        var saved = await browser.SubmitAsync($"/reports/{second}", "#carry-forward form", new() { ["Carry[0].Outcome"] = "Done", ["Carry[0].Note"] = "Đã đối thoại" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var copied = await browser.SubmitAsync($"/reports/{second}/sections/I", "#copy-previous", []);
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);

        (_, details) = await browser.GetPageAsync($"/reports/{second}");
        Assert.Contains("Chép nguyên văn", details.QuerySelector("#copied-I")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Done", details.QuerySelector("select[name='Carry[0].Outcome'] option[selected]")!.GetAttribute("value"));
        await using var db = app.NewDbContext();
        Assert.Equal("Tổ chức 2 cuộc đối thoại.", await db.ReportSections.Where(s => s.ReportId == second && s.Key == "I").Select(s => s.Text).SingleAsync());
    }

    [Fact]
    public async Task Api_LockedPeriod_EditRefusedUntilException_AcceptedReopenedByReviewer()
    {
        var w = await ArrangeAsync();
        await app.AddUserAsync($"lanhdao.{w.Tag}", w.Commune, Roles.Leader, "Đinh Văn Sơn");
        var consolidator = await ApiClient.LogInAsync(app, w.Consolidator);
        var created = await consolidator.PostAsync("/api/v1/plans", new
        {
            number = "08/KH-SNV",
            issuedOn = "2025-01-02",
            summary = "Báo cáo quý",
            periodType = "Quarter",
            semantics = "Decree09",
            firstPeriod = "2025-Q1",
            audience = "Subtree",
            unitDeadlineKind = "WorkingDaysAfterCutoff",
            unitDeadlineValue = 3,
            ownerDeadlineKind = "WorkingDaysAfterCutoff",
            ownerDeadlineValue = 5,
            lockAfterDays = 0,
            sections = new[] { new { key = "I", heading = "I. KẾT QUẢ", level = 1, guidance = "", required = false } },
        });
        await ApiClient.EnsureStatusAsync(created, HttpStatusCode.Created);
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetInt32();
        var staff = await ApiClient.LogInAsync(app, w.Staff);

        // Q1/2025 locked on its deadline day (19/3/2025): nothing can be started or changed without an exception.
        var refused = await staff.PostAsync("/api/v1/reports", new { period = "2025-Q1" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("khoá sổ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var granted = await consolidator.PostAsync($"/api/v1/plans/{planId}/exceptions", new { unitId = w.Commune, period = "2025-Q1", until = today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "Bổ sung theo yêu cầu" });
        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        var report = await staff.PostAsync("/api/v1/reports", new { period = "2025-Q1" });
        await ApiClient.EnsureStatusAsync(report, HttpStatusCode.Created);
        var body = await report.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(planId, body.GetProperty("planId").GetInt32());
        await ApiClient.EnsureStatusAsync(await staff.SaveSectionAsync(id, "I", "Đã tổ chức 2 cuộc đối thoại.", 0), HttpStatusCode.OK);

        var leader = await ApiClient.LogInAsync(app, $"lanhdao.{w.Tag}");
        await ApiClient.EnsureStatusAsync(await leader.ActAsync(id, "submit"), HttpStatusCode.OK);
        await ApiClient.EnsureStatusAsync(await consolidator.ActAsync(id, "accept"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.SaveSectionAsync(id, "I", "Sửa sau tiếp nhận", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await consolidator.ActAsync(id, "reopen")).StatusCode);
        await ApiClient.EnsureStatusAsync(await consolidator.ActAsync(id, "reopen", "Điều chỉnh số liệu"), HttpStatusCode.OK);
        var history = (await consolidator.ReadAsync<JsonElement>($"/api/v1/reports/{id}")).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Returned", history.GetProperty("to").GetString());
        Assert.Equal("Điều chỉnh số liệu", history.GetProperty("comment").GetString());
    }
}
