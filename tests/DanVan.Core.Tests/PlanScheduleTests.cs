using DanVan.Core.Periods;
using DanVan.Core.Plans;

namespace DanVan.Tests;

/// <summary>Deadlines against the shipped official calendar: Tết, bridged days, make-up Saturdays, year ends.</summary>
public sealed class PlanScheduleTests
{
    private static Plan Plan(PeriodType type, PeriodSemantics semantics, DeadlineKind kind, int value, int? lockDays = null) => new()
    {
        Number = "42/KH-UBND",
        Summary = "Kế hoạch thử",
        FirstPeriod = type == PeriodType.Quarter ? "2024-Q1" : "2024-01",
        PeriodType = type,
        Semantics = semantics,
        UnitDeadlineKind = kind,
        UnitDeadlineValue = value,
        OwnerDeadlineKind = DeadlineKind.WorkingDaysAfterCutoff,
        OwnerDeadlineValue = 5,
        LockAfterDays = lockDays,
        CreatedBy = "test",
    };

    private static PlanSchedule For(Plan plan, string period) => PlanSchedule.For(plan, ReportingPeriod.Parse(period), WorkingCalendar.Official);

    [Fact]
    public void Quarter_Decree09_ThreeWorkingDaysAfterCutoff_OwnerAndLockFollow()
    {
        var s = For(Plan(PeriodType.Quarter, PeriodSemantics.Decree09, DeadlineKind.WorkingDaysAfterCutoff, 3, 30), "2025-Q1");

        Assert.Equal(new DateOnly(2024, 12, 15), s.Start);
        Assert.Equal(new DateOnly(2025, 3, 14), s.End);
        Assert.Equal(new DateOnly(2025, 3, 19), s.UnitDeadline);
        Assert.Equal(new DateOnly(2025, 3, 21), s.OwnerDeadline);
        Assert.Equal(new DateOnly(2025, 4, 18), s.LockedAfter);
        Assert.False(s.IsLocked(new DateOnly(2025, 4, 18)));
        Assert.True(s.IsLocked(new DateOnly(2025, 4, 19)));
    }

    [Theory]
    [InlineData("2026-02", "2026-02-23")] // cut-off Sat 14/2, Tết Bính Ngọ 16–20/2, weekend → Monday 23/2
    [InlineData("2025-01", "2025-01-15")] // cut-off Tue 14/1, next working day
    [InlineData("2025-02", "2025-02-17")] // cut-off Fri 14/2 → Monday
    [InlineData("2024-02", "2024-02-15")] // cut-off Wed 14/2 is the last day of Tết Giáp Thìn → Thursday
    public void Month_OneWorkingDayAfterCutoff_SkipsTet(string period, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            For(Plan(PeriodType.Month, PeriodSemantics.Decree09, DeadlineKind.WorkingDaysAfterCutoff, 1), period).UnitDeadline);

    [Theory]
    [InlineData("2025-04", 2, "2025-05-05")] // day 2 of May: bridged holiday, then weekend → Monday 5/5
    [InlineData("2024-04", 30, "2024-05-02")] // 30/4 holiday, 1/5 holiday → 2/5
    [InlineData("2025-08", 1, "2025-09-03")] // 1/9 and 2/9 Quốc khánh → 3/9
    [InlineData("2026-08", 1, "2026-09-03")]
    public void DayOfMonth_OnHoliday_MovesToNextWorkingDay(string period, int day, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            For(Plan(PeriodType.Month, PeriodSemantics.Decree09, DeadlineKind.DayOfMonth, day), period).UnitDeadline);

    [Fact]
    public void CalendarSemantics_YearEnd_NewYearHolidayIsSkipped()
    {
        var s = For(Plan(PeriodType.Month, PeriodSemantics.Calendar, DeadlineKind.WorkingDaysAfterCutoff, 1), "2024-12");

        Assert.Equal(new DateOnly(2024, 12, 31), s.End);
        Assert.Equal(new DateOnly(2025, 1, 2), s.UnitDeadline);
    }

    [Fact]
    public void MakeUpSaturday_CountsAsWorkingDay()
    {
        Assert.True(WorkingCalendar.Official.IsWorkingDay(new DateOnly(2025, 4, 26)));
        Assert.False(WorkingCalendar.Official.IsWorkingDay(new DateOnly(2025, 5, 2)));
        Assert.True(WorkingCalendar.Official.IsWorkingDay(new DateOnly(2024, 5, 4)));
        Assert.False(WorkingCalendar.Official.IsWorkingDay(new DateOnly(2024, 4, 29)));
        // Cut-off Thu 24/4/2025 + 2 working days: Fri 25/4, then the make-up Saturday 26/4.
        Assert.Equal(new DateOnly(2025, 4, 26), WorkingCalendar.Official.AddWorkingDays(new DateOnly(2025, 4, 24), 2));
    }

    [Fact]
    public void OfficialCalendar_CoversEachYearsTetAndNationalDay()
    {
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            Assert.Contains(OfficialCalendar.Days, d => d.Date.Year == year && d.Name.StartsWith("Tết Nguyên đán", StringComparison.Ordinal));
            Assert.Contains(OfficialCalendar.Days, d => d.Date == new DateOnly(year, 9, 2));
            Assert.Contains(OfficialCalendar.Days, d => d.Date == new DateOnly(year, 4, 30));
            Assert.Contains(OfficialCalendar.Days, d => d.Date == new DateOnly(year, 1, 1));
        }

        Assert.Equal(OfficialCalendar.Days.Count, OfficialCalendar.Days.Select(d => d.Date).Distinct().Count());
    }

    [Fact]
    public void Recent_ListsBegunPeriodsNewestFirst()
    {
        var plan = Plan(PeriodType.Quarter, PeriodSemantics.Decree09, DeadlineKind.WorkingDaysAfterCutoff, 3);

        var recent = PlanSchedule.Recent(plan, new DateOnly(2025, 4, 10), WorkingCalendar.Official, 3).Select(s => s.Period.ToString()).ToList();

        // Q2/2025's Decree 09 window began on 15/3/2025.
        Assert.Equal(["2025-Q2", "2025-Q1", "2024-Q4"], recent);
    }

    [Theory]
    [InlineData("2025-01", "2024-12")]
    [InlineData("2025-Q1", "2024-Q4")]
    [InlineData("2025-H1", "2024-H2")]
    [InlineData("2025-9M", "2024-9M")]
    [InlineData("2025", "2024")]
    public void Previous_CrossesYearBoundary(string period, string previous) =>
        Assert.Equal(previous, ReportingPeriod.Parse(period).Previous().ToString());
}
