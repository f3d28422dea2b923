using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DanVan.Core.Access;
using DanVan.Core.Audit;
using DanVan.Core.OrgUnits;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 18: log-out ends the session on the server, tokens can be revoked, and security events leave an audit trail.</summary>
[Collection(WebCollection.Name)]
public sealed class SessionAndAuditTests(DanVanWebFactory app)
{
    private sealed record Arranged(string Tag, int Unit, string Staff, string Admin);

    private async Task<Arranged> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var unit = await app.AddUnitAsync($"S-{tag}", $"Ủy ban nhân dân xã Phiên {tag}");
        await app.AddUserAsync($"cb.{tag}", unit, Roles.Staff);
        await app.AddUserAsync($"qt.{tag}", unit, Roles.Admin);
        return new Arranged(tag, unit, $"cb.{tag}", $"qt.{tag}");
    }

    /// <summary>Logs in through the form and returns the browser and the log-in cookie it was given, as a thief would copy it.</summary>
    private async Task<(Browserless Browser, string Cookie)> LogInWithCookieAsync(string userName)
    {
        var browser = new Browserless(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = DanVanWebFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("DanVan.Auth=", StringComparison.Ordinal));
        return (browser, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string url)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private async Task<List<AuditEvent>> AuditOfAsync(string userName)
    {
        await using var db = app.NewDbContext();
        return await db.AuditEvents.Where(e => e.UserName == userName).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task LogOut_OldCookieReplayed_RedirectsToLogIn()
    {
        // Arrange: the cookie works before log-out.
        var a = await ArrangeAsync();
        var (browser, cookie) = await LogInWithCookieAsync(a.Staff);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, "/reports")).StatusCode);

        // Act
        var logout = await browser.SubmitAsync("/account", "form.userbox", []);
        var replay = await ReplayAsync(cookie, "/reports");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/account/login", replay.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var kinds = (await AuditOfAsync(a.Staff)).Select(e => e.Kind).ToList();
        Assert.Equal([AuditKind.LogIn, AuditKind.LogOut], kinds);
    }

    [Fact]
    public async Task RevokedToken_Answers401()
    {
        // Arrange
        var a = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, a.Staff);
        await ApiClient.EnsureStatusAsync(await api.GetAsync("/api/v1/units"), HttpStatusCode.OK);

        // Act
        var revoke = await api.Client.DeleteAsync(new Uri("/api/v1/tokens/current", UriKind.Relative));
        var after = await api.GetAsync("/api/v1/units");

        // Assert
        await ApiClient.EnsureStatusAsync(revoke, HttpStatusCode.NoContent);
        await ApiClient.AssertProblemAsync(after, HttpStatusCode.Unauthorized);
        var kinds = (await AuditOfAsync(a.Staff)).Select(e => e.Kind).ToList();
        Assert.Equal([AuditKind.TokenCreated, AuditKind.TokenRevoked], kinds);
    }

    [Fact]
    public async Task AccountPage_ListsSessions_LogOutEverywhereEndsBrowsersAndTokens()
    {
        // Arrange: two browsers and a token of the same person.
        var a = await ArrangeAsync();
        var (first, _) = await LogInWithCookieAsync(a.Staff);
        var (_, otherCookie) = await LogInWithCookieAsync(a.Staff);
        var api = await ApiClient.LogInAsync(app, a.Staff);

        // Act
        var (_, page) = await first.GetPageAsync("/account");
        var rows = page.QuerySelectorAll("#sessions tbody tr").Length;
        var current = page.QuerySelectorAll("#sessions tbody tr.current").Length;
        var everywhere = await first.SubmitAsync("/account", "form[action*='handler=LogOutEverywhere']", []);

        // Assert
        Assert.Equal(3, rows);
        Assert.Equal(1, current);
        Assert.Contains("Token API", page.QuerySelector("#sessions")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/account/login", everywhere.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await ReplayAsync(otherCookie, "/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await first.Client.GetAsync("/reports")).StatusCode);
        await ApiClient.AssertProblemAsync(await api.GetAsync("/api/v1/units"), HttpStatusCode.Unauthorized);
        Assert.Contains(AuditKind.SessionsRevoked, (await AuditOfAsync(a.Staff)).Select(e => e.Kind));
    }

    [Fact]
    public async Task PasswordChange_KeepsThisBrowserSignedIn_AndIsAudited()
    {
        var a = await ArrangeAsync();
        var (browser, _) = await LogInWithCookieAsync(a.Staff);

        var change = await browser.SubmitAsync("/account", "#change-password", new()
        {
            ["Input.CurrentPassword"] = DanVanWebFactory.Password,
            ["Input.NewPassword"] = "Matkhau-Moi-2026",
            ["Input.ConfirmPassword"] = "Matkhau-Moi-2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/reports")).StatusCode);
        Assert.Contains(AuditKind.PasswordChanged, (await AuditOfAsync(a.Staff)).Select(e => e.Kind));
    }

    [Fact]
    public async Task FailedLogIns_WebAndApi_AreAuditedWithTheTypedName()
    {
        var a = await ArrangeAsync();
        var browser = new Browserless(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = a.Staff, ["Input.Password"] = "Sai-matkhau-1" });
        await ApiClient.RequestTokenAsync(app, a.Staff, "Sai-matkhau-2");
        await ApiClient.RequestTokenAsync(app, $"khongco.{a.Tag}", "Sai-matkhau-3");

        var staff = await AuditOfAsync(a.Staff);
        Assert.Equal(2, staff.Count(e => e.Kind == AuditKind.LogInFailed && !e.Succeeded));
        Assert.Contains(staff, e => e.Detail!.StartsWith("Web", StringComparison.Ordinal));
        Assert.Contains(staff, e => e.Detail!.StartsWith("Api", StringComparison.Ordinal));
        var unknown = Assert.Single(await AuditOfAsync($"khongco.{a.Tag}"));
        Assert.Null(unknown.UserId);
    }

    [Fact]
    public async Task AdministrationOfAccountsAndUnits_IsAudited()
    {
        // Arrange
        var a = await ArrangeAsync();
        var admin = await app.ActorAsync(a.Admin);
        var staffId = (await app.ActorAsync(a.Staff)).UserId;

        // Act: through the same services the admin pages and the CLI use.
        await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserAdminService>();
            await users.CreateAsync(new CreateUser { UserName = $"moi.{a.Tag}", FullName = "Người mới", UnitId = a.Unit, Role = Roles.Staff, Password = DanVanWebFactory.Password }, admin);
            await users.ResetPasswordAsync(staffId, "Matkhau-Dat-Lai-1", admin);
            await users.UnlockAsync(staffId, admin);
            await sp.GetRequiredService<OrgUnitService>().RenameAsync(new RenameUnit { UnitId = a.Unit, NewName = $"Ủy ban nhân dân phường Phiên {a.Tag}", EffectiveOn = new DateOnly(2025, 7, 1) }, admin);
            return 0;
        });

        // Assert
        await using var db = app.NewDbContext();
        var rows = await db.AuditEvents.Where(e => e.UserName == a.Admin).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditKind.UserCreated, AuditKind.PasswordReset, AuditKind.UserUnlocked, AuditKind.UnitRenamed], rows.Select(e => e.Kind));
        Assert.Equal([$"moi.{a.Tag}", a.Staff, a.Staff, $"S-{a.Tag}".ToUpperInvariant()], rows.Select(e => e.Target));
        Assert.All(rows, e => Assert.Equal(admin.UserId, e.UserId));
    }

    [Fact]
    public async Task AuditEvent_ChangedOrDeleted_SaveRefused()
    {
        var a = await ArrangeAsync();
        await ApiClient.RequestTokenAsync(app, a.Staff, "Sai-matkhau-1");

        await using var db = app.NewDbContext();
        var row = await db.AuditEvents.SingleAsync(e => e.UserName == a.Staff);
        db.Entry(row).Property(e => e.Detail).CurrentValue = "sửa lại";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(e => e.UserName == a.Staff));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task AuditPage_FiltersByUserAndKind_ExportsCsv_AdminsOnly()
    {
        // Arrange
        var a = await ArrangeAsync();
        await ApiClient.RequestTokenAsync(app, a.Staff, "Sai-matkhau-1");
        await ApiClient.LogInAsync(app, a.Staff);
        var admin = await Browserless.LogInAsync(app, a.Admin);
        var staff = await Browserless.LogInAsync(app, a.Staff);

        // Act
        var (filtered, page) = await admin.GetPageAsync($"/admin/audit?UserName={a.Staff}&Kind=LogInFailed");
        var (_, all) = await admin.GetPageAsync($"/admin/audit?UserName={a.Staff.ToUpperInvariant()}");
        var csv = await admin.Client.GetAsync($"/admin/audit?handler=Export&UserName={a.Staff}");
        var (badDate, badPage) = await admin.GetPageAsync($"/admin/audit?UserName={a.Staff}&From=31/02/2026");
        var forbidden = await staff.Client.GetAsync("/admin/audit");

        // Assert
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        var row = Assert.Single(page.QuerySelectorAll("#audit tbody tr"));
        Assert.Contains("Đăng nhập sai", row.TextContent, StringComparison.Ordinal);
        // Its creation (the account acted on), the failure, the token and the web log-in; any case of the name finds them.
        Assert.Equal(4, all.QuerySelectorAll("#audit tbody tr").Length);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("Thời điểm,Sự kiện", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("LogInFailed,FAIL," + a.Staff, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.NotEmpty(Browserless.Errors(badPage));
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
    }
}
