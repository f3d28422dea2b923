using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reminders;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DanVan.Tests;

/// <summary>The app with the reminder job switched on and the clock at 17/03/2025, three days before quarter I's deadline.</summary>
public sealed class ReminderWebFactory : DanVanWebFactory
{
    public FixedClock Clock { get; } = new(new DateTimeOffset(2025, 3, 17, 3, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Reminders:Enabled", "true");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The bell in the header and the notifications page, fed by the reminder job.</summary>
public sealed class NotificationPageTests(ReminderWebFactory app) : IClassFixture<ReminderWebFactory>
{
    private async Task<(string Staff, string Leader)> ArrangeAsync(bool withPlan = true)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        await app.AddUserAsync($"lanhdao.{tag}", commune, Roles.Leader, "Đinh Văn Sơn");
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        if (!withPlan)
        {
            return ($"canbo.{tag}", $"lanhdao.{tag}");
        }

        var consolidator = await app.ActorAsync($"snv.{tag}");
        await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            ReminderPlan.Quarter1Of2025(),
            consolidator));
        return ($"canbo.{tag}", $"lanhdao.{tag}");
    }

    private static async Task<string?> BellCountAsync(Browserless browser)
    {
        var (response, page) = await browser.GetPageAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bell = page.QuerySelector("header a.bell[href='/notifications']");
        Assert.NotNull(bell);
        return bell.QuerySelector(".count")?.TextContent.Trim();
    }

    private async Task<List<Notification>> NotificationsAsync(string userName)
    {
        var id = (await app.ActorAsync(userName)).UserId;
        await using var db = app.NewDbContext();
        return await db.Notifications.Where(n => n.UserId == id).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task ReminderJob_PassRuns_BellCountsAndPageMarksOneRead()
    {
        var (staff, _) = await ArrangeAsync();
        var job = app.Services.GetServices<IHostedService>().OfType<ReminderJob>().Single();

        Assert.NotNull(await job.RunOnceAsync(CancellationToken.None));
        var browser = await Browserless.LogInAsync(app, staff);
        var before = await BellCountAsync(browser);
        var (_, page) = await browser.GetPageAsync("/notifications");
        var read = await browser.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form.read-one")!, "/notifications", []);
        var after = await BellCountAsync(browser);

        Assert.Equal("1", before);
        Assert.Contains("Nhắc hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (còn 3 ngày).", page.QuerySelector("tr.unread")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/reports?Period=2025-Q1", page.QuerySelector("tr.unread a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.Null(after);
        Assert.NotNull(Assert.Single(await NotificationsAsync(staff)).ReadAt);
    }

    [Fact]
    public async Task NotificationsPage_MarkAll_ReadsOnlyTheUsersOwn()
    {
        var (staff, leader) = await ArrangeAsync(withPlan: false);
        var staffId = (await app.ActorAsync(staff)).UserId;
        var leaderId = (await app.ActorAsync(leader)).UserId;
        await using (var db = app.NewDbContext())
        {
            var at = app.Clock.GetUtcNow().UtcDateTime;
            db.Notifications.AddRange(
                new Notification { UserId = staffId, CreatedAt = at, Text = "Thông báo thứ nhất" },
                new Notification { UserId = staffId, CreatedAt = at.AddMinutes(1), Text = "Thông báo thứ hai" },
                new Notification { UserId = leaderId, CreatedAt = at, Text = "Của lãnh đạo" });
            await db.SaveChangesAsync();
        }

        var browser = await Browserless.LogInAsync(app, staff);
        var (_, page) = await browser.GetPageAsync("/notifications");
        var rows = page.QuerySelectorAll("tr.unread").Select(r => r.TextContent).ToList();
        var response = await browser.SubmitAsync("/notifications", "form#read-all", []);
        var (_, afterPage) = await browser.GetPageAsync("/notifications");

        Assert.Contains("Thông báo thứ hai", rows[0], StringComparison.Ordinal);
        Assert.Contains("Thông báo thứ nhất", rows[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Đã đánh dấu 2 thông báo là đã đọc.", afterPage.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(afterPage.QuerySelectorAll("tr.unread"));
        Assert.All(await NotificationsAsync(staff), n => Assert.NotNull(n.ReadAt));
        Assert.Null(Assert.Single(await NotificationsAsync(leader)).ReadAt);
    }
}
