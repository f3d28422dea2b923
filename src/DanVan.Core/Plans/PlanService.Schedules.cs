using DanVan.Core.Access;
using DanVan.Core.Citations;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

/// <summary>A plan's dated periods: schedules and the periods open to a unit now.</summary>
public sealed partial class PlanService
{
    public async Task<PlanSchedule> ScheduleAsync(Plan plan, ReportingPeriod period, CancellationToken ct = default) =>
        PlanSchedule.For(plan, period, await calendar.LoadAsync(ct));

    /// <summary>The periods a unit can report for now, per plan it reports under, with its report if started.</summary>
    public async Task<IReadOnlyList<OpenPeriod>> OpenPeriodsAsync(int unitId, CancellationToken ct = default)
    {
        var today = VietnamTime.Today(clock);
        var cal = await calendar.LoadAsync(ct);
        var result = new List<OpenPeriod>();
        var planIds = await PlansForUnitAsync(unitId, ct);
        var hierarchy = new Hierarchy(db, units);
        foreach (var id in planIds)
        {
            var plan = await LoadAsync(id, ct);
            foreach (var schedule in PlanSchedule.Recent(plan, today, cal, 2).Where(s => !s.IsLocked(today)))
            {
                // Under two plans covering the unit (district and province), it reports to the one PlanForAsync picks.
                if (await PlanForAsync(unitId, schedule.Period, hierarchy, ct) != plan.Id)
                {
                    continue;
                }

                var code = schedule.Period.ToString();
                var reportId = await db.Reports.Where(r => r.UnitId == unitId && r.Period == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
                result.Add(new OpenPeriod(plan, schedule, reportId));
            }
        }

        return result.OrderBy(o => o.Schedule.UnitDeadline).ToList();
    }

    public async Task<bool> OwnsPlanForAsync(int unitId, string period, CancellationToken ct = default)
    {
        var p = ReportingPeriod.Parse(period);
        return (await db.Plans.AsNoTracking().Where(x => x.OwnerUnitId == unitId && x.PeriodType == p.Type).ToListAsync(ct)).Any(x => x.Covers(p));
    }
}
