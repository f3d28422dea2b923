namespace DanVan.Core.Periods;

/// <summary>How a plan states a deadline: "by day N of the month after cut-off" or "N working days after cut-off".</summary>
public abstract record DeadlineRule
{
    private DeadlineRule()
    {
    }

    /// <summary>Day N of the month in which the data window ends, or of the next month when that day is not after the cut-off.</summary>
    public sealed record DayOfMonth(int Day) : DeadlineRule;

    public sealed record WorkingDaysAfterCutoff(int Days) : DeadlineRule;
}

/// <summary>
/// Working days: Monday to Friday except public holidays, plus Saturdays worked to make up for a bridged day (an
/// admin-edited list). Pure, so the calendar is testable for every year boundary and holiday without a database.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly>? makeUpWorkdays = null)
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays];
    private readonly HashSet<DateOnly> _makeUp = [.. makeUpWorkdays ?? []];

    public static WorkingCalendar From(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        return new WorkingCalendar(
            list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date),
            list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date));
    }

    public static WorkingCalendar Official { get; } = new(
        OfficialCalendar.Days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date),
        OfficialCalendar.Days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date));

    public bool IsWorkingDay(DateOnly day) =>
        _makeUp.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    public DateOnly OnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = from;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                days--;
            }
        }

        return day;
    }

    /// <summary>
    /// The sending deadline for a period: computed from the window's cut-off by the plan's rule; a deadline that falls
    /// on a weekend or holiday moves to the next working day, and there is always at least one working day after the
    /// cut-off (docs/domain.md, "Reporting calendar").
    /// </summary>
    public DateOnly Deadline(ReportingPeriod period, PeriodSemantics semantics, DeadlineRule rule)
    {
        var cutoff = period.Window(semantics).End;
        var deadline = rule switch
        {
            DeadlineRule.WorkingDaysAfterCutoff w => AddWorkingDays(cutoff, Math.Max(w.Days, 1)),
            DeadlineRule.DayOfMonth d => DayAfter(cutoff, d.Day),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        var moved = OnOrAfter(deadline);
        var earliest = AddWorkingDays(cutoff, 1);
        return moved < earliest ? earliest : moved;
    }

    private static DateOnly DayAfter(DateOnly cutoff, int day)
    {
        // The plan form allows 1–31; a row written past it (a plan's default is day 0) must not make every page that
        // reads all plans' schedules fail, as working days below 1 count as 1.
        day = Math.Clamp(day, 1, 31);
        var month = new DateOnly(cutoff.Year, cutoff.Month, 1);
        var candidate = new DateOnly(month.Year, month.Month, Math.Min(day, DateTime.DaysInMonth(month.Year, month.Month)));
        if (candidate <= cutoff)
        {
            month = month.AddMonths(1);
            candidate = new DateOnly(month.Year, month.Month, Math.Min(day, DateTime.DaysInMonth(month.Year, month.Month)));
        }

        return candidate;
    }
}
