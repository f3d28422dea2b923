using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Periods;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

/// <summary>A consolidator's figures for a plan's period: compared with earlier periods, and charted when asked for.</summary>
public sealed record ScopeFigures(FigureComparisonTable Comparison, FigureCharts? Charts);

/// <summary>
/// What <see cref="FigureCharting"/> draws, from the same sources as the comparison: the last periods' sent reports of
/// the unit (its predecessors' before a merger) or of the scope, loaded in one go whatever the number of periods.
/// </summary>
public sealed partial class FigureComparisonService
{
    /// <summary>
    /// A report's figures over the last periods: its unit's (the report's own period as saved now); for a consolidated
    /// report, the scope its draft counted, rolled up, and the period by unit.
    /// </summary>
    public async Task<FigureCharts> ChartsForReportAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(reportId, actor, ct);
        var period = ReportingPeriod.Parse(report.Period);
        var draft = await db.ConsolidationDrafts.AsNoTracking().Where(d => d.ReportId == reportId).Select(d => d.Content).FirstOrDefaultAsync(ct);
        if (DraftedUnits.TryFromJson(draft) is { } drafted)
        {
            return await ChartsForUnitsAsync(drafted.PlanId, await PlanFiguresAsync(drafted.PlanId, ct), period, [.. drafted.Units.Select(u => u.UnitId)], ct);
        }

        var figures = report.PlanId is { } planId ? await PlanFiguresAsync(planId, ct) : OwnFigures(report);
        var periods = FigureCharting.Last(period);
        var sources = await SourcesAsync([report.UnitId], figures, periods, report.PlanId, ct);
        var sides = periods.Select(p => p == period ? AsSaved(report, period, figures, sources) : sources.Resolve(report.UnitId, p)).ToList();
        return new FigureCharts(period, FigureCharting.Series(figures, sides, whole: true), []);
    }

    /// <summary>The scope's charts over units already chosen: rolled up over the last periods, and the period by unit.</summary>
    public async Task<FigureCharts> ChartsForUnitsAsync(int planId, IReadOnlyList<PlanFigure> figures, ReportingPeriod period, IReadOnlyList<int> units, CancellationToken ct = default) =>
        Charts(figures, period, units, await SourcesAsync(units, figures, FigureCharting.Last(period), planId, ct));

    private static FigureCharts Charts(IReadOnlyList<PlanFigure> figures, ReportingPeriod period, IReadOnlyList<int> units, Sources sources)
    {
        var sides = FigureCharting.Last(period).Select(p => p == period ? Current(units, period, sources) : Scope(units, p, sources)).ToList();
        return new FigureCharts(
            period,
            FigureCharting.Series(figures, sides, whole: false),
            FigureCharting.Breakdown(figures, period, Current(units, period, sources).Parts));
    }
}
