using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>"Đôn đốc": the plan's consolidator reminds, now, the units that have not sent, and the dashboard can say when.</summary>
public sealed class NudgeTests : IAsyncLifetime
{
    private readonly ReminderScenario _s = new();

    public Task InitializeAsync() => _s.InitializeAsync();

    public Task DisposeAsync() => _s.DisposeAsync();

    private Task<Nudge> NudgeAsync(Actor actor, string period = "2025-Q1") =>
        _s.Core.RunAsync(sp => sp.GetRequiredService<ReminderService>().NudgeAsync(_s.PlanId, period, actor));

    [Fact]
    public async Task NudgeAsync_OneUnitSentOneNot_OnlyTheNonSenderRemindedAndRecordedEachTime()
    {
        _s.Core.Clock.Now = new DateTimeOffset(2025, 3, 12, 2, 30, 0, TimeSpan.Zero);
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);
        var leader = await _s.AddUserAsync("tratan.lanhdao", _s.Commune, Roles.Leader);
        var sent = await _s.AddUserAsync("trathuy.canbo", _s.OtherCommune, Roles.Staff);
        var consolidatorId = await _s.AddUserAsync("snv.tonghop", _s.Snv, Roles.Consolidator);
        await _s.AddReportAsync(_s.OtherCommune, ReportStatus.Submitted);
        var snv = new Actor(consolidatorId, "snv.tonghop", "Sở Nội vụ", _s.Snv, new HashSet<string> { Roles.Consolidator });

        var first = await NudgeAsync(snv);
        _s.Core.Clock.Now = _s.Core.Clock.Now.AddHours(2);
        await NudgeAsync(snv);
        var last = await _s.Core.RunAsync(sp => sp.GetRequiredService<ReminderService>().LastNudgeAsync(_s.PlanId, "2025-Q1"));

        Assert.Equal((1, 2, 0, "snv.tonghop"), (first.Units, first.Notified, first.Emailed, first.SentBy));
        foreach (var user in new[] { staff, leader })
        {
            var notes = await _s.NotificationsAsync(user);
            Assert.Equal(2, notes.Count);
            Assert.Equal("Đôn đốc: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (còn 8 ngày).", notes[0].Text);
            Assert.Equal("/reports?Period=2025-Q1", notes[0].Url);
        }

        Assert.Empty(await _s.NotificationsAsync(sent));
        Assert.Empty(await _s.NotificationsAsync(consolidatorId));
        Assert.Equal(new DateTime(2025, 3, 12, 4, 30, 0), last!.SentAt);
        // The scheduled reminders keep their own log: a nudge does not spend them.
        Assert.Empty(await _s.SentAsync());
    }

    [Fact]
    public async Task NudgeAsync_UnitUserOrLockedOrAllSent_RefusedAndNothingRecorded()
    {
        var staffId = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);
        var staff = new Actor(staffId, "tratan.canbo", "Cán bộ", _s.Commune, new HashSet<string> { Roles.Staff });
        var snv = CoreFixture.As(_s.Snv, Roles.Consolidator);
        _s.Core.Clock.Now = new DateTimeOffset(2025, 3, 25, 3, 0, 0, TimeSpan.Zero);

        await Assert.ThrowsAsync<ForbiddenException>(() => NudgeAsync(staff));
        var badPeriod = await Assert.ThrowsAsync<DomainException>(() => NudgeAsync(snv, "2025-Q2"));
        await _s.AddReportAsync(_s.Commune, ReportStatus.Submitted);
        await _s.AddReportAsync(_s.OtherCommune, ReportStatus.Accepted);
        var allSent = await Assert.ThrowsAsync<DomainException>(() => NudgeAsync(snv));
        _s.Core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);
        var locked = await Assert.ThrowsAsync<DomainException>(() => NudgeAsync(snv));

        Assert.Contains("không có kỳ", badPeriod.Message, StringComparison.Ordinal);
        Assert.Contains("Mọi đơn vị đã gửi", allSent.Message, StringComparison.Ordinal);
        Assert.Contains("khoá sổ", locked.Message, StringComparison.Ordinal);
        Assert.Empty(await _s.NotificationsAsync(staffId));
        await using var db = _s.Core.Database.NewContext();
        Assert.False(await db.Nudges.AnyAsync());
    }

    [Theory]
    [InlineData("2025-03-20", "Đôn đốc: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (hạn là hôm nay).")]
    [InlineData("2025-03-22", "Đôn đốc: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025, đơn vị chưa gửi (quá hạn 2 ngày).")]
    public void NudgeText_BeforeOrAfterTheDeadline_TheScheduledWordingSaidNow(string today, string expected)
    {
        var plan = new Plan { Number = "42/KH-UBND", Summary = "", FirstPeriod = "2025-Q1", CreatedBy = "snv" };
        var schedule = new PlanSchedule(ReportingPeriod.Parse("2025-Q1"), new DateOnly(2024, 12, 15), new DateOnly(2025, 3, 14), new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 25), new DateOnly(2025, 3, 30));

        Assert.Equal(expected, ReminderRules.NudgeText(plan, schedule, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(ReminderRules.NudgeRefusal(schedule, new DateOnly(2025, 3, 30)));
        Assert.NotNull(ReminderRules.NudgeRefusal(schedule, new DateOnly(2025, 3, 31)));
        Assert.NotNull(ReminderRules.NudgeRefusal(schedule, new DateOnly(2024, 12, 14)));
    }
}
