using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;

namespace DanVan.Core.Consolidation;

public enum Timeliness
{
    NotDue,
    OnTime,
    Late,
    Overdue,
}

/// <summary>What a set of units that must report did in one period. Pending = not sent and not yet due.</summary>
public readonly record struct Tally(int Expected, int Submitted, int OnTime, int Late, int Missing)
{
    public int Pending => Expected - Submitted - Missing;

    /// <summary>Share of expected units that have sent, 0–1.</summary>
    public double Rate => Expected == 0 ? 0 : (double)Submitted / Expected;

    public Tally With(bool sent, Timeliness timeliness) => new(
        Expected + 1,
        Submitted + (sent ? 1 : 0),
        OnTime + (timeliness == Timeliness.OnTime ? 1 : 0),
        Late + (timeliness == Timeliness.Late ? 1 : 0),
        Missing + (timeliness == Timeliness.Overdue ? 1 : 0));

    public static Tally operator +(Tally a, Tally b) =>
        new(a.Expected + b.Expected, a.Submitted + b.Submitted, a.OnTime + b.OnTime, a.Late + b.Late, a.Missing + b.Missing);

    public Tally Add(Tally other) => this + other;
}

/// <summary>Pure rules of the completeness dashboard: what counts as sent, on time, late or missing.</summary>
public static class Completeness
{
    /// <summary>A returned report must be sent again; a draft has not been sent at all.</summary>
    public static bool IsSent(ReportStatus? status) => status is ReportStatus.Submitted or ReportStatus.Accepted;

    /// <summary>A report sent on the deadline day (Vietnam time) is on time; unsent after it is overdue.</summary>
    public static Timeliness Classify(DateOnly? deadline, DateTime? submittedAtUtc, DateOnly today) =>
        Classify(deadline, submittedAtUtc is not null, submittedAtUtc is { } at && deadline is { } due && at < DeadlineEndUtc(due), today);

    /// <summary>The same rule when the database has already compared the sending time with <see cref="DeadlineEndUtc"/>.</summary>
    public static Timeliness Classify(DateOnly? deadline, bool sent, bool sentByDeadline, DateOnly today) => deadline switch
    {
        null => Timeliness.NotDue,
        _ when sent => sentByDeadline ? Timeliness.OnTime : Timeliness.Late,
        { } due => today > due ? Timeliness.Overdue : Timeliness.NotDue,
    };

    /// <summary>The first instant after the deadline day in Vietnam (UTC+7), in UTC: sent before it is on time.</summary>
    public static DateTime DeadlineEndUtc(DateOnly due) =>
        TimeZoneInfo.ConvertTimeToUtc(due.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), VietnamTime.Zone);

    /// <summary>Up to <paramref name="count"/> periods ending with <paramref name="last"/>, oldest first, none before <paramref name="first"/>.</summary>
    public static IReadOnlyList<ReportingPeriod> Series(ReportingPeriod last, int count, ReportingPeriod? first = null)
    {
        var result = new List<ReportingPeriod>(count);
        for (var p = last; result.Count < count && (first is not { } f || p >= f); p = p.Previous())
        {
            result.Add(p);
            if (p.Year <= 1900)
            {
                break;
            }
        }

        result.Reverse();
        return result;
    }
}

/// <summary>Which units the dashboard's table lists: all, or those where something is still to chase.</summary>
public enum RowFilter
{
    All,

    /// <summary>The unit, or an expected unit under it, has not sent its report.</summary>
    Unsent,

    /// <summary>The unit, or an expected unit under it, sent late.</summary>
    Late,
}

/// <summary>One page of the dashboard's table, with how many rows each filter matches.</summary>
public sealed record RowPage(IReadOnlyList<CompletenessRow> Rows, RowFilter Filter, int Page, int Pages, IReadOnlyDictionary<RowFilter, int> Counts);

/// <summary>
/// The dashboard's table a page at a time: a province's root has thousands of communes, which no one reads on one
/// screen and which made the page megabytes of HTML; the filters find the units to chase. Pure.
/// </summary>
public static class CompletenessRows
{
    public const int PageSize = 100;

    public static bool Matches(CompletenessRow row, RowFilter filter) => filter switch
    {
        RowFilter.Unsent => row.Below.Submitted < row.Below.Expected,
        RowFilter.Late => row.Below.Late > 0,
        _ => true,
    };

    /// <summary>Page <paramref name="page"/> (from 1; out of range: the nearest) of the rows the filter matches, in their order.</summary>
    public static RowPage Page(IReadOnlyList<CompletenessRow> rows, RowFilter filter, int page, int size = PageSize)
    {
        var counts = Enum.GetValues<RowFilter>().ToDictionary(f => f, f => rows.Count(r => Matches(r, f)));
        var pages = Math.Max(1, (counts[filter] + size - 1) / size);
        page = Math.Clamp(page, 1, pages);
        return new RowPage(rows.Where(r => Matches(r, filter)).Skip((page - 1) * size).Take(size).ToList(), filter, page, pages, counts);
    }
}

/// <summary>Parent links and names of a set of units over time, loaded once; the tree and names as of any day.</summary>
public sealed class UnitHistory
{
    private readonly Dictionary<int, (int ParentId, DateOnly From)[]> _links;
    private readonly Dictionary<int, (string Name, DateOnly From)[]> _names;
    private readonly Dictionary<DateOnly, UnitTree> _trees = [];

    public UnitHistory(IEnumerable<(int UnitId, int ParentId, DateOnly ValidFrom)> links, IEnumerable<(int UnitId, string Name, DateOnly ValidFrom)> names)
    {
        _links = links.GroupBy(l => l.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.ValidFrom).Select(l => (l.ParentId, l.ValidFrom)).ToArray());
        _names = names.GroupBy(n => n.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(n => n.ValidFrom).Select(n => (n.Name, n.ValidFrom)).ToArray());
    }

    /// <summary>As <see cref="OrgUnitService.LoadTreeAsync"/>: each unit's latest link that has begun by <paramref name="day"/>.</summary>
    public UnitTree TreeOn(DateOnly day)
    {
        if (!_trees.TryGetValue(day, out var tree))
        {
            var edges = new List<(int, int)>(_links.Count);
            foreach (var (unit, links) in _links)
            {
                for (var i = links.Length - 1; i >= 0; i--)
                {
                    if (links[i].From <= day)
                    {
                        edges.Add((unit, links[i].ParentId));
                        break;
                    }
                }
            }

            _trees[day] = tree = new UnitTree(edges);
        }

        return tree;
    }

    /// <summary>As <see cref="OrgUnitService.NamesAsync"/>: the name in force on the day, else the first one.</summary>
    public string NameOn(int unitId, DateOnly day, string fallback)
    {
        if (!_names.TryGetValue(unitId, out var names))
        {
            return fallback;
        }

        for (var i = names.Length - 1; i >= 0; i--)
        {
            if (names[i].From <= day)
            {
                return names[i].Name;
            }
        }

        return names[0].Name;
    }

    public DateOnly? FirstNamedOn(int unitId) => _names.TryGetValue(unitId, out var names) ? names[0].From : null;
}
