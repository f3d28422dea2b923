using DanVan.Core.Consolidation;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

public sealed partial class ReportService
{
    /// <summary>The unit's reports <see cref="FromParts.Choose"/> would draft the period's report from, oldest first; empty for a month or a quarter.</summary>
    public async Task<(IReadOnlyList<ReportingPeriod> Chosen, IReadOnlyList<ReportingPeriod> Missing)> PartsAsync(int unitId, ReportingPeriod period, CancellationToken ct = default)
    {
        if (!FromParts.Applies(period))
        {
            return ([], []);
        }

        var prefix = period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-";
        var codes = await db.Reports.AsNoTracking().Where(r => r.UnitId == unitId && r.Period.StartsWith(prefix)).Select(r => r.Period).ToListAsync(ct);
        var available = codes.Select(c => ReportingPeriod.TryParse(c, out var p) ? p : (ReportingPeriod?)null).OfType<ReportingPeriod>().ToHashSet();
        return FromParts.Choose(period, available);
    }

    /// <summary>
    /// Fills a new report of a longer period with the unit's own reports of its quarters or months (<see cref="FromParts"/>)
    /// and marks it so in its first history line; leaves it as it is when there are none. Only empty sections, and the
    /// figures only when it has none: a consolidated report's units' synthesis comes first.
    /// </summary>
    internal async Task DraftFromPartsAsync(Report report, ReportingPeriod period, Plan? plan, CancellationToken ct)
    {
        var (chosen, missing) = await PartsAsync(report.UnitId, period, ct);
        if (chosen.Count == 0)
        {
            return;
        }

        var codes = chosen.Select(p => p.ToString()).ToList();
        var rows = await db.Reports.AsNoTracking().Where(r => r.UnitId == report.UnitId && codes.Contains(r.Period))
            .Select(r => new { r.Id, r.Period, r.Status, r.PlanId })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var sections = (await db.ReportSections.AsNoTracking().Where(s => ids.Contains(s.ReportId)).Select(s => new { s.ReportId, s.Key, s.Text }).ToListAsync(ct))
            .ToLookup(s => s.ReportId);
        var figureRows = await db.ReportFigures.AsNoTracking().Where(f => ids.Contains(f.ReportId) && f.PlanFigureId != null)
            .Select(f => new { f.ReportId, f.PlanFigureId, f.Value, f.TextValue }).ToListAsync(ct);
        var answers = figureRows.Where(f => f.TextValue == null).ToLookup(f => f.ReportId, f => new AnsweredFigure(f.ReportId, f.PlanFigureId!.Value, f.Value));
        var textAnswers = figureRows.Where(f => f.TextValue != null).ToLookup(f => f.ReportId, f => new AnsweredText(f.PlanFigureId!.Value, f.TextValue!));
        var planIds = rows.Where(r => r.PlanId != null).Select(r => r.PlanId!.Value).Distinct().ToList();
        var partFigures = await db.PlanFigures.AsNoTracking().Where(f => planIds.Contains(f.PlanId)).OrderBy(f => f.PlanId).ThenBy(f => f.Order).ToListAsync(ct);
        var parts = rows.Select(r => new ReportPart(
                r.Id,
                ReportingPeriod.Parse(r.Period),
                Completeness.IsSent(r.Status),
                sections[r.Id].GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal),
                answers[r.Id].ToList(),
                textAnswers[r.Id].ToList()))
            .OrderBy(p => p.Period)
            .ToList();

        // Without a plan of its own the report takes the figures of the plan its latest part answered.
        var latestPlan = rows.Where(r => r.PlanId != null).OrderBy(r => ReportingPeriod.Parse(r.Period)).Select(r => r.PlanId).LastOrDefault();
        var targets = plan is not null ? plan.Figures : partFigures.Where(f => f.PlanId == latestPlan).ToList();
        var draft = FromParts.Build(new FromPartsInput
        {
            Period = period,
            Parts = parts,
            Missing = missing,
            Keys = report.Sections.Select(s => s.Key).ToList(),
            Targets = targets,
            PartFigures = partFigures,
        });

        var now = report.CreatedAt;
        foreach (var section in report.Sections.Where(s => draft.Texts.ContainsKey(s.Key) && string.IsNullOrWhiteSpace(s.Text)))
        {
            section.Write(draft.Texts[section.Key], report.Transitions[0].UserName, now);
        }

        if (report.Figures.Count == 0)
        {
            report.Figures = draft.Figures.Select(f => new ReportFigure
            {
                Order = targets.FirstOrDefault(t => t.Id == f.PlanFigureId)?.Order ?? 0,
                Name = f.Name,
                Value = f.Value,
                UnitOfMeasure = f.UnitOfMeasure,
                PlanFigureId = plan is null ? null : f.PlanFigureId,
            }).Concat(draft.FigureTexts.Select(t => new ReportFigure
            {
                Order = t.Target.Order,
                Name = t.Target.Name,
                TextValue = t.Text,
                UnitOfMeasure = t.Target.UnitOfMeasure,
                PlanFigureId = plan is null ? null : t.Target.Id,
            })).OrderBy(f => f.Order).ToList();
        }

        report.Transitions[0].Comment = $"{report.Transitions[0].Comment}. {draft.Mark}";
    }
}
