using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using DanVan.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

/// <summary>A report's figures downloaded as its Excel template, and the filled template uploaded back.</summary>
public sealed class FigureWorkbookService(DanVanDbContext db, ReportService reports, ReportStandingService states, OrgUnitService units)
{
    /// <summary>The report's template (<see cref="FigureWorkbook.WriteTemplate"/>) with its file name; for anyone who may see the report.</summary>
    public async Task<(byte[] Content, string FileName)> TemplateAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(reportId, actor, ct);
        var figures = await PlanFiguresAsync(report, ct);
        var period = ReportingPeriod.Parse(report.Period);
        var previous = period.Previous().ToString();
        var before = await db.Reports.AsNoTracking().Where(r => r.UnitId == report.UnitId && r.Period == previous)
            .SelectMany(r => r.Figures).Where(f => f.PlanFigureId != null)
            .Select(f => new { f.PlanFigureId, f.Name, f.Value, f.TextValue })
            .ToListAsync(ct);
        // Last period may have answered another plan: its figures are matched by name then.
        var byName = figures.GroupBy(f => Text.VietnameseText.Fold(f.Name.Trim())).ToDictionary(g => g.Key, g => g.First().Id);
        var ids = figures.Select(f => f.Id).ToHashSet();
        var previousAnswers = new Dictionary<int, TemplateValue>();
        foreach (var f in before)
        {
            var id = ids.Contains(f.PlanFigureId!.Value) ? f.PlanFigureId.Value : byName.GetValueOrDefault(Text.VietnameseText.Fold(f.Name.Trim()));
            if (id != 0)
            {
                previousAnswers.TryAdd(id, new TemplateValue(f.Value, f.TextValue));
            }
        }

        var template = new FigureTemplate
        {
            ReportId = report.Id,
            UnitName = await units.NameAsync(report.UnitId, period.CalendarWindow().End, ct) ?? report.Unit?.Code ?? "",
            Period = period,
            PlanCitation = (await db.Plans.AsNoTracking().FirstAsync(p => p.Id == report.PlanId, ct)).Citation,
            Figures = figures,
            Current = report.Figures.Where(f => f.PlanFigureId is { } id && ids.Contains(id))
                .GroupBy(f => f.PlanFigureId!.Value).ToDictionary(g => g.Key, g => new TemplateValue(g.First().Value, g.First().TextValue)),
            Previous = previousAnswers,
        };
        using var stream = new MemoryStream();
        FigureWorkbook.WriteTemplate(stream, template);
        return (stream.ToArray(), $"so-lieu-{report.Unit?.Code.ToLowerInvariant()}-{report.Period}.xlsx");
    }

    /// <summary>
    /// Saves the plan's figures from a filled template over the report's, keeping the report's own figures: every cell
    /// is read first and nothing is saved unless all can be (<see cref="FigureCellsException"/>, each rule broken placed
    /// on its figure's cell). Only the report's unit may, while the report is editable, as on the figures page.
    /// </summary>
    public async Task<int> UploadAsync(int reportId, Stream workbook, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(reportId, actor, ct);
        await states.RequireEditableAsync(report, actor, ct);
        var figures = await PlanFiguresAsync(report, ct);
        var upload = FigureWorkbook.Read(Xlsx.ReadFirstSheet(workbook), report.Id, figures);
        var ids = figures.Select(f => f.Id).ToHashSet();
        var own = report.Figures.Where(f => f.PlanFigureId is not { } id || !ids.Contains(id))
            .Select(f => new FigureInput(f.Name, f.Value, f.UnitOfMeasure, null, f.TextValue));
        var inputs = upload.Filled.Select(f => new FigureInput(f.Figure.Name, f.Value, f.Figure.UnitOfMeasure, f.Figure.Id, f.Text)).Concat(own).ToList();
        try
        {
            return await reports.SaveFiguresAsync(new SaveFigures { ReportId = report.Id, Figures = inputs, ExpectedVersion = expectedVersion }, actor, ct);
        }
        catch (FigureRulesException breach)
        {
            throw new FigureCellsException([.. breach.Breaches.Select(b => upload.CellOf.TryGetValue(b.PlanFigureId, out var cell)
                ? new CellError(cell, $"{cell}: {b.Message}")
                : new CellError("", b.Message))]);
        }
    }

    private async Task<IReadOnlyList<PlanFigure>> PlanFiguresAsync(Report report, CancellationToken ct)
    {
        if (report.PlanId is not { } planId)
        {
            throw new DomainException("File", "Báo cáo này không theo kế hoạch nào nên không có mẫu số liệu Excel; nhập số liệu trên trang Số liệu.")
            {
                English = "The report answers no plan, so it has no figures template.",
            };
        }

        return await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == planId).OrderBy(f => f.Order).ToListAsync(ct);
    }
}
