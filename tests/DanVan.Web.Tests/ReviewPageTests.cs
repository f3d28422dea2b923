using System.Net;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Reviewing through the pages and the API: remarks beside a section, answered and listed in the return; several
/// sent reports accepted at once; "Đôn đốc" from the dashboard. A unit's user is refused each reviewer's action.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ReviewPageTests(DanVanWebFactory app)
{
    private sealed record World(string Tag, int Snv, int[] Communes, int[] Reports);

    /// <summary>Province → Sở Nội vụ (consolidator) and communes X0, X1, X2 (staff, leader each); each sends its 2025-06 report, X2's stays a draft.</summary>
    private async Task<World> WorldAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        var communes = new int[3];
        var reports = new int[3];
        for (var i = 0; i < 3; i++)
        {
            communes[i] = await app.AddUnitAsync($"X{i}-{tag}", $"Ủy ban nhân dân xã Thử {i}", UnitKind.Commune, province);
            await app.AddUserAsync($"canbo{i}.{tag}", communes[i], Roles.Staff, $"Cán bộ {i}");
            await app.AddUserAsync($"lanhdao{i}.{tag}", communes[i], Roles.Leader, $"Lãnh đạo {i}");
            var staff = await app.ActorAsync($"canbo{i}.{tag}");
            var leader = await app.ActorAsync($"lanhdao{i}.{tag}");
            var send = i < 2;
            reports[i] = await app.WithServicesAsync(async sp =>
            {
                var service = sp.GetRequiredService<ReportService>();
                var id = await service.CreateAsync(new CreateReport { Period = "2025-06" }, staff);
                if (send)
                {
                    await service.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
                }

                return id;
            });
        }

        return new World(tag, snv, communes, reports);
    }

    [Fact]
    public async Task ReportPage_ConsolidatorRemarksStaffAnswersReturnListsTheRemark_StaffMayNotRemark()
    {
        var w = await WorldAsync();
        var url = $"/reports/{w.Reports[0]}";
        var consolidator = await Browserless.LogInAsync(app, $"snv.{w.Tag}");
        var staff = await Browserless.LogInAsync(app, $"canbo0.{w.Tag}");
        const string remark = "Ghi rõ số lượt công dân được tiếp.";

        var empty = await consolidator.SubmitAsync(url, "#comments-I\\.6 details.remark form", new() { ["Remark.Text"] = "  " });
        var added = await consolidator.SubmitAsync(url, "#comments-I\\.6 details.remark form", new() { ["Remark.Text"] = remark });
        var (_, staffView) = await staff.GetPageAsync(url);
        var staffRemarks = await staff.Client.PostAsync(url + "?handler=Comment", Form(staffView, ("Remark.SectionKey", "I.6"), ("Remark.Text", "Tự ghi ý kiến.")));
        var answered = await staff.SubmitAsync(url, "#comments-I\\.6 article.comment form.comment-form", new() { ["Remark.Text"] = "Đã bổ sung: 12 lượt." });
        var returned = await consolidator.SubmitAsync(url, "form[action*='handler=Return']", []);
        var (_, afterReturn) = await staff.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Nhập ý kiến về mục này.", Browserless.Errors(await Browserless.ParseAsync(empty)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var thread = staffView.QuerySelector("#comments-I\\.6 article.comment.open")!;
        Assert.Contains(remark, thread.TextContent, StringComparison.Ordinal);
        Assert.Contains("Trần Văn Minh", thread.TextContent, StringComparison.Ordinal);
        Assert.Null(staffView.QuerySelector("#comments-I\\.6 details.remark"));
        Assert.Null(staffView.QuerySelector("#comments-I\\.6 form[action*='handler=Resolve']"));
        Assert.Equal(HttpStatusCode.Forbidden, staffRemarks.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var reason = afterReturn.QuerySelector(".returned .reason")!.TextContent;
        Assert.Contains("Ý kiến theo mục chưa giải quyết:", reason, StringComparison.Ordinal);
        Assert.Contains("6. Tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo: " + remark, reason, StringComparison.Ordinal);
        Assert.Contains("Đã bổ sung: 12 lượt.", afterReturn.QuerySelector("#comments-I\\.6 .answers")!.TextContent, StringComparison.Ordinal);
        var (_, bell) = await staff.GetPageAsync("/notifications");
        Assert.Contains(bell.QuerySelectorAll("table.notifications tbody tr"), r => r.TextContent.Contains(remark, StringComparison.Ordinal)
            && r.QuerySelector($"a[href='{url}#section-I.6']") is not null);
    }

    [Fact]
    public async Task ReportList_ConsolidatorTicksTwoSentAndADraft_TwoAcceptedOneRefusedWithItsReason_StaffForbidden()
    {
        var w = await WorldAsync();
        var consolidator = await Browserless.LogInAsync(app, $"snv.{w.Tag}");
        var staff = await Browserless.LogInAsync(app, $"canbo0.{w.Tag}");
        var (_, list) = await consolidator.GetPageAsync("/reports?Period=2025-06");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)list.QuerySelector("#bulk-accept")!;

        var posted = await consolidator.Client.PostAsync(form.GetAttribute("action"), Form(list, ("Selected", w.Reports[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Selected", w.Reports[1].ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Selected", w.Reports[2].ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var (_, results) = await consolidator.GetPageAsync(posted.Headers.Location!.OriginalString);
        var (_, staffList) = await staff.GetPageAsync("/reports");
        var staffPost = await staff.Client.PostAsync("/reports?handler=AcceptMany", Form(staffList, ("Selected", w.Reports[0].ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.NotNull(list.QuerySelector($"#select-{w.Reports[0]}"));
        Assert.NotNull(list.QuerySelector($"#select-{w.Reports[1]}"));
        Assert.Null(list.QuerySelector($"#select-{w.Reports[2]}"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(2, results.QuerySelectorAll("#bulk-results li.ok").Length);
        var refused = Assert.Single(results.QuerySelectorAll("#bulk-results li.refused"));
        // A draft is the unit's own: the refusal names the report by number, not a unit the consolidator may not read it for.
        Assert.Contains($"#{w.Reports[2]}", refused.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Ủy ban nhân dân xã Thử 2", refused.TextContent, StringComparison.Ordinal);
        Assert.Contains("Không tìm thấy báo cáo", refused.TextContent, StringComparison.Ordinal);
        Assert.Null(results.QuerySelector("#bulk-accept"));
        Assert.Null(staffList.QuerySelector("#bulk-accept"));
        Assert.Equal(HttpStatusCode.Forbidden, staffPost.StatusCode);
        await using var db = app.Database.NewContext();
        var statuses = await db.Reports.Where(r => w.Reports.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync();
        Assert.Equal([ReportStatus.Accepted, ReportStatus.Accepted, ReportStatus.Draft], statuses);
        Assert.Equal(2, await db.ReportTransitions.CountAsync(t => w.Reports.Contains(t.ReportId) && t.ToStatus == ReportStatus.Accepted));
    }

    [Fact]
    public async Task Dashboard_Nudge_ConfirmedThenSentToTheNonSenderAndSaidWhen_StaffForbidden()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var sent = await app.AddUnitAsync($"X1-{tag}", "Ủy ban nhân dân xã Đã Gửi", UnitKind.Commune, province);
        var late = await app.AddUnitAsync($"X2-{tag}", "Ủy ban nhân dân xã Chưa Gửi", UnitKind.Commune, province);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        await app.AddUserAsync($"ld1.{tag}", sent, Roles.Leader);
        await app.AddUserAsync($"cb2.{tag}", late, Roles.Staff);
        var (planId, period) = await PlanWithSentReportAsync(tag, $"ld1.{tag}");
        var consolidator = await Browserless.LogInAsync(app, $"snv.{tag}");
        var staff = await Browserless.LogInAsync(app, $"cb2.{tag}");
        var dashboard = $"/consolidation?plan={planId}&period={period}";

        var (_, before) = await consolidator.GetPageAsync(dashboard);
        var (_, confirm) = await consolidator.GetPageAsync(dashboard + "&confirm=nudge");
        var nudged = await consolidator.SubmitAsync(dashboard + "&confirm=nudge", "#confirm-nudge form", []);
        var (_, after) = await consolidator.GetPageAsync(dashboard);
        var (_, bell) = await staff.GetPageAsync("/notifications");
        var staffNudge = await staff.Client.PostAsync($"/consolidation?handler=Nudge&plan={planId}&period={period}", Form(bell));

        Assert.NotNull(before.QuerySelector("#nudge-button"));
        Assert.Null(before.QuerySelector("#last-nudge"));
        Assert.Contains("Gửi nhắc nhở ngay đến 1 đơn vị", confirm.QuerySelector("#confirm-nudge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, nudged.StatusCode);
        var line = after.QuerySelector("#last-nudge")!.TextContent;
        Assert.Matches(@"Đã đôn đốc lúc \d\d:\d\d \d\d/\d\d/\d{4} \(1 đơn vị\)", line);
        Assert.Single(bell.QuerySelectorAll("table.notifications tbody tr"), r => r.TextContent.Contains("Đôn đốc: Báo cáo", StringComparison.Ordinal));
        // The dashboard is for consolidators: a unit's user is sent to the 403 page before the handler runs.
        Assert.Contains("/status/403", staffNudge.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        await using var db = app.Database.NewContext();
        Assert.Equal(1, await db.Nudges.CountAsync(n => n.PlanId == planId));
    }

    [Fact]
    public async Task Api_CommentsBulkAcceptAndNudge_SameRulesAs_ThePagesAndForbiddenToStaff()
    {
        var w = await WorldAsync();
        var consolidator = await ApiClient.LogInAsync(app, $"snv.{w.Tag}");
        var staff = await ApiClient.LogInAsync(app, $"canbo0.{w.Tag}");
        var id = w.Reports[0];

        var created = await consolidator.PostAsync($"/api/v1/reports/{id}/comments", new { sectionKey = "II", text = "Thiếu đánh giá hạn chế." });
        var remarkId = (await ApiClient.ReadJsonAsync<JsonElement>(created)).GetProperty("id").GetInt32();
        var staffRemark = await staff.PostAsync($"/api/v1/reports/{id}/comments", new { sectionKey = "II", text = "Tự ghi." });
        var staffAnswer = await staff.PostAsync($"/api/v1/reports/{id}/comments", new { sectionKey = "II", text = "Đã bổ sung.", parentId = remarkId });
        var staffResolve = await staff.PostAsync($"/api/v1/reports/{id}/comments/{remarkId}/resolve", null);
        var resolve = await consolidator.PostAsync($"/api/v1/reports/{id}/comments/{remarkId}/resolve", null);
        var listed = await staff.ReadAsync<JsonElement>($"/api/v1/reports/{id}/comments");
        var staffAccept = await staff.PostAsync("/api/v1/reports/accept", new { reportIds = new[] { id } });
        var accepted = await consolidator.PostAsync("/api/v1/reports/accept", new { reportIds = new[] { id, w.Reports[2] } });
        var staffNudge = await staff.PostAsync("/api/v1/plans/999999/nudge", new { period = "2025-06" });

        await ApiClient.EnsureStatusAsync(created, HttpStatusCode.Created);
        await ApiClient.AssertProblemAsync(staffRemark, HttpStatusCode.Forbidden);
        await ApiClient.EnsureStatusAsync(staffAnswer, HttpStatusCode.Created);
        await ApiClient.AssertProblemAsync(staffResolve, HttpStatusCode.Forbidden);
        await ApiClient.EnsureStatusAsync(resolve, HttpStatusCode.NoContent);
        Assert.Equal(2, listed.GetArrayLength());
        Assert.NotNull(listed[0].GetProperty("resolvedAt").GetString());
        Assert.Equal(remarkId, listed[1].GetProperty("parentId").GetInt32());
        await ApiClient.AssertProblemAsync(staffAccept, HttpStatusCode.Forbidden);
        var outcomes = await ApiClient.ReadJsonAsync<JsonElement>(accepted);
        Assert.Equal("Accepted", outcomes[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, outcomes[1].GetProperty("status").ValueKind);
        Assert.Contains("Không tìm thấy báo cáo", outcomes[1].GetProperty("refusal").GetString(), StringComparison.Ordinal); // a draft is the unit's own
        await ApiClient.AssertProblemAsync(staffNudge, HttpStatusCode.NotFound);
    }

    /// <summary>A monthly plan of the Sở Nội vụ for the open month, under which the leader's commune has sent.</summary>
    private async Task<(int PlanId, string Period)> PlanWithSentReportAsync(string tag, string leaderName)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = today.Day >= 15 ? ReportingPeriod.Month(today.AddMonths(1).Year, today.AddMonths(1).Month) : ReportingPeriod.Month(today.Year, today.Month);
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var planId = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(today) with { Number = "42/KH-UBND", Summary = "Báo cáo hằng tháng", PeriodType = PeriodType.Month, FirstPeriod = ReportingPeriod.Month(today.AddMonths(-2).Year, today.AddMonths(-2).Month).ToString() },
            consolidator));
        var leader = await app.ActorAsync(leaderName);
        await app.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var id = await reports.CreateAsync(new CreateReport { Period = period.ToString() }, leader);
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.2", Text = "Đã tuyên truyền.", ExpectedVersion = 0 }, leader);
            return await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
        });
        return (planId, period.ToString());
    }

    /// <summary>A form post with the page's antiforgery token, as a user crafting it by hand would send it.</summary>
    private static FormUrlEncodedContent Form(AngleSharp.Html.Dom.IHtmlDocument page, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? "")));
}
