using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;

namespace DanVan.Core.Plans;

/// <summary>What the expected-unit rule needs to know about a unit.</summary>
public sealed record UnitFacts(int Id, string Code, UnitKind Kind, DateOnly? ClosedOn, int? ConsolidatesForId, DateOnly? FirstNamedOn);

/// <summary>
/// Who must report in a period under a plan (or, without a plan, every unit below the consolidator's scope), against
/// the hierarchy of that period. Same rule as <see cref="PlanService.ExpectedUnitsAsync"/> (a test keeps them equal),
/// but over data loaded once, so a dashboard can resolve twelve periods without a query each.
/// </summary>
public sealed record Audience(int OwnerId, AudienceKind Kind, int? RootId, UnitKind? UnitKind, IReadOnlySet<int> Listed, int? AlsoExcluded, PeriodSemantics Semantics)
{
    public static Audience Of(Plan plan) =>
        new(plan.OwnerUnitId, plan.Audience, plan.AudienceRootId, plan.AudienceUnitKind, plan.Units.Select(u => u.UnitId).ToHashSet(), null, plan.Semantics);

    /// <summary>No plan: every unit in the scope except the consolidator's own.</summary>
    public static Audience Everyone(int scopeRootId, int consolidatorUnitId) =>
        new(scopeRootId, AudienceKind.Subtree, null, null, new HashSet<int>(), consolidatorUnitId, PeriodSemantics.Calendar);

    /// <summary>
    /// The units that owe a report for the period: those in the audience that exist on the last day of its data
    /// window (the plan's: Decree 09's 15th → 14th, or the calendar's). A unit created after the cut-off starts with the
    /// next period; one dissolved before it cannot send the report — its successor reports the period's work. Seen as
    /// of a day before the cut-off (<paramref name="asOf"/>, a period under way then), the units that existed that day.
    /// </summary>
    public HashSet<int> Resolve(UnitTree tree, IReadOnlyDictionary<int, UnitFacts> units, ReportingPeriod period, DateOnly? asOf = null)
    {
        var (_, cutoff) = period.Window(Semantics);
        var end = asOf is { } day && day < cutoff ? day : cutoff;
        var result = new HashSet<int>();
        foreach (var id in tree.SubtreeOf(OwnerId))
        {
            if (id == OwnerId || id == AlsoExcluded || !units.TryGetValue(id, out var u)
                || u.ConsolidatesForId == OwnerId || u.FirstNamedOn is not { } named || named > end
                || (u.ClosedOn is { } closed && closed <= end))
            {
                continue;
            }

            var chosen = Kind switch
            {
                AudienceKind.Subtree => RootId is not { } below || (id != below && tree.IsInSubtree(id, below)),
                AudienceKind.UnitKind => u.Kind == UnitKind,
                _ => Listed.Contains(id),
            };
            if (chosen)
            {
                result.Add(id);
            }
        }

        return result;
    }
}
