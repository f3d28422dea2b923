using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

public sealed record UnitReportsQuery
{
    public required int UnitId { get; init; }

    /// <summary>Also the reports and completeness of the units it was formed from (<see cref="ReorganisationService.LineageAsync"/>).</summary>
    public bool WithPredecessors { get; init; } = true;
}

/// <summary>Loads a unit's page for <see cref="UnitReportsBuilder"/>: the same answer for the page and the API.</summary>
public sealed class UnitReportsService(DanVanDbContext db, AccessService access, ReorganisationService reorganisations, PlanService plans, TimeProvider clock)
{
    /// <summary>Periods per plan in the completeness history, as on the dashboard's chart.</summary>
    public const int HistoryLength = CompletenessService.HistoryLength;

    /// <summary>A unit outside the viewer's scope, and not one their unit was formed from, is not found, as its reports are.</summary>
    public async Task<UnitReports> GetAsync(UnitReportsQuery query, Actor actor, CancellationToken ct = default)
    {
        var unit = await db.Units.Where(u => u.Id == query.UnitId).Select(u => new { u.ClosedOn }).FirstOrDefaultAsync(ct);
        if (unit is null || !await access.CanReadUnitAsync(actor, query.UnitId, ct))
        {
            throw new NotFoundException("Unit");
        }

        var lineage = await reorganisations.LineageAsync(query.UnitId, ct);
        if (!query.WithPredecessors)
        {
            lineage = lineage with { Predecessors = [] };
        }

        var ids = lineage.Predecessors.Select(p => p.UnitId).Append(query.UnitId).Distinct().ToArray();
        var names = await db.UnitNames.AsNoTracking().Where(n => EF.Parameter(ids).Contains(n.UnitId))
            .Select(n => new { n.UnitId, n.Name, n.ValidFrom, n.ValidTo }).ToListAsync(ct);
        var reports = await db.Reports.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.UnitId))
            .Select(r => new LoadedReport(r.Id, r.UnitId, r.Period, r.Title, r.Status, r.SubmittedAt)).ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        return UnitReportsBuilder.Build(new UnitReportsInput
        {
            Lineage = lineage,
            ClosedOn = unit.ClosedOn,
            Names = names.Where(n => n.UnitId == query.UnitId).OrderBy(n => n.ValidFrom).Select(n => new NameSpan(n.Name, n.ValidFrom, n.ValidTo)).ToList(),
            History = new UnitHistory([], names.Select(n => (n.UnitId, n.Name, n.ValidFrom))),
            Reports = reports,
            Duties = await plans.DutiesAsync(ids, today, HistoryLength, ct),
            Visible = await access.UnitsInScopeAsync(actor, ids, ct),
            Inherited = await access.InheritedAsync(actor, ct),
            DraftUnits = await access.DraftUnitIdsAsync(actor, ct),
            Today = today,
        });
    }
}
