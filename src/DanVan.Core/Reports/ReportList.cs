using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

public sealed record ReportListRow(int Id, int UnitId, string UnitCode, string UnitName, string Period, string Title, ReportStatus Status, int Version,
    DateTime CreatedAt, DateTime? SubmittedAt, DateTime? AcceptedAt);

/// <summary>
/// The reports the user sees, filtered by a period, a unit's code and/or some reports' ids (each may be null). With
/// <see cref="On"/>, only the reports of units in the user's scope on that day (<see cref="AccessService.UnitsInScopeOnAsync"/>),
/// named as they were then.
/// </summary>
public sealed record ReportListFilter(ReportingPeriod? Period = null, string? UnitCode = null, IReadOnlyCollection<int>? Ids = null, DateOnly? On = null);

public enum ReportListOrder
{
    /// <summary>The newest report first: what a clerk or a reviewer looks for.</summary>
    Newest,

    /// <summary>By unit code, then period: a stable order for other systems reading the API.</summary>
    UnitThenPeriod,
}

/// <summary>
/// The one report list, for the page and the API: who sees what is <see cref="AccessService"/>'s rule, names are
/// each unit's name today (or on the day the list is seen as of). Also what the list's filters offer: the periods and
/// units the user has reports of.
/// </summary>
public sealed class ReportList(AccessService access, OrgUnitService units)
{
    public async Task<IReadOnlyList<ReportListRow>> ListAsync(ReportListFilter filter, Actor actor, ReportListOrder order, int take,
        CancellationToken ct = default)
    {
        var query = await access.VisibleReportsAsync(actor, ct);
        if (filter.On is { } day)
        {
            var then = (await access.UnitsInScopeOnAsync(actor, day, ct)).Select(u => u.Id).ToArray();
            query = query.Where(r => EF.Parameter(then).Contains(r.UnitId));
        }

        if (filter.Period is { } period)
        {
            var code = period.ToString();
            query = query.Where(r => r.Period == code);
        }

        if (!string.IsNullOrWhiteSpace(filter.UnitCode))
        {
            var code = filter.UnitCode.Trim().ToUpperInvariant();
            query = query.Where(r => r.Unit!.Code == code);
        }

        if (filter.Ids is { } wanted)
        {
            var ids = wanted.ToArray();
            query = query.Where(r => EF.Parameter(ids).Contains(r.Id));
        }

        query = order == ReportListOrder.Newest
            ? query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            : query.OrderBy(r => r.Unit!.Code).ThenBy(r => r.Period);
        var rows = await query.AsNoTracking()
            .Select(r => new { r.Id, r.UnitId, r.Unit!.Code, r.Period, r.Title, r.Status, r.Version, r.CreatedAt, r.SubmittedAt, r.AcceptedAt })
            .Take(take)
            .ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.UnitId), filter.On, ct);
        return rows.Select(r => new ReportListRow(r.Id, r.UnitId, r.Code, names.GetValueOrDefault(r.UnitId, r.Code), r.Period, r.Title, r.Status,
            r.Version, r.CreatedAt, r.SubmittedAt, r.AcceptedAt)).ToList();
    }

    /// <summary>The periods the user has reports of, newest year first, then months before quarters before halves….</summary>
    public async Task<IReadOnlyList<ReportingPeriod>> PeriodsAsync(Actor actor, CancellationToken ct = default)
    {
        var visible = await access.VisibleReportsAsync(actor, ct);
        var codes = await visible.Select(r => r.Period).Distinct().ToListAsync(ct);
        return codes.Select(c => ReportingPeriod.TryParse(c, out var p) ? p : (ReportingPeriod?)null).OfType<ReportingPeriod>()
            .OrderByDescending(p => p.Year).ThenBy(p => p.Type).ThenByDescending(p => p.Index).ToList();
    }

    /// <summary>
    /// The units the user has reports of, by name in Vietnamese order; with <paramref name="on"/>, those of them in the
    /// user's scope that day, by the names they had then.
    /// </summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> UnitsAsync(Actor actor, DateOnly? on = null, CancellationToken ct = default)
    {
        var visible = await access.VisibleReportsAsync(actor, ct);
        var found = await visible.Select(r => new { r.UnitId, r.Unit!.Code }).Distinct().ToListAsync(ct);
        if (on is { } day)
        {
            var then = (await access.UnitsInScopeOnAsync(actor, day, ct)).Select(u => u.Id).ToHashSet();
            found = found.Where(u => then.Contains(u.UnitId)).ToList();
        }

        var names = await NamesAsync(found.Select(u => u.UnitId), on, ct);
        return found.Select(u => (u.Code, Name: names.GetValueOrDefault(u.UnitId, u.Code)))
            .OrderBy(u => u.Name, StringComparer.Create(OrgUnitService.Vietnamese, false)).ToList();
    }

    private async Task<Dictionary<int, string>> NamesAsync(IEnumerable<int> unitIds, DateOnly? on, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await units.NamesAsync(ids, on, ct);
    }
}
