using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reminders;

namespace DanVan.Tests;

public sealed class ReminderRulesTests
{
    private static readonly ReportingPeriod Q1 = ReportingPeriod.Quarter(2025, 1);

    private static PlanSchedule Schedule(DateOnly? lockedAfter) =>
        new(Q1, new DateOnly(2024, 12, 15), new DateOnly(2025, 3, 14), new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 25), lockedAfter);

    private static Plan Plan() => new() { Number = "42/KH-UBND", Summary = "", FirstPeriod = "2025-Q1", CreatedBy = "snv" };

    [Theory]
    [InlineData("2025-03-16", null)]
    [InlineData("2025-03-17", ReminderKind.BeforeDeadline)]
    [InlineData("2025-03-19", ReminderKind.BeforeDeadline)]
    [InlineData("2025-03-20", ReminderKind.BeforeDeadline)]
    [InlineData("2025-03-21", ReminderKind.Overdue)]
    [InlineData("2025-03-30", ReminderKind.Overdue)]
    [InlineData("2025-03-31", null)]
    public void Due_ThreeDaysBeforeAndLockTenDaysAfter_WindowsIncludeCatchUpDays(string today, ReminderKind? expected) =>
        Assert.Equal(expected, ReminderRules.Due(Schedule(new DateOnly(2025, 3, 30)), 3, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Due_PlanNeverLocks_OverdueCaughtUpForThirtyDays()
    {
        Assert.Equal(ReminderKind.Overdue, ReminderRules.Due(Schedule(null), 3, new DateOnly(2025, 4, 19)));
        Assert.Null(ReminderRules.Due(Schedule(null), 3, new DateOnly(2025, 4, 20)));
    }

    [Fact]
    public void Due_LockedOnDeadlineDay_OverdueStillOnTheDayAfter()
    {
        Assert.Equal(ReminderKind.Overdue, ReminderRules.Due(Schedule(new DateOnly(2025, 3, 20)), 3, new DateOnly(2025, 3, 21)));
        Assert.Null(ReminderRules.Due(Schedule(new DateOnly(2025, 3, 20)), 3, new DateOnly(2025, 3, 22)));
    }

    [Fact]
    public void Due_RemindZeroDaysBefore_OnlyOnTheDeadline()
    {
        Assert.Null(ReminderRules.Due(Schedule(null), 0, new DateOnly(2025, 3, 19)));
        Assert.Equal(ReminderKind.BeforeDeadline, ReminderRules.Due(Schedule(null), 0, new DateOnly(2025, 3, 20)));
    }

    [Theory]
    [InlineData("2025-03-17", ReminderKind.BeforeDeadline, "Nhắc hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (còn 3 ngày).")]
    [InlineData("2025-03-20", ReminderKind.BeforeDeadline, "Nhắc hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (hạn là hôm nay).")]
    [InlineData("2025-03-21", ReminderKind.Overdue, "Quá hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025, đơn vị chưa gửi (quá hạn 1 ngày).")]
    public void Text_ReadsAsVietnameseSentence(string today, ReminderKind kind, string expected) =>
        Assert.Equal(expected, ReminderRules.Text(Plan(), Schedule(null), kind, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void SubjectAndUrl_NameThePeriod()
    {
        Assert.Equal("Quá hạn gửi báo cáo quý I năm 2025", ReminderRules.Subject(Schedule(null), ReminderKind.Overdue));
        Assert.Equal("/reports?Period=2025-Q1", ReminderRules.Url(Schedule(null)));
    }
}
