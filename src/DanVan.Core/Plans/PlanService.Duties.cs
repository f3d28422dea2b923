using DanVan.Core.Periods;

namespace DanVan.Core.Plans;

/// <summary>A report a unit owed: the period, the plan it reports under (<see cref="PlanService.PlanForAsync"/>) and its deadline.</summary>
public sealed record ReportingDuty(int UnitId, ReportingPeriod Period, int PlanId, string Citation, DateOnly Deadline);

public sealed partial class PlanService
{
    /// <summary>
    /// The reports these units owed in the latest <paramref name="periodsPerPlan"/> begun periods of every plan, each
    /// under the plan that claims it — a unit closed before a period's cut-off owes nothing for it, a unit created after
    /// it starts with the next (<see cref="Audience.Resolve"/>).
    /// </summary>
    public async Task<IReadOnlyList<ReportingDuty>> DutiesAsync(IReadOnlyCollection<int> unitIds, DateOnly today, int periodsPerPlan, CancellationToken ct = default)
    {
        var hierarchy = new Hierarchy(db, units);
        var cal = await calendar.LoadAsync(ct);
        var result = new List<ReportingDuty>();
        foreach (var plan in await hierarchy.PlansAsync(ct))
        {
            foreach (var schedule in PlanSchedule.Recent(plan, today, cal, periodsPerPlan))
            {
                foreach (var unitId in unitIds)
                {
                    if (await PlanForAsync(unitId, schedule.Period, hierarchy, ct) == plan.Id)
                    {
                        result.Add(new ReportingDuty(unitId, schedule.Period, plan.Id, plan.Citation, schedule.UnitDeadline));
                    }
                }
            }
        }

        return result;
    }
}
