using DanVan.Core.Periods;

namespace DanVan.Core.Plans;

/// <summary>
/// One period of a plan, dated: the data window, the units' deadline, the owner's own deadline upwards, and the day
/// after which reports lock. Pure, so every date is testable.
/// </summary>
public sealed record PlanSchedule(
    ReportingPeriod Period,
    DateOnly Start,
    DateOnly End,
    DateOnly UnitDeadline,
    DateOnly OwnerDeadline,
    DateOnly? LockedAfter)
{
    public static PlanSchedule For(Plan plan, ReportingPeriod period, WorkingCalendar calendar)
    {
        var (start, end) = period.Window(plan.Semantics);
        var unitDeadline = calendar.Deadline(period, plan.Semantics, plan.UnitDeadline);
        var ownerDeadline = calendar.Deadline(period, plan.Semantics, plan.OwnerDeadline);
        if (ownerDeadline < unitDeadline)
        {
            ownerDeadline = unitDeadline;
        }

        return new PlanSchedule(period, start, end, unitDeadline, ownerDeadline,
            plan.LockAfterDays is { } days ? unitDeadline.AddDays(days) : null);
    }

    /// <summary>Units may start the report once the period's data window has begun.</summary>
    public bool IsOpen(DateOnly today) => today >= Start;

    /// <summary>
    /// The day a unit may start the period's report: its data window's first day under the plan it answers, under
    /// Decree 09 for a period no plan covers. Before it nothing of the period has happened to report.
    /// </summary>
    public static DateOnly OpensOn(ReportingPeriod period, Plan? plan) => period.Window(plan?.Semantics ?? PeriodSemantics.Decree09).Start;

    public bool IsLocked(DateOnly today) => LockedAfter is { } last && today > last;

    /// <summary>The plan's periods that have begun by <paramref name="today"/>, newest first, at most <paramref name="count"/>.</summary>
    public static IEnumerable<PlanSchedule> Recent(Plan plan, DateOnly today, WorkingCalendar calendar, int count)
    {
        var periods = new List<ReportingPeriod>();
        for (var p = plan.First; p.Window(plan.Semantics).Start <= today && (plan.Last is not { } last || p <= last); p = p.Next())
        {
            periods.Add(p);
        }

        return periods.TakeLast(count).Reverse().Select(p => For(plan, p, calendar));
    }
}
