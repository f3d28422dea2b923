using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Issue 16: with English chosen, what the server says after an action — a rule's refusal, a conflict, a flash — is
/// English, on the pages, in the autosave's JSON and (asked with Accept-Language: en) in the API's ProblemDetails.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class EnglishMessagesPageTests(DanVanWebFactory app)
{
    private const string Rate = "Tỷ lệ giải quyết đơn thư";

    private sealed record World(int ReportId, string Staff, string Leader, string Consolidator, string Admin, string RequiredHeading);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Tiếng Anh", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Tiếng Anh", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Tiếng Anh", UnitKind.Commune, province);
        await app.AddUserAsync($"staff.{tag}", commune, Roles.Staff, "Clerk Lan");
        await app.AddUserAsync($"leader.{tag}", commune, Roles.Leader, "Leader Son");
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Consolidator Minh");
        await app.AddUserAsync($"admin.{tag}", snv, Roles.Admin, "Admin Ha");
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var draft = PlanInput.Draft(new DateOnly(2025, 1, 1));
        var planId = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            draft with
            {
                Number = "156/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Thực hiện công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Sections = [.. draft.Sections.Select(s => s.Key == "II" ? s with { Required = true } : s)],
                Figures = [new(Rate, "%", FigureKind.DecimalNumber, Rollup.Mean)],
            },
            consolidator));
        var staff = await app.ActorAsync($"staff.{tag}");
        var reportId = await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
        await using var db = app.NewDbContext();
        var heading = await db.PlanSections.Where(s => s.PlanId == planId && s.Key == "II").Select(s => s.Heading).SingleAsync();
        return new World(reportId, $"staff.{tag}", $"leader.{tag}", $"snv.{tag}", $"admin.{tag}", heading);
    }

    private async Task<Browserless> InEnglishAsync(string userName)
    {
        var browser = await Browserless.LogInAsync(app, userName);
        var chosen = await browser.Client.GetAsync(new Uri("/language?culture=en&returnUrl=/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        return browser;
    }

    /// <summary>Letters only Vietnamese writes (as the browser crawl checks), after taking out the data the message quotes.</summary>
    private static void AssertNoVietnamese(string said, params string[] data)
    {
        var left = data.Aggregate(said, (text, d) => text.Replace(d, "", StringComparison.Ordinal));
        Assert.False(VietnameseLetters().IsMatch(left), $"Vietnamese left in: {said}");
    }

    private static string Flash(IHtmlDocument page) => page.QuerySelector("p.flash")?.TextContent.Trim() ?? "";

    private static async Task<IHtmlFormElement> SectionFormAsync(Browserless browser, int reportId, string key)
    {
        var (response, page) = await browser.GetPageAsync($"/reports/{reportId}/write");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (IHtmlFormElement)page.QuerySelector($"form[data-key='{key}']")!;
    }

    [Fact]
    public async Task Write_SectionSavedMeanwhile_ConflictInEnglish_OnThePageAndInTheAutosaveJson()
    {
        var w = await ArrangeAsync();
        var staff = await InEnglishAsync(w.Staff);
        var stale = await SectionFormAsync(staff, w.ReportId, "I.1");
        var leader = await app.ActorAsync(w.Leader);
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(
            new SaveSection { ReportId = w.ReportId, Key = "I.1", Text = "Lãnh đạo đã sửa.", ExpectedVersion = 0 }, leader));

        var posted = await staff.PostFormAsync(stale, $"/reports/{w.ReportId}/write", new() { ["Input.Text"] = "Cán bộ gõ." });
        var page = await Browserless.ParseAsync(posted);
        using var request = new HttpRequestMessage(HttpMethod.Post, stale.GetAttribute("action"))
        {
            Content = new FormUrlEncodedContent(stale.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is not null).Select(i => KeyValuePair.Create(i.Name!, i.Value))
                .Append(KeyValuePair.Create("Input.Text", "Cán bộ gõ lại."))),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var autosave = await staff.Client.SendAsync(request);
        var json = JsonDocument.Parse(await autosave.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;

        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        var errors = Browserless.Errors(page);
        Assert.Contains("saved this section", errors, StringComparison.Ordinal);
        AssertNoVietnamese(errors);
        Assert.Equal(HttpStatusCode.Conflict, autosave.StatusCode);
        Assert.Contains("Your text was not saved", json, StringComparison.Ordinal);
        AssertNoVietnamese(json);
    }

    [Fact]
    public async Task Write_SavedAndSentWithARequiredSectionEmpty_FlashAndRefusalInEnglish()
    {
        var w = await ArrangeAsync();
        var staff = await InEnglishAsync(w.Staff);

        var saved = await staff.SubmitAsync($"/reports/{w.ReportId}/sections/I.1", "form.editor", new() { ["Input.Text"] = "Tổ chức 2 cuộc đối thoại." });
        var (_, afterSave) = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
        var sent = await staff.SubmitAsync($"/reports/{w.ReportId}", "form[action*='handler=SendToLeader']", []);
        var refused = await Browserless.ParseAsync(sent);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("Section \"", Flash(afterSave), StringComparison.Ordinal);
        Assert.EndsWith("\" saved.", Flash(afterSave), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        var errors = Browserless.Errors(refused);
        Assert.Contains("The plan requires text in these sections: " + w.RequiredHeading, errors, StringComparison.Ordinal);
        AssertNoVietnamese(errors, w.RequiredHeading);
        await using var db = app.NewDbContext();
        Assert.Equal(ReportStatus.Draft, await db.Reports.Where(r => r.Id == w.ReportId).Select(r => r.Status).SingleAsync());
    }

    [Fact]
    public async Task Dashboard_DeadlineSet_FlashInEnglishNamesThePeriodInWordsNeverByItsCode()
    {
        var w = await ArrangeAsync();
        var consolidator = await InEnglishAsync(w.Consolidator);

        var set = await consolidator.SubmitAsync("/consolidation?plan=0&period=2025-Q2", "form[action*='handler=Deadline']", new() { ["Input.DueOn"] = "20/06/2025" });
        var (_, page) = await consolidator.GetPageAsync(set.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("Deadline for Quý II năm 2025 set: 20/06/2025.", Flash(page));
    }

    [Fact]
    public async Task Figures_PercentageOutOfRange_RefusedInEnglish_SavedFiguresFlashInEnglish()
    {
        var w = await ArrangeAsync();
        var staff = await InEnglishAsync(w.Staff);
        var (_, form) = await staff.GetPageAsync($"/reports/{w.ReportId}/figures");
        var field = form.QuerySelector($"#figures input[aria-label='{Rate}']")!.GetAttribute("name")!;

        var outOfRange = await staff.SubmitAsync($"/reports/{w.ReportId}/figures", "#figures-form", new() { [field] = "955" });
        var refused = await Browserless.ParseAsync(outOfRange);
        var saved = await staff.SubmitAsync($"/reports/{w.ReportId}/figures", "#figures-form", new() { [field] = "95,5" });
        var (_, after) = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var errors = Browserless.Errors(refused);
        Assert.Contains("\"955\" is not a percentage: enter 0 to 100", errors, StringComparison.Ordinal);
        AssertNoVietnamese(errors, Rate);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("1 figure(s) saved.", Flash(after));
    }

    [Fact]
    public async Task Plan_BadNumberRefusedInEnglish_CreatedWithAnEnglishFlash()
    {
        var w = await ArrangeAsync();
        var consolidator = await InEnglishAsync(w.Consolidator);
        Dictionary<string, string> Plan(string number) => new()
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
        };

        var bad = await consolidator.SubmitAsync("/plans/edit", "form.plan-form", Plan("KH-UBND"));
        var created = await consolidator.SubmitAsync("/plans/edit", "form.plan-form", Plan("57/KH-UBND"));
        var (_, details) = await consolidator.GetPageAsync(created.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = Browserless.Errors(await Browserless.ParseAsync(bad));
        Assert.Contains("\"KH-UBND\" is not a document number and symbol", errors, StringComparison.Ordinal);
        AssertNoVietnamese(errors);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("Plan created.", Flash(details), StringComparison.Ordinal);
        AssertNoVietnamese(Flash(details));
    }

    [Fact]
    public async Task Calendar_MakeUpDayOnAWeekdayRefusedInEnglish_AddAndRemoveFlashesInEnglish()
    {
        var w = await ArrangeAsync();
        var admin = await InEnglishAsync(w.Admin);
        // A day no other test uses: the calendar is one for the whole database.
        var day = new DateOnly(2041, 1, 1).AddDays(Random.Shared.Next(0, 300));
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var url = $"/admin/calendar?year={day.Year}";
        var weekday = await admin.SubmitAsync(url, "form[action*='handler=Add']", new()
        {
            ["Input.Date"] = day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Kind"] = "MakeUpWorkday",
            ["Input.Name"] = "Làm bù",
        });
        var added = await admin.SubmitAsync(url, "form[action*='handler=Add']", new()
        {
            ["Input.Date"] = day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Kind"] = "Holiday",
            ["Input.Name"] = "Nghỉ bù thử tiếng Anh",
        });
        var (_, calendar) = await admin.GetPageAsync(added.Headers.Location!.OriginalString);
        var removeForm = calendar.QuerySelectorAll("#calendar tr").First(r => r.TextContent.Contains("Nghỉ bù thử tiếng Anh", StringComparison.Ordinal)).QuerySelector("form")!;
        var removed = await admin.PostFormAsync((IHtmlFormElement)removeForm, url, []);
        var (_, afterRemove) = await admin.GetPageAsync(removed.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.BadRequest, weekday.StatusCode);
        var errors = Browserless.Errors(await Browserless.ParseAsync(weekday));
        Assert.Contains("is a working day already; a make-up working day must be a Saturday or Sunday", errors, StringComparison.Ordinal);
        AssertNoVietnamese(errors);
        Assert.Contains("added to the calendar; deadlines are recomputed", Flash(calendar), StringComparison.Ordinal);
        Assert.Equal("Day removed from the calendar.", Flash(afterRemove));
    }

    [Fact]
    public async Task Api_StaleSectionSave_ProblemInEnglishWhenAskedAndVietnameseByDefault()
    {
        var w = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, w.Staff);
        await api.SaveSectionAsync(w.ReportId, "I.1", "Bản đầu.", 0);

        var vietnamese = await api.SaveSectionAsync(w.ReportId, "I.1", "Bản cũ.", 0);
        api.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = await api.SaveSectionAsync(w.ReportId, "I.1", "Bản cũ.", 0);

        Assert.Equal(HttpStatusCode.Conflict, vietnamese.StatusCode);
        Assert.StartsWith("Mục này vừa được", await TitleAsync(vietnamese), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, english.StatusCode);
        var title = await TitleAsync(english);
        Assert.Contains("saved this section", title, StringComparison.Ordinal);
        AssertNoVietnamese(title);
    }

    private static async Task<string> TitleAsync(HttpResponseMessage problem) =>
        JsonDocument.Parse(await problem.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString()!;

    [GeneratedRegex("[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]")]
    private static partial Regex VietnameseLetters();
}
