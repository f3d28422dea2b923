using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The one-page writer: its per-section forms, posted plainly (no JS) and as write.js autosaves them (JSON).</summary>
[Collection(WebCollection.Name)]
public sealed class WritePageTests(DanVanWebFactory app)
{
    private sealed record Unit(int Commune, string Staff, string Leader, string Consolidator, string Stranger);

    private async Task<Unit> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        var other = await app.AddUnitAsync($"Y-{tag}", "Ủy ban nhân dân xã Khác", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        await app.AddUserAsync($"lanhdao.{tag}", commune, Roles.Leader, "Đinh Văn Sơn");
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        await app.AddUserAsync($"khac.{tag}", other, Roles.Staff, "Lê Văn Khác");
        return new Unit(commune, $"canbo.{tag}", $"lanhdao.{tag}", $"snv.{tag}", $"khac.{tag}");
    }

    private static async Task<int> CreateReportAsync(Browserless browser)
    {
        var response = await browser.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "2025-Q2" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Browserless.ReportIdFrom(response);
    }

    private static async Task<IHtmlFormElement> SectionFormAsync(Browserless browser, int id, string key)
    {
        var (response, page) = await browser.GetPageAsync($"/reports/{id}/write");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (IHtmlFormElement)(page.QuerySelector($"form[data-key='{key}']") ?? throw new InvalidOperationException($"No form for section {key}"));
    }

    /// <summary>What write.js sends: the form's fields (antiforgery token, version) with the typed text, asking for JSON.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> AutosaveAsync(Browserless browser, IHtmlFormElement form, string text, bool withToken = true)
    {
        var fields = form.QuerySelectorAll("input").OfType<IHtmlInputElement>()
            .Where(i => withToken || i.Name != "__RequestVerificationToken")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Append(new("Input.Text", text));
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await browser.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 || body[0] != '{' ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task<(string Text, int Version)> StoredAsync(int id, string key)
    {
        await using var db = app.NewDbContext();
        var section = await db.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == key);
        return (section.Text, section.Version);
    }

    [Fact]
    public async Task Write_Autosave_SavesAndAnswersTheNewVersionAndTime()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var id = await CreateReportAsync(staff);
        var form = await SectionFormAsync(staff, id, "I.6");

        var (status, body) = await AutosaveAsync(staff, form, "Tổ chức 12 buổi tiếp công dân.");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Matches(@"^\d\d:\d\d$", body.GetProperty("savedAt").GetString()!);
        Assert.Equal(("Tổ chức 12 buổi tiếp công dân.", 1), await StoredAsync(id, "I.6"));
        var (_, page) = await staff.GetPageAsync($"/reports/{id}/write");
        Assert.Equal("Tổ chức 12 buổi tiếp công dân.", page.QuerySelector("form[data-key='I.6'] textarea")!.TextContent);
        Assert.Equal("1", ((IHtmlInputElement)page.QuerySelector("form[data-key='I.6'] input[name='Input.Version']")!).Value);
    }

    [Fact]
    public async Task Write_TwoPagesOpenOnDifferentSections_BothSaved_SameSection409WithTheOtherVersion()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var leader = await Browserless.LogInAsync(app, u.Leader);
        var id = await CreateReportAsync(staff);
        var staffII = await SectionFormAsync(staff, id, "II");
        var leaderI1 = await SectionFormAsync(leader, id, "I.1");
        var leaderII = await SectionFormAsync(leader, id, "II");

        var first = await AutosaveAsync(staff, staffII, "Đánh giá của cán bộ");
        var other = await AutosaveAsync(leader, leaderI1, "Chỉ đạo của lãnh đạo");
        var same = await AutosaveAsync(leader, leaderII, "Đánh giá của lãnh đạo");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(HttpStatusCode.Conflict, same.Status);
        Assert.Contains("vừa được " + u.Staff + " lưu lúc", same.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Đánh giá của cán bộ", same.Body.GetProperty("latestText").GetString());
        Assert.Equal(1, same.Body.GetProperty("latestVersion").GetInt32());
        Assert.Equal(("Đánh giá của cán bộ", 1), await StoredAsync(id, "II"));
        Assert.Equal(("Chỉ đạo của lãnh đạo", 1), await StoredAsync(id, "I.1"));
    }

    [Fact]
    public async Task Write_PlainPostWithoutScript_RedirectsBackToTheSection_ConflictKeepsTheTypedText()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var leader = await Browserless.LogInAsync(app, u.Leader);
        var id = await CreateReportAsync(staff);
        var url = $"/reports/{id}/write";
        var leaderForm = await SectionFormAsync(leader, id, "III");

        var saved = await staff.SubmitAsync(url, "form[data-key='III']", new() { ["Input.Text"] = "Phương hướng của cán bộ" });
        var refused = await leader.PostFormAsync(leaderForm, url, new() { ["Input.Text"] = "Phương hướng của lãnh đạo" });
        var conflictPage = await Browserless.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/reports/{id}/write#section-III", saved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("vừa được", Browserless.Errors(conflictPage), StringComparison.Ordinal);
        Assert.Equal("Phương hướng của lãnh đạo", conflictPage.QuerySelector("form[data-key='III'] textarea")!.TextContent);
        Assert.Equal("Phương hướng của cán bộ", conflictPage.QuerySelector("#saved-meanwhile .text")!.TextContent);
        Assert.Equal(("Phương hướng của cán bộ", 1), await StoredAsync(id, "III"));
    }

    [Fact]
    public async Task Write_ReportWithTheLeader_StaffSave400AndThePageIsReadOnly()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var id = await CreateReportAsync(staff);
        var form = await SectionFormAsync(staff, id, "II");
        var actor = await app.ActorAsync(u.Staff);
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.SendToLeader }, actor));

        var (status, body) = await AutosaveAsync(staff, form, "Sửa sau khi trình");
        var (_, page) = await staff.GetPageAsync($"/reports/{id}/write");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("chờ lãnh đạo duyệt", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("", 0), await StoredAsync(id, "II"));
        Assert.Empty(page.QuerySelectorAll("textarea"));
        Assert.NotNull(page.QuerySelector("#read-only"));
    }

    [Fact]
    public async Task Write_ConsolidatorAbove_DraftHidden_SentReadOnlyAnd403_OtherUnit_404_NothingSaved()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var id = await CreateReportAsync(staff);
        var form = await SectionFormAsync(staff, id, "II");
        var consolidator = await Browserless.LogInAsync(app, u.Consolidator);
        var stranger = await Browserless.LogInAsync(app, u.Stranger);

        // The draft is the unit's own: the level above finds nothing there, as a stranger does.
        var draftGet = (await consolidator.GetPageAsync($"/reports/{id}/write")).Response;
        var draftSave = await AutosaveAsync(consolidator, await WithOwnTokenAsync(consolidator, form), "Sửa của cấp trên");
        var leader = await app.ActorAsync(u.Leader);
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader));
        var (consolidatorGet, consolidatorPage) = await consolidator.GetPageAsync($"/reports/{id}/write");
        var strangerGet = (await stranger.GetPageAsync($"/reports/{id}/write")).Response;
        var consolidatorSave = await AutosaveAsync(consolidator, await WithOwnTokenAsync(consolidator, form), "Sửa của cấp trên");
        var strangerSave = await AutosaveAsync(stranger, await WithOwnTokenAsync(stranger, form), "Sửa của xã khác");

        Assert.Equal(HttpStatusCode.NotFound, draftGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, draftSave.Status);
        Assert.Equal(HttpStatusCode.OK, consolidatorGet.StatusCode);
        Assert.Empty(consolidatorPage.QuerySelectorAll("textarea"));
        Assert.Equal(HttpStatusCode.NotFound, strangerGet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, consolidatorSave.Status);
        Assert.Equal(HttpStatusCode.NotFound, strangerSave.Status);
        Assert.Equal(("", 0), await StoredAsync(id, "II"));
    }

    /// <summary>The staff's form with the user's own antiforgery token (tokens belong to a session), as a forged page would hold.</summary>
    private static async Task<IHtmlFormElement> WithOwnTokenAsync(Browserless user, IHtmlFormElement staffForm)
    {
        string? token = null;
        foreach (var url in new[] { "/reports", "/plans/edit", "/consolidation" })
        {
            var (_, own) = await user.GetPageAsync(url);
            token ??= own.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        }

        var copy = (IHtmlFormElement)staffForm.Clone();
        ((IHtmlInputElement)copy.QuerySelector("input[name='__RequestVerificationToken']")!).Value = token ?? throw new InvalidOperationException("No page gave the user a form");
        return copy;
    }

    [Fact]
    public async Task Write_AutosaveWithoutAntiforgeryToken_400AndNothingSaved()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var id = await CreateReportAsync(staff);
        var form = await SectionFormAsync(staff, id, "II");

        var (status, _) = await AutosaveAsync(staff, form, "Không có mã chống giả mạo", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("", 0), await StoredAsync(id, "II"));
    }
}
