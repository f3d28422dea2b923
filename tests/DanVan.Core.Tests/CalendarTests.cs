using System.Globalization;
using DanVan.Core.Periods;

namespace DanVan.Tests;

public sealed class CalendarTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-07", "2024-06-15", "2024-07-14")]
    [InlineData("2025-01", "2024-12-15", "2025-01-14")]
    [InlineData("2024-03", "2024-02-15", "2024-03-14")]
    [InlineData("2025-Q1", "2024-12-15", "2025-03-14")]
    [InlineData("2025-Q3", "2025-06-15", "2025-09-14")]
    [InlineData("2025-H1", "2024-12-15", "2025-06-14")]
    [InlineData("2025-H2", "2025-06-15", "2025-12-14")]
    [InlineData("2025-9M", "2024-12-15", "2025-09-14")]
    [InlineData("2025", "2024-12-15", "2025-12-14")]
    public void Window_Decree09_FifteenthToFourteenth(string period, string start, string end) =>
        Assert.Equal((D(start), D(end)), ReportingPeriod.Parse(period).Window(PeriodSemantics.Decree09));

    [Theory]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2025-Q1", "2025-01-01", "2025-03-31")]
    public void Window_Calendar_FirstToLastDay(string period, string start, string end) =>
        Assert.Equal((D(start), D(end)), ReportingPeriod.Parse(period).Window(PeriodSemantics.Calendar));

    private static readonly WorkingCalendar Calendar = new([D("2025-04-30"), D("2025-05-01"), D("2025-05-02"), D("2025-09-01"), D("2025-09-02")]);

    [Fact]
    public void AddWorkingDays_SkipsWeekendsAndHolidays()
    {
        Assert.Equal(D("2025-05-05"), Calendar.AddWorkingDays(D("2025-04-29"), 1));
        Assert.Equal(D("2025-09-03"), Calendar.AddWorkingDays(D("2025-08-29"), 1));
        Assert.Equal(D("2025-07-18"), Calendar.AddWorkingDays(D("2025-07-14"), 4));
    }

    [Theory]
    [InlineData("2025-04", 15, "2025-04-15")] // cut-off 14/4 (Mon), deadline Tue 15/4
    [InlineData("2025-06", 15, "2025-06-16")] // 15/6 is a Sunday
    [InlineData("2025-05", 14, "2025-06-16")] // day 14 is the cut-off itself: next month's 14th is a Saturday
    [InlineData("2025-07", 0, "2025-08-01")] // a day outside 1–31 (a plan row's default, 0) is read as the nearest: the 1st
    [InlineData("2025-07", 40, "2025-07-31")]
    public void Deadline_DayOfMonth_MovesOffWeekends(string period, int day, string expected) =>
        Assert.Equal(D(expected), Calendar.Deadline(ReportingPeriod.Parse(period), PeriodSemantics.Decree09, new DeadlineRule.DayOfMonth(day)));

    [Fact]
    public void Deadline_WorkingDaysAfterCutoff_CountsOverHolidays()
    {
        // April 2025 cut-off is Mon 14/4; two working days later is Wed 16/4. The 2/9 period crosses the National Day holidays.
        Assert.Equal(D("2025-04-16"), Calendar.Deadline(ReportingPeriod.Month(2025, 4), PeriodSemantics.Decree09, new DeadlineRule.WorkingDaysAfterCutoff(2)));
        Assert.Equal(D("2025-09-03"), Calendar.Deadline(ReportingPeriod.Month(2025, 8), PeriodSemantics.Calendar, new DeadlineRule.WorkingDaysAfterCutoff(1)));
    }

    [Fact]
    public void Deadline_NeverOnCutoffDay_AtLeastOneWorkingDayAfter() =>
        Assert.Equal(D("2025-07-15"), Calendar.Deadline(ReportingPeriod.Month(2025, 7), PeriodSemantics.Decree09, new DeadlineRule.WorkingDaysAfterCutoff(0)));
}
