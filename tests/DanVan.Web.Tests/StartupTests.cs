using System.Net;
using DanVan.Core.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>README command 1: the app migrates the local SQLite file and seeds the demo once when Demo:Seed is on.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_DemoSeedOn_SeedsOnceAndDemoAccountsLogIn()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: TestDatabase.CurrentProvider != Core.Data.DatabaseProvider.Sqlite);
        WebApplicationFactory<Program> Start() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            foreach (var (key, value) in database.Settings)
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Demo:Password", "Demo-Matkhau-1");
            b.UseSetting("DataProtection:KeysPath", Path.Combine(Path.GetTempPath(), "danvan-tests", "keys-" + Guid.NewGuid().ToString("N")));
        });

        await using (var first = Start())
        {
            var browser = new Browserless(first.CreateClient(new() { AllowAutoRedirect = false }));
            var login = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = "tratan.canbo", ["Input.Password"] = "Demo-Matkhau-1" });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var (_, reports) = await browser.GetPageAsync("/reports");
            Assert.Contains("Kết quả triển khai, thực hiện công tác Dân vận chính quyền quý I", reports.Body!.TextContent, StringComparison.Ordinal);
            var provinceLeader = new Browserless(first.CreateClient(new() { AllowAutoRedirect = false }));
            var issuer = await provinceLeader.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = "lamdong.lanhdao", ["Input.Password"] = "Demo-Matkhau-1" });
            Assert.Equal(HttpStatusCode.Redirect, issuer.StatusCode);
        }

        await using (var second = Start())
        {
            Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health")).StatusCode);
        }

        await using var db = database.NewContext();
        Assert.Equal(DemoData.Accounts.Count, await db.Users.CountAsync());
        // The two seed reports, the board's and Trà Tân's reports of the period before their plan's open one, the
        // board's draft of its open month, and the 2025 arrangement's both sides: Trà Bùi's Q1 and Q2, Trà Tân's Q2 and Q3.
        Assert.Equal(9, await db.Reports.CountAsync());
    }
}
