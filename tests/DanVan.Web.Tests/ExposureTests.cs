using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 18 items 7 and 9: bad periods and failures answer clear ProblemDetails; nothing private is cached or advertised.</summary>
[Collection(WebCollection.Name)]
public sealed class ExposureTests(DanVanWebFactory app)
{
    private async Task<string> StaffAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var unit = await app.AddUnitAsync($"E-{tag}", $"Ủy ban nhân dân xã Lộ Diện {tag}");
        await app.AddUserAsync($"cb.{tag}", unit, Roles.Staff);
        return $"cb.{tag}";
    }

    [Theory]
    [InlineData("1900-01")]
    [InlineData("1900-Q1")]
    [InlineData("1900")]
    [InlineData("2100-01")]
    [InlineData("2200-12")]
    public async Task CreateReport_PeriodFarFromToday_400ProblemSayingWhich(string period)
    {
        var api = await ApiClient.LogInAsync(app, await StaffAsync());

        var response = await api.PostAsync("/api/v1/reports", new { period });

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("nằm ngoài khoảng cho phép", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateReportForm_Period1900_400WithTheReason()
    {
        var browser = await Browserless.LogInAsync(app, await StaffAsync());

        var response = await browser.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "1900-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nằm ngoài khoảng cho phép", Browserless.Errors(await Browserless.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_UnhandledException_ProblemDetailsWithoutStackTrace()
    {
        // Arrange: an app of its own whose database lost a table, so a request fails where no rule expects it.
        await using var broken = new DanVanWebFactory();
        await ((IAsyncLifetime)broken).InitializeAsync();
        var unit = await broken.AddUnitAsync("HONG", "Ủy ban nhân dân xã Hỏng");
        await broken.AddUserAsync("cb.hong", unit, Roles.Staff);
        var api = await ApiClient.LogInAsync(broken, "cb.hong");
        await using (var db = broken.NewDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"Notifications\"");
        }

        // Act
        var response = await api.GetAsync("/api/v1/notifications");

        // Assert
        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        Assert.DoesNotContain("Notifications", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        await ((IAsyncLifetime)broken).DisposeAsync();
    }

    [Fact]
    public async Task SignedInPagesAndApiAnswers_NoStore_StaticFilesCacheable()
    {
        var user = await StaffAsync();
        var browser = await Browserless.LogInAsync(app, user);
        var api = await ApiClient.LogInAsync(app, user);

        var page = await browser.Client.GetAsync("/reports");
        var json = await api.GetAsync("/api/v1/units");
        var css = await app.CreateClient().GetAsync("/css/site.css");

        Assert.True(page.Headers.CacheControl?.NoStore, "a signed-in page is not cached");
        Assert.True(json.Headers.CacheControl?.NoStore, "an API answer is not cached");
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Kestrel_SendsNoServerHeader()
    {
        await using var kestrel = new KestrelFactory();
        await ((IAsyncLifetime)kestrel).InitializeAsync();
        kestrel.UseKestrel(0);
        kestrel.StartServer();

        var response = await kestrel.CreateClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        await ((IAsyncLifetime)kestrel).DisposeAsync();
    }

    [Fact]
    public async Task OpenApi_InProduction_OnlyForSignedInUsers()
    {
        await using var production = new ProductionFactory();
        await ((IAsyncLifetime)production).InitializeAsync();

        var anonymous = await production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await ((IAsyncLifetime)production).DisposeAsync();
    }

    [Fact]
    public async Task DataProtectionKeys_WithoutAKeysFolder_OnPostgresLiveInTheDatabase_OnSqliteBesideTheFile()
    {
        await using var shared = new NoKeysFolderFactory();
        await ((IAsyncLifetime)shared).InitializeAsync();
        var unit = await shared.AddUnitAsync("KHOA", "Ủy ban nhân dân xã Khóa");
        await shared.AddUserAsync("cb.khoa", unit, Roles.Staff);

        await Browserless.LogInAsync(shared, "cb.khoa");

        await using var db = shared.NewDbContext();
        if (TestDatabase.CurrentProvider == Core.Data.DatabaseProvider.Postgres)
        {
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }
        else
        {
            var folder = Path.Combine(Path.GetDirectoryName(db.Database.GetDbConnection().DataSource)!, "keys");
            Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
            Assert.Empty(await db.DataProtectionKeys.ToListAsync());
        }

        await ((IAsyncLifetime)shared).DisposeAsync();
    }

    private sealed class KestrelFactory : DanVanWebFactory;

    private sealed class NoKeysFolderFactory : DanVanWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:KeysPath", "");
        }
    }

    private sealed class ProductionFactory : DanVanWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
