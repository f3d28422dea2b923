using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Access;

/// <summary>
/// The one place that decides which reports a user may see: staff and leaders their own unit's, consolidators also
/// those the units of the subtree they consolidate have sent up (<see cref="SentUp"/>), admins everything; and anyone
/// the reports their unit inherited from the units it was formed from (<see cref="InheritedAsync"/>). Every report
/// query goes through here.
/// </summary>
public sealed class AccessService(DanVanDbContext db, OrgUnitService units, ReorganisationService reorganisations)
{
    private (int UnitId, Inheritance Value)? _inherited;

    private (string UserId, int UnitId, IReadOnlySet<int> Units)? _visible;

    // A report page asks about its unit more than once (to open it, then whether the user reviews it).
    private (string UserId, int UnitId, int Seen, bool Visible)? _seen;

    private (int UnitId, int Root)? _root;

    /// <summary>Null means "all units" (admin).</summary>
    public async Task<IReadOnlySet<int>?> VisibleUnitIdsAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.IsIn(Roles.Admin))
        {
            return null;
        }

        // One request has one user; the check keeps a scope shared by two actors (jobs, tests) from mixing them up.
        if (_visible is { } cached && cached.UserId == actor.UserId && cached.UnitId == actor.UnitId)
        {
            return cached.Units;
        }

        var visible = new HashSet<int> { actor.UnitId };
        if (actor.IsIn(Roles.Consolidator))
        {
            var root = await ScopeRootAsync(actor, ct);
            var tree = await units.LoadTreeAsync(ct: ct);
            visible.UnionWith(tree.SubtreeOf(root));
        }

        _visible = (actor.UserId, actor.UnitId, visible);
        return visible;
    }

    /// <summary>
    /// The units of the actor's scope as they stood on a day: for an administrator every unit, for a consolidator the
    /// scope's subtree of that day, for anyone else their own unit — each only if it existed that day, with that day's
    /// name and parent, in tree order. The one answer to "which units did I see on …" for the as-of views.
    /// </summary>
    public async Task<IReadOnlyList<UnitRow>> UnitsInScopeOnAsync(Actor actor, DateOnly day, CancellationToken ct = default)
    {
        if (actor.IsIn(Roles.Admin))
        {
            return await units.ListOnAsync(day, ct: ct);
        }

        var root = actor.IsIn(Roles.Consolidator) ? await ScopeRootAsync(actor, ct) : actor.UnitId;
        var rows = await units.ListOnAsync(day, root, ct);
        // A consolidator's own unit (Sở Nội vụ) sits in the subtree it consolidates; anyone else sees their unit alone.
        return actor.IsIn(Roles.Consolidator) ? rows : rows.Where(r => r.Id == actor.UnitId).ToList();
    }

    /// <summary>The unit whose subtree a consolidator works on (Sở Nội vụ → its province).</summary>
    public async Task<int> ScopeRootAsync(Actor actor, CancellationToken ct = default)
    {
        if (_root is { } cached && cached.UnitId == actor.UnitId)
        {
            return cached.Root;
        }

        var forId = await db.Units.Where(u => u.Id == actor.UnitId).Select(u => u.ConsolidatesForId).FirstOrDefaultAsync(ct);
        _root = (actor.UnitId, forId ?? actor.UnitId);
        return _root.Value.Root;
    }

    /// <summary>
    /// Whether the actor is a consolidator working for the unit: its scope's root is the unit, or the unit has closed
    /// and its business passed to that root (<see cref="OrgUnitService.HeirAsync"/>). The one rule for who manages a
    /// plan and reviews the reports made under it.
    /// </summary>
    public async Task<bool> ConsolidatesForAsync(Actor actor, int unitId, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Consolidator))
        {
            return false;
        }

        var root = await ScopeRootAsync(actor, ct);
        return root == unitId || root == await units.HeirAsync(unitId, ct);
    }

    /// <summary>
    /// The units whose plans the actor manages (<see cref="ConsolidatesForAsync"/>): for a consolidator the scope's root
    /// and every closed plan owner whose business passed to it (a district dissolved on 1/7/2025 hands its plans to the
    /// province); empty for anyone else.
    /// </summary>
    public async Task<IReadOnlySet<int>> PlanOwnersAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Consolidator))
        {
            return new HashSet<int>();
        }

        var root = await ScopeRootAsync(actor, ct);
        var owners = new HashSet<int> { root };
        // Few units own plans, so following each closed owner to its heir costs a handful of queries.
        foreach (var owner in await db.Plans.Where(p => p.OwnerUnit!.ClosedOn != null).Select(p => p.OwnerUnitId).Distinct().ToListAsync(ct))
        {
            if (await units.HeirAsync(owner, ct) == root)
            {
                owners.Add(owner);
            }
        }

        return owners;
    }

    /// <summary>
    /// The statuses in which a report has reached the level above. As on paper, that level reads a report once it is
    /// sent to it (and keeps reading one it returned); a draft, or a report with the unit's leader, is the unit's own.
    /// </summary>
    public static IReadOnlyList<ReportStatus> SentUp { get; } = [ReportStatus.Submitted, ReportStatus.Accepted, ReportStatus.Returned];

    private static readonly ReportStatus[] SentUpStatuses = [.. SentUp];

    /// <summary>
    /// The units whose reports the actor reads at every status, drafts included: their own unit, and for Sở Nội vụ the
    /// People's Committee whose reports it drafts (<see cref="Reports.ReportStandingService.AsDrafterAsync"/>). Null means
    /// all (admin). The reports of the rest of <see cref="VisibleUnitIdsAsync"/> are seen once <see cref="SentUp"/>.
    /// </summary>
    public async Task<IReadOnlySet<int>?> DraftUnitIdsAsync(Actor actor, CancellationToken ct = default) =>
        actor.IsIn(Roles.Admin) ? null
        : actor.IsIn(Roles.Consolidator) ? new HashSet<int> { actor.UnitId, await ScopeRootAsync(actor, ct) }
        : new HashSet<int> { actor.UnitId };

    /// <summary>Whether the actor may read a report of this unit in this status, the unit being in their scope.</summary>
    public static bool MayRead(IReadOnlySet<int>? draftUnits, int unitId, ReportStatus status) =>
        draftUnits is null || draftUnits.Contains(unitId) || SentUp.Contains(status);

    /// <summary>
    /// What the actor's unit inherited: a commune formed by a merger or split keeps the files of the communes it was
    /// formed from, so its people read the reports those predecessors sent up (<see cref="SentUp"/>; their unsent drafts
    /// were never reports of record) of the periods begun before the day each passed on, followed back through every
    /// earlier arrangement. Reading only: editing stays with the unit that wrote a report, review with the consolidators
    /// above it (<see cref="ReportWorkflow"/>). Reads the few units of the lineage, whatever the size of the scope.
    /// </summary>
    public async Task<Inheritance> InheritedAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.IsIn(Roles.Admin))
        {
            return Inheritance.None;
        }

        if (_inherited is { } cached && cached.UnitId == actor.UnitId)
        {
            return cached.Value;
        }

        var passedOn = new Dictionary<int, DateOnly>();
        var seen = new HashSet<int> { actor.UnitId };
        for (var frontier = new List<int> { actor.UnitId }; frontier.Count > 0;)
        {
            var edges = await reorganisations.EdgesIntoAsync(frontier, ct);
            frontier = [];
            // The latest day first: a unit passed on in two steps (split, then merged) hands over all it had by the later.
            foreach (var edge in edges.OrderByDescending(e => e.On))
            {
                if (seen.Add(edge.From))
                {
                    passedOn[edge.From] = edge.On;
                    frontier.Add(edge.From);
                }
            }
        }

        var inherited = Inheritance.None;
        if (passedOn.Count > 0)
        {
            var ids = passedOn.Keys.ToArray();
            var reports = await db.Reports.AsNoTracking()
                .Where(r => EF.Parameter(ids).Contains(r.UnitId) && SentUpStatuses.Contains(r.Status))
                .Select(r => new { r.Id, r.UnitId, r.Period })
                .ToListAsync(ct);
            inherited = new Inheritance(passedOn, reports.Where(r => BeganBefore(r.Period, passedOn[r.UnitId])).ToDictionary(r => r.Id, r => r.UnitId));
        }

        _inherited = (actor.UnitId, inherited);
        return inherited;
    }

    /// <summary>Whether the period began before the day: a predecessor's report of it passes to the successor (as on a unit's page).</summary>
    public static bool BeganBefore(string period, DateOnly day) =>
        ReportingPeriod.TryParse(period, out var p) && p.CalendarWindow().Start < day;

    public async Task<IQueryable<Report>> VisibleReportsAsync(Actor actor, CancellationToken ct = default)
    {
        var scope = await VisibleUnitIdsAsync(actor, ct);
        if (scope is null)
        {
            return db.Reports;
        }

        // One array parameter, not EF Core 10's default of one SQL parameter per unit: a province's consolidator
        // sees thousands of units, and building and sending that many parameters would make every list slow.
        var ids = scope.ToArray();
        var own = (await DraftUnitIdsAsync(actor, ct))!.ToArray();
        var inherited = (await InheritedAsync(actor, ct)).Reports.Keys.ToArray();
        return db.Reports.Where(r =>
            (EF.Parameter(ids).Contains(r.UnitId) && (own.Contains(r.UnitId) || SentUpStatuses.Contains(r.Status)))
            || (inherited.Contains(r.Id) && SentUpStatuses.Contains(r.Status)));
    }

    /// <summary>
    /// The one report, when it exists and the user may see it; no rows otherwise. Asks about the report's unit alone
    /// (<see cref="CanSeeUnitAsync"/>), so what opening a report costs does not grow with the user's scope.
    /// </summary>
    public async Task<IQueryable<Report>> VisibleReportAsync(Actor actor, int reportId, CancellationToken ct = default)
    {
        var report = db.Reports.Where(r => r.Id == reportId);
        if (actor.IsIn(Roles.Admin))
        {
            return report;
        }

        var unitId = await report.Select(r => (int?)r.UnitId).FirstOrDefaultAsync(ct);
        if (unitId is not { } id)
        {
            return report.Where(_ => false);
        }

        if (await CanSeeUnitAsync(actor, id, ct))
        {
            // In the query rather than read beforehand, so a report taken back to its unit meanwhile is not handed out.
            var own = (await DraftUnitIdsAsync(actor, ct))!.ToArray();
            return report.Where(r => own.Contains(r.UnitId) || SentUpStatuses.Contains(r.Status));
        }

        return (await InheritedAsync(actor, ct)).Reports.ContainsKey(reportId)
            ? report.Where(r => SentUpStatuses.Contains(r.Status))
            : report.Where(_ => false);
    }

    /// <summary>
    /// Of these units (a lineage: a few), those whose reports the actor reads by scope (<see cref="CanSeeUnitAsync"/>);
    /// null means all (admin). Asks about each unit alone, so a unit's page costs the same in any scope.
    /// </summary>
    public async Task<IReadOnlySet<int>?> UnitsInScopeAsync(Actor actor, IEnumerable<int> unitIds, CancellationToken ct = default)
    {
        if (actor.IsIn(Roles.Admin))
        {
            return null;
        }

        var seen = new HashSet<int>();
        foreach (var id in unitIds.Distinct())
        {
            if (await CanSeeUnitAsync(actor, id, ct))
            {
                seen.Add(id);
            }
        }

        return seen;
    }

    /// <summary>
    /// Whether the actor may open the unit's page and lineage: a unit in scope (<see cref="CanSeeUnitAsync"/>) or one
    /// their unit was formed from (<see cref="InheritedAsync"/>).
    /// </summary>
    public async Task<bool> CanReadUnitAsync(Actor actor, int unitId, CancellationToken ct = default) =>
        await CanSeeUnitAsync(actor, unitId, ct) || (await InheritedAsync(actor, ct)).Units.ContainsKey(unitId);

    /// <summary>Whether the unit is among <see cref="VisibleUnitIdsAsync"/>, found from the unit upwards.</summary>
    public async Task<bool> CanSeeUnitAsync(Actor actor, int unitId, CancellationToken ct = default)
    {
        if (actor.IsIn(Roles.Admin) || unitId == actor.UnitId)
        {
            return true;
        }

        if (!actor.IsIn(Roles.Consolidator))
        {
            return false;
        }

        if (_seen is { } last && last.UserId == actor.UserId && last.UnitId == actor.UnitId && last.Seen == unitId)
        {
            return last.Visible;
        }

        var visible = await units.IsInSubtreeAsync(unitId, await ScopeRootAsync(actor, ct), ct: ct);
        _seen = (actor.UserId, actor.UnitId, unitId, visible);
        return visible;
    }
}

/// <summary>
/// <see cref="AccessService.InheritedAsync"/>: each predecessor of the actor's unit with the day it passed on, and the
/// reports of theirs the actor reads (report id → unit id).
/// </summary>
public sealed record Inheritance(IReadOnlyDictionary<int, DateOnly> Units, IReadOnlyDictionary<int, int> Reports)
{
    public static Inheritance None { get; } = new(new Dictionary<int, DateOnly>(), new Dictionary<int, int>());
}
