using System.Net;
using AngleSharp.Html.Dom;
using DanVan.Core.Audit;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>A fact that needs PostgreSQL: skipped, with the reason, on a SQLite run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.CurrentProvider != DatabaseProvider.Postgres)
        {
            Skip = "Several app instances share one PostgreSQL database (SQLite serves one process): runs with DANVAN_TEST_PROVIDER=Postgres.";
        }
    }
}

/// <summary>
/// Issue 18, item 4: two instances behind nginx ending TLS (see <see cref="ProxiedDeployment"/>). A user signed in on
/// one instance is signed in on the other; the proxy's https and client address reach the app; an upload previewed on
/// one instance is imported by the other; the reminder passes of both send each reminder once.
/// </summary>
public sealed class TwoInstancesBehindNginxTests(ProxiedDeployment deployment) : IClassFixture<ProxiedDeployment>
{
    private async Task<(Browserless Browser, string Instance)> LogInAsync(string userName, string? spoofedForwardedFor = null)
    {
        var browser = deployment.NewBrowser(spoofedForwardedFor);
        var response = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = ProxiedDeployment.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"log-in answered {(int)response.StatusCode}");
        return (browser, deployment.LastUpstream!);
    }

    [PostgresFact]
    public async Task LogIn_OnOneInstance_SignedInOnTheOtherWithASecureCookieAndHsts()
    {
        var browser = deployment.NewBrowser();
        var (form, formPage) = await browser.GetPageAsync("/account/login");
        var formInstance = deployment.LastUpstream!;
        var login = await browser.PostFormAsync((IHtmlFormElement)formPage.QuerySelector("form")!, "/account/login", new() { ["Input.UserName"] = deployment.Staff, ["Input.Password"] = ProxiedDeployment.Password });
        var loginInstance = deployment.LastUpstream!;

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DanVan.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        foreach (var instance in deployment.Instances)
        {
            await deployment.NextGoesToAsync(browser, instance);
            var (reports, page) = await browser.GetPageAsync("/reports");
            Assert.Equal(instance, deployment.LastUpstream);
            Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
            Assert.NotNull(page.QuerySelector("form[action*='handler=Create']"));
        }

        // The log-in form came from one instance and its POST (antiforgery token and all) went to the other.
        Assert.NotEqual(formInstance, loginInstance);
    }

    [PostgresFact]
    public async Task LogIn_ThroughNginx_AuditedWithTheClientsAddressNotNginxsNorAForgedOne()
    {
        await LogInAsync(deployment.Staff, spoofedForwardedFor: "203.0.113.9");

        await using var db = deployment.Database.NewContext();
        var logIn = await db.AuditEvents.Where(e => e.Kind == AuditKind.LogIn && e.UserName == deployment.Staff).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(ProxiedDeployment.ClientAddress.ToString(), logIn.Address);
    }

    [PostgresFact]
    public async Task WordUpload_PreviewedOnOneInstance_ImportedOnTheOther()
    {
        var (staff, _) = await LogInAsync(deployment.Staff);
        var created = await staff.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "2025-Q1" });
        var id = Browserless.ReportIdFrom(created);

        var preview = await ImportPageTests.UploadAsync(staff, id, "header-table.docx");
        var previewedOn = deployment.LastUpstream!;
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await Browserless.ParseAsync(preview);
        await deployment.NextGoesToAsync(staff, deployment.Other(previewedOn));
        var confirmed = await staff.PostFormAsync((IHtmlFormElement)page.QuerySelector("#confirm")!, $"/reports/{id}/import?handler=Confirm", []);

        Assert.Equal(deployment.Other(previewedOn), deployment.LastUpstream);
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, $"confirming answered {(int)confirmed.StatusCode}: {Browserless.Errors(await Browserless.ParseAsync(confirmed))}");
        await using var db = deployment.Database.NewContext();
        Assert.Equal("bao-cao.docx", (await db.ReportAttachments.SingleAsync(a => a.ReportId == id)).FileName);
        Assert.Empty(await db.StagedUploads.ToListAsync());
    }

    [PostgresFact]
    public async Task Reminders_PassesOnBothInstances_EachReminderSentOnce()
    {
        // Both instances ran a pass when they started and send the outbox every second.
        int expected;
        await using (var db = deployment.Database.NewContext())
        {
            var claims = await db.RemindersSent.ToListAsync();
            Assert.NotEmpty(claims);
            Assert.Equal(claims.Count, claims.DistinctBy(c => (c.PlanId, c.UnitId, c.Period, c.Kind)).Count());
            Assert.Equal(claims.Sum(c => c.Notified), await db.Notifications.CountAsync());
            expected = claims.Sum(c => c.Emailed);
        }

        Assert.True(expected > 0, "the reminders were e-mailed");
        var until = DateTime.UtcNow.AddSeconds(20);
        while (deployment.Smtp.Messages.Count < expected && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        // Three more outbox passes on each instance: nothing is sent again.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var sent = deployment.Smtp.Messages.Select(m => (To: string.Join(",", m.Recipients), m.Message.Subject)).ToList();
        Assert.Equal(expected, sent.Count);
        Assert.Equal(sent.Count, sent.Distinct().Count());
    }

    [PostgresFact]
    public async Task StaticFiles_ThroughNginx_TheStylesheetThePageLinksIsServed()
    {
        var browser = deployment.NewBrowser();
        var (_, page) = await browser.GetPageAsync("/account/login");
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        var css = await browser.Client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(ProxiedDeployment.RepositoryRoot(), "src", "DanVan.Web", "wwwroot", "css", "site.css")), await css.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task PlainHttp_AtNginx_RedirectedToHttps()
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        });

        var response = await client.GetAsync($"http://{ProxiedDeployment.Host}:{deployment.HttpPort}/reports");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"https://{ProxiedDeployment.Host}/reports", response.Headers.Location!.OriginalString);
    }
}
