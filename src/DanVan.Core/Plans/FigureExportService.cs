using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

public sealed record FigureExportQuery
{
    public required int PlanId { get; init; }

    /// <summary>"2025-07"; <see cref="To"/> defaults to it.</summary>
    public required string From { get; init; }

    public string? To { get; init; }

    /// <summary>Only this unit and the units under it (the command line's --unit); null: the actor's whole scope.</summary>
    public int? UnitId { get; init; }
}

/// <summary>Loads a plan's sent figures over a range of periods within the actor's scope, for <see cref="FigureExport"/>.</summary>
public sealed class FigureExportService(DanVanDbContext db, PlanService plans, AccessService access, OrgUnitService units)
{
    /// <summary>Five years of months.</summary>
    public const int MaxPeriods = 60;

    /// <summary>
    /// The table of the plan's figures as its units sent them (reports sent or accepted), from the units the actor may
    /// see: a consolidator its scope, a unit itself. Throws <see cref="NotFoundException"/> for a plan the actor cannot see.
    /// </summary>
    public async Task<FigureTable> TableAsync(FigureExportQuery query, Actor actor, CancellationToken ct = default)
    {
        var plan = await plans.GetAsync(query.PlanId, actor, ct);
        var from = Parse(query.From, nameof(query.From), plan);
        var to = string.IsNullOrWhiteSpace(query.To) ? from : Parse(query.To, nameof(query.To), plan);
        if (to < from)
        {
            throw new DomainException(nameof(query.To), $"Kỳ cuối ({to.ToVietnamese()}) phải sau kỳ đầu ({from.ToVietnamese()}).") { English = $"--to {to} is before --from {from}." };
        }

        var periods = new List<ReportingPeriod>();
        for (var p = from; p <= to; p = p.Next())
        {
            if (periods.Count == MaxPeriods)
            {
                throw new DomainException(nameof(query.To), $"Tải tối đa {MaxPeriods} kỳ một lần; chọn khoảng ngắn hơn.") { English = $"At most {MaxPeriods} periods at a time." };
            }

            periods.Add(p);
        }

        IReadOnlySet<int>? scope = await access.VisibleUnitIdsAsync(actor, ct);
        if (query.UnitId is { } root)
        {
            var subtree = (await units.LoadTreeAsync(ct: ct)).SubtreeOf(root);
            scope = scope is null ? subtree : subtree.Where(scope.Contains).ToHashSet();
        }

        var codes = periods.Select(p => p.ToString()).ToArray();
        var sent = db.Reports.AsNoTracking().Where(r => r.PlanId == plan.Id && codes.Contains(r.Period)
            && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted));
        var reports = (await sent.Select(r => new { r.Id, r.UnitId, r.Period, r.Status }).ToListAsync(ct))
            .Where(r => scope is null || scope.Contains(r.UnitId))
            .ToList();
        var reportIds = reports.Select(r => r.Id).ToHashSet();
        var unitIds = reports.Select(r => r.UnitId).Distinct().ToArray();
        var info = await db.Units.AsNoTracking().Where(u => EF.Parameter(unitIds).Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Kind }).ToDictionaryAsync(u => u.Id, ct);
        // Names as they were at the range's end: a unit merged since is listed under the name it reported with.
        var names = await units.NamesAsync(unitIds, to.CalendarWindow().End, ct);
        var columns = FigureExport.Columns(plan.Figures);
        var column = columns.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var values = reports.ToDictionary(r => r.Id, _ => new decimal?[columns.Count]);
        var answers = new List<AnsweredFigure>();
        var figures = from f in db.ReportFigures.AsNoTracking()
                      join r in sent on f.ReportId equals r.Id
                      where f.PlanFigureId != null && f.TextValue == null
                      select new { f.ReportId, PlanFigureId = f.PlanFigureId!.Value, f.Value };
        await foreach (var f in figures.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (reportIds.Contains(f.ReportId) && column.TryGetValue(f.PlanFigureId, out var c))
            {
                values[f.ReportId][c] = f.Value;
                answers.Add(new AnsweredFigure(f.ReportId, f.PlanFigureId, f.Value));
            }
        }

        var answersOf = answers.ToLookup(a => a.ReportId);
        var byPeriod = reports.ToLookup(r => r.Period);
        var table = periods.Select(p =>
        {
            var rows = byPeriod[p.ToString()]
                .Select(r => new UnitFigures(r.Id, r.UnitId, info[r.UnitId].Code, names.GetValueOrDefault(r.UnitId, info[r.UnitId].Code), info[r.UnitId].Kind, r.Status, values[r.Id]))
                .ToList();
            return FigureExport.Period(p, plan.Figures, columns, rows, [.. rows.SelectMany(r => answersOf[r.ReportId])]);
        }).ToList();
        return new FigureTable(plan.Id, plan.Citation, from, to, columns, table);
    }

    private static ReportingPeriod Parse(string? text, string field, Plan plan)
    {
        if (!ReportingPeriod.TryParse(text?.Trim(), out var period))
        {
            throw new DomainException(field, $"Kỳ \"{text}\" không hợp lệ; viết 2025-07 (tháng), 2025-Q1 (quý), 2025-H1 (6 tháng), 2025-9M hoặc 2025 (năm).")
            {
                English = $"'{text}' is not a period; write 2025-07, 2025-Q1, 2025-H1, 2025-9M or 2025.",
            };
        }

        if (period.Type != plan.PeriodType)
        {
            throw new DomainException(field, $"{plan.Citation} báo cáo theo kỳ khác với {period.ToVietnamese()}; chọn kỳ cùng loại với kế hoạch (ví dụ {plan.First}).")
            {
                English = $"The plan's periods are like {plan.First}, not {period}.",
            };
        }

        return period;
    }
}
