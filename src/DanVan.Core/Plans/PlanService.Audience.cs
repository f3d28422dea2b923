using DanVan.Core.Access;
using DanVan.Core.Citations;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

/// <summary>Who must report under a plan, and which plan a unit reports under, for a period's hierarchy.</summary>
public sealed partial class PlanService
{
    /// <summary>
    /// The units that must report under the plan for a period, resolved against the hierarchy of that period: units
    /// that do not exist at its cut-off, the owner and the bodies consolidating for it are left out.
    /// </summary>
    public Task<IReadOnlySet<int>> ExpectedUnitsAsync(Plan plan, ReportingPeriod period, CancellationToken ct = default) =>
        ExpectedUnitsAsync(plan, period, new Hierarchy(db, units), ct);

    /// <summary>
    /// Of the units expected under the plan, those that report under it and not under a plan <see cref="PlanForAsync"/>
    /// puts first (a district's plan before the province's, a newer plan before an older one).
    /// </summary>
    public async Task<IReadOnlySet<int>> ReportingUnitsAsync(Plan plan, ReportingPeriod period, CancellationToken ct = default)
    {
        var hierarchy = new Hierarchy(db, units);
        var result = new HashSet<int>(await ExpectedUnitsAsync(plan, period, hierarchy, ct));
        var tree = await hierarchy.TreeAsync(period.CalendarWindow().End, ct);
        var covering = (await hierarchy.PlansAsync(ct)).Where(p => p.Id != plan.Id && p.PeriodType == period.Type && p.Covers(period));
        foreach (var ahead in NearestFirst(covering.Append(plan), tree).TakeWhile(p => p != plan))
        {
            result.ExceptWith(await ExpectedUnitsAsync(ahead, period, hierarchy, ct));
        }

        return result;
    }

    /// <summary>
    /// The plan a unit reports under for a period: among the plans covering the period whose audience includes it, the
    /// one of the nearest consolidating level (a commune reports to its district's plan even when the province's plan
    /// covers the whole subtree), then the most recent.
    /// </summary>
    public async Task<Plan?> PlanForAsync(int unitId, ReportingPeriod period, CancellationToken ct = default) =>
        await PlanForAsync(unitId, period, new Hierarchy(db, units), ct) is { } id ? await LoadAsync(id, ct) : null;

    /// <summary>
    /// Plans covering the same period in the order a unit in several audiences is claimed: the nearest consolidating
    /// level first, then the most recent. The one place that order is stated.
    /// </summary>
    internal static IOrderedEnumerable<Plan> NearestFirst(IEnumerable<Plan> plans, UnitTree tree) =>
        plans.OrderByDescending(p => tree.DepthOf(p.OwnerUnitId)).ThenByDescending(p => p.IssuedOn).ThenByDescending(p => p.Id);

    private static async Task<IReadOnlySet<int>> ExpectedUnitsAsync(Plan plan, ReportingPeriod period, Hierarchy hierarchy, CancellationToken ct)
    {
        var tree = await hierarchy.TreeAsync(period.CalendarWindow().End, ct);
        return Audience.Of(plan).Resolve(tree, await hierarchy.FactsAsync(ct), period);
    }

    private static async Task<int?> PlanForAsync(int unitId, ReportingPeriod period, Hierarchy hierarchy, CancellationToken ct)
    {
        var tree = await hierarchy.TreeAsync(period.CalendarWindow().End, ct);
        var candidates = NearestFirst((await hierarchy.PlansAsync(ct)).Where(p => p.PeriodType == period.Type && p.Covers(period)), tree);
        foreach (var plan in candidates)
        {
            if ((await ExpectedUnitsAsync(plan, period, hierarchy, ct)).Contains(unitId))
            {
                return plan.Id;
            }
        }

        return null;
    }

    /// <summary>
    /// What resolving audiences reads — the unit tree as of a date, the units' facts, the plans — loaded once per
    /// question, however many plans and periods it weighs.
    /// </summary>
    private sealed class Hierarchy(DanVanDbContext db, OrgUnitService units)
    {
        private readonly Dictionary<DateOnly, UnitTree> trees = [];
        private Dictionary<int, UnitFacts>? facts;
        private List<Plan>? plans;

        public async Task<UnitTree> TreeAsync(DateOnly asOf, CancellationToken ct)
        {
            if (!trees.TryGetValue(asOf, out var tree))
            {
                trees[asOf] = tree = await units.LoadTreeAsync(asOf, ct);
            }

            return tree;
        }

        public async Task<Dictionary<int, UnitFacts>> FactsAsync(CancellationToken ct)
        {
            if (facts is null)
            {
                var firstNamed = await db.UnitNames.AsNoTracking().GroupBy(n => n.UnitId)
                    .Select(g => new { UnitId = g.Key, From = g.Min(n => n.ValidFrom) })
                    .ToDictionaryAsync(u => u.UnitId, u => u.From, ct);
                facts = await db.Units.AsNoTracking()
                    .Select(u => new { u.Id, u.Code, u.Kind, u.ClosedOn, u.ConsolidatesForId })
                    .ToDictionaryAsync(
                        u => u.Id,
                        u => new UnitFacts(u.Id, u.Code, u.Kind, u.ClosedOn, u.ConsolidatesForId, firstNamed.TryGetValue(u.Id, out var from) ? from : null),
                        ct);
            }

            return facts;
        }

        public async Task<List<Plan>> PlansAsync(CancellationToken ct) =>
            plans ??= await db.Plans.AsNoTracking().Include(p => p.Units).ToListAsync(ct);
    }

    /// <summary>Plans whose audience includes the unit today or in any of their periods (cheap over-approximation by subtree).</summary>
    private async Task<HashSet<int>> PlansForUnitAsync(int unitId, CancellationToken ct)
    {
        var tree = await units.LoadTreeAsync(ct: ct);
        var plans = await db.Plans.AsNoTracking().Select(p => new { p.Id, p.OwnerUnitId, p.Audience, p.AudienceRootId, Listed = p.Units.Any(u => u.UnitId == unitId) }).ToListAsync(ct);
        return plans
            .Where(p => p.OwnerUnitId != unitId && tree.IsInSubtree(unitId, p.OwnerUnitId) && (p.Audience != AudienceKind.List || p.Listed))
            .Select(p => p.Id)
            .ToHashSet();
    }
}
