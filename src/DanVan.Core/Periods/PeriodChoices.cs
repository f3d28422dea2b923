namespace DanVan.Core.Periods;

/// <summary>The periods a form lists in words ("Quý I năm 2025") so nobody types a code such as 2025-Q1.</summary>
public static class PeriodChoices
{
    /// <summary>
    /// Every period of every kind from last year to next year, by kind then date, plus any period already chosen (an
    /// older plan's) so editing never silently changes it.
    /// </summary>
    public static IReadOnlyList<ReportingPeriod> Around(DateOnly today, params string?[] chosen) =>
        All(today.Year - 1, today.Year + 1)
            .Concat(chosen.Select(c => ReportingPeriod.TryParse(c, out var p) ? p : (ReportingPeriod?)null).OfType<ReportingPeriod>())
            .Distinct()
            .OrderBy(p => p.Type)
            .ThenBy(p => p)
            .ToList();

    /// <summary>
    /// The periods begun by today within this year and last, newest first within each kind, plus any period already
    /// chosen (an old link's), for filters and dashboards that look back.
    /// </summary>
    public static IReadOnlyList<ReportingPeriod> Started(DateOnly today, params string?[] chosen) =>
        All(today.Year - 1, today.Year)
            .Where(p => p.CalendarWindow().Start <= today)
            .Concat(chosen.Select(c => ReportingPeriod.TryParse(c, out var p) ? p : (ReportingPeriod?)null).OfType<ReportingPeriod>())
            .Distinct()
            .OrderBy(p => p.Type)
            .ThenByDescending(p => p)
            .ToList();

    private static IEnumerable<ReportingPeriod> All(int firstYear, int lastYear)
    {
        for (var year = firstYear; year <= lastYear; year++)
        {
            for (var i = 1; i <= 12; i++)
            {
                yield return ReportingPeriod.Month(year, i);
            }

            for (var i = 1; i <= 4; i++)
            {
                yield return ReportingPeriod.Quarter(year, i);
            }

            yield return ReportingPeriod.Half(year, 1);
            yield return ReportingPeriod.Half(year, 2);
            yield return ReportingPeriod.NineMonths(year);
            yield return ReportingPeriod.FullYear(year);
        }
    }
}
