using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DanVan.Core.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanVan.Tests;

/// <summary>The app with the log-in limits it ships with (the shared test app lifts them so suites can log in freely).</summary>
public sealed class ShippedLimitsFactory : DanVanWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:RateLimit:LogInPerMinute", "10");
        builder.UseSetting("Security:LogIn:PerAddress", "20");
    }
}

/// <summary>Issue 18 item 2: password guessing is slowed per address and per account, and a stranger cannot lock anyone out.</summary>
public sealed class LogInLimitTests(ShippedLimitsFactory app) : IClassFixture<ShippedLimitsFactory>
{
    private static async Task<HttpResponseMessage> TokenAsync(DanVanWebFactory factory, string userName, string password, string address)
    {
        var client = ApiClient.Anonymous(factory);
        // The app trusts X-Forwarded-For from a proxy on this machine; the in-memory test server counts as one.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return await client.PostAsJsonAsync("/api/v1/tokens", new { userName, password }, ApiClient.Json);
    }

    private async Task<string> UserAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var unit = await app.AddUnitAsync($"L-{tag}", $"Ủy ban nhân dân xã Giới Hạn {tag}");
        await app.AddUserAsync($"cb.{tag}", unit, Roles.Staff);
        return $"cb.{tag}";
    }

    [Fact]
    public async Task TokenRequests_BeyondTheLimitPerAddress_429WithRetryAfter()
    {
        var user = await UserAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 11; i++)
        {
            // Different wrong names, so no account's lockout is what stops them.
            last = await TokenAsync(app, $"{user}-{i}", "Sai-matkhau", "10.18.2.1");
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        await ApiClient.AssertProblemAsync(last, HttpStatusCode.TooManyRequests);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells the client how long to wait");
        // Another address is not slowed by this one's guessing.
        await ApiClient.EnsureStatusAsync(await TokenAsync(app, user, DanVanWebFactory.Password, "10.18.2.2"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task LogInForm_BeyondTheLimitPerAddress_429()
    {
        var user = await UserAsync();
        var browser = new Browserless(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.18.3.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = $"{user}-{i}", ["Input.Password"] = "Sai-matkhau" })).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task WrongPasswordsFromAStranger_DoNotLockTheOwnerOutAtTheirAddress()
    {
        var user = await UserAsync();
        for (var i = 0; i < 5; i++)
        {
            await TokenAsync(app, user, $"Sai-matkhau-{i}", "10.18.4.66");
        }

        var stranger = await TokenAsync(app, user, DanVanWebFactory.Password, "10.18.4.66");
        var owner = await TokenAsync(app, user, DanVanWebFactory.Password, "10.18.4.7");

        var problem = await ApiClient.AssertProblemAsync(stranger, HttpStatusCode.Unauthorized);
        Assert.Contains("tạm khóa", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await ApiClient.EnsureStatusAsync(owner, HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownUserName_AnswersAboutAsSlowlyAsAWrongPassword()
    {
        // Three accounts, three guesses each: below any lockout, which would answer without hashing and so faster.
        string[] users = [await UserAsync(), await UserAsync(), await UserAsync()];
        await TokenAsync(app, await UserAsync(), "Sai-khoi-dong", "10.18.6.250"); // warm-up: first hash, JIT

        async Task<double> TimeAsync(string name, string address)
        {
            var watch = Stopwatch.StartNew();
            var response = await TokenAsync(app, name, "Sai-matkhau", address);
            var took = watch.Elapsed.TotalMilliseconds;
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return took;
        }

        // Known and unknown names take turns, so a busy moment of the machine (the suites run side by side) slows both.
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            knownTimes.Add(await TimeAsync(users[i % 3], $"10.18.6.{i}"));
            unknownTimes.Add(await TimeAsync($"khongco-{Guid.NewGuid():N}"[..20], $"10.18.6.{100 + i}"));
        }

        var known = knownTimes.Order().ElementAt(4);
        var unknown = unknownTimes.Order().ElementAt(4);

        Assert.True(unknown > known / 3, $"unknown {unknown:F1} ms against known {known:F1} ms: user names can be told apart");
    }
}
