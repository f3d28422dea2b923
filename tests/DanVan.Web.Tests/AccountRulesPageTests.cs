using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>
/// Issue 18 item 8 through the pages and the API: the forced change after a reset, disabling an account, two-step
/// verification.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccountRulesPageTests(DanVanWebFactory app)
{
    private sealed record Arranged(string Tag, string Staff, string Admin, string Consolidator, Browserless AdminBrowser);

    private async Task<Arranged> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var unit = await app.AddUnitAsync($"TK-{tag}", $"Ủy ban nhân dân xã Tài Khoản {tag}");
        await app.AddUserAsync($"cb.{tag}", unit, Roles.Staff);
        await app.AddUserAsync($"qt.{tag}", unit, Roles.Admin);
        await app.AddUserAsync($"th.{tag}", unit, Roles.Consolidator);
        return new Arranged(tag, $"cb.{tag}", $"qt.{tag}", $"th.{tag}", await Browserless.LogInAsync(app, $"qt.{tag}"));
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var db = app.NewDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Browserless NewBrowser() =>
        new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private static Task<HttpResponseMessage> PasswordFormAsync(Browserless browser, string userName, string password) =>
        browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [Fact]
    public async Task ResetPassword_UserMustChooseANewOneBeforeAnyPage_ApiTokenRefusedUntilThen()
    {
        var a = await ArrangeAsync();
        var id = await IdOfAsync(a.Staff);
        var token = await ApiClient.LogInAsync(app, a.Staff);
        const string given = "Quan-tri-dat-2026";

        var reset = await a.AdminBrowser.SubmitAsync($"/admin/users/{id}", "form[action*='handler=Password']", new() { ["Input.Password"] = given });
        var oldToken = await token.Client.GetAsync("/api/v1/reports");
        var refusedToken = await ApiClient.RequestTokenAsync(app, a.Staff, given);
        var browser = NewBrowser();
        var logIn = await PasswordFormAsync(browser, a.Staff, given);
        var meanwhile = await browser.Client.GetAsync("/reports");
        var mismatch = await browser.SubmitAsync("/account/login/new-password", "#new-password", new() { ["Input.NewPassword"] = "Cum-tu-rieng-2026", ["Input.ConfirmPassword"] = "Cum-tu-khac-2026" });
        var same = await browser.SubmitAsync("/account/login/new-password", "#new-password", new() { ["Input.NewPassword"] = given, ["Input.ConfirmPassword"] = given });
        var chosen = await browser.SubmitAsync("/account/login/new-password", "#new-password", new() { ["Input.NewPassword"] = "Cum-tu-rieng-2026", ["Input.ConfirmPassword"] = "Cum-tu-rieng-2026" });
        var (reports, _) = await browser.GetPageAsync("/reports");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedToken.StatusCode);
        var problem = await ProblemAsync(refusedToken);
        Assert.Contains("đặt mật khẩu mới", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal("/account/login/new-password", logIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, meanwhile.StatusCode);
        Assert.StartsWith("/account/login", meanwhile.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("không khớp", Browserless.Errors(await Browserless.ParseAsync(mismatch)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Contains("khác với mật khẩu quản trị đã đặt", Browserless.Errors(await Browserless.ParseAsync(same)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/", chosen.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiClient.RequestTokenAsync(app, a.Staff, "Cum-tu-rieng-2026")).StatusCode);
    }

    [Fact]
    public async Task Disable_OpenBrowserAndTokenStopAtOnce_LogInRefused_ListShowsIt_OwnAccountRefused_EnableRestores()
    {
        var a = await ArrangeAsync();
        var id = await IdOfAsync(a.Staff);
        var browser = await Browserless.LogInAsync(app, a.Staff);
        var token = await ApiClient.LogInAsync(app, a.Staff);

        var disabled = await a.AdminBrowser.SubmitAsync($"/admin/users/{id}", "#disable-user", []);
        var page = await browser.Client.GetAsync("/reports");
        var api = await token.Client.GetAsync("/api/v1/reports");
        var logIn = await PasswordFormAsync(NewBrowser(), a.Staff, DanVanWebFactory.Password);
        var newToken = await ApiClient.RequestTokenAsync(app, a.Staff, DanVanWebFactory.Password);
        var (_, list) = await a.AdminBrowser.GetPageAsync("/admin/users");
        var own = await a.AdminBrowser.SubmitAsync($"/admin/users/{await IdOfAsync(a.Admin)}", "#disable-user", []);

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, logIn.StatusCode);
        Assert.Contains("vô hiệu hóa", Browserless.Errors(await Browserless.ParseAsync(logIn)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, newToken.StatusCode);
        Assert.Contains("vô hiệu hóa", (await ProblemAsync(newToken)).GetProperty("title").GetString(), StringComparison.Ordinal);
        var row = list.QuerySelectorAll("#users tbody tr").Single(r => r.TextContent.Contains(a.Staff, StringComparison.Ordinal));
        Assert.Contains("Đã vô hiệu hóa", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("chính mình", Browserless.Errors(await Browserless.ParseAsync(own)), StringComparison.Ordinal);

        var enabled = await a.AdminBrowser.SubmitAsync($"/admin/users/{id}", "#enable-user", []);

        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiClient.RequestTokenAsync(app, a.Staff, DanVanWebFactory.Password)).StatusCode);
        await using var db = app.NewDbContext();
        Assert.Equal(
            [AuditKind.UserDisabled, AuditKind.UserEnabled],
            await db.AuditEvents.Where(e => e.Target == a.Staff && (e.Kind == AuditKind.UserDisabled || e.Kind == AuditKind.UserEnabled)).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task TwoFactor_EnabledOnTheAccountPageWithARealCode_WebLogInAndTokenNeedTheCode_StaffNotOffered()
    {
        var a = await ArrangeAsync();
        var consolidator = await Browserless.LogInAsync(app, a.Consolidator);

        var begun = await consolidator.SubmitAsync("/account/two-factor", "form[action*='handler=Begin']", []);
        var setupPage = await Browserless.ParseAsync(begun);
        var key = setupPage.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var confirm = (IHtmlFormElement)setupPage.QuerySelector("#confirm-two-factor")!;
        var wrong = await consolidator.PostFormAsync(confirm, "/account/two-factor", new() { ["Input.Code"] = "000000" });
        var first = Totp.Now(key);
        var enabled = await consolidator.PostFormAsync((IHtmlFormElement)(await Browserless.ParseAsync(wrong)).QuerySelector("#confirm-two-factor")!, "/account/two-factor", new() { ["Input.Code"] = first });
        var codesPage = await Browserless.ParseAsync(enabled);

        Assert.Equal(HttpStatusCode.OK, begun.StatusCode);
        Assert.StartsWith("otpauth://totp/DanVan%3A" + a.Consolidator, setupPage.QuerySelector("#authenticator-uri")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Mã không đúng", Browserless.Errors(await Browserless.ParseAsync(wrong)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(10, codesPage.QuerySelectorAll("#recovery-codes li code").Length);
        Assert.Equal(HttpStatusCode.OK, (await consolidator.GetPageAsync("/account")).Response.StatusCode);

        var browser = NewBrowser();
        var password = await PasswordFormAsync(browser, a.Consolidator, DanVanWebFactory.Password);
        var meanwhile = await browser.Client.GetAsync("/reports");
        var next = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        var coded = await browser.SubmitAsync("/account/login/code", "#login-code", new() { ["Code"] = next });
        var (reports, _) = await browser.GetPageAsync("/reports");
        var noCode = await ApiClient.RequestTokenAsync(app, a.Consolidator, DanVanWebFactory.Password);
        var withCode = await ApiClient.Anonymous(app).PostAsJsonAsync("/api/v1/tokens", new { userName = a.Consolidator, password = DanVanWebFactory.Password, code = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(60)) });
        var openApi = await (await ApiClient.LogInAsync(app, a.Staff)).Client.GetStringAsync("/openapi/v1.json");

        Assert.Equal("/account/login/code", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, meanwhile.StatusCode);
        Assert.StartsWith("/account/login", meanwhile.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, coded.StatusCode);
        Assert.Equal("/", coded.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.True((await ProblemAsync(noCode)).GetProperty("twoFactorRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Contains("authenticator app", openApi, StringComparison.Ordinal);

        var staff = await Browserless.LogInAsync(app, a.Staff);
        var (_, staffPage) = await staff.GetPageAsync("/account/two-factor");

        Assert.Null(staffPage.QuerySelector("form[action*='handler=Begin']"));
        Assert.Contains("dành cho tài khoản quản trị và cơ quan tổng hợp", staffPage.Body!.TextContent, StringComparison.Ordinal);
    }
}
