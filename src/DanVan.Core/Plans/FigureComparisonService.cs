using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

/// <summary>
/// Loads what <see cref="FigureComparison"/> compares: the sent reports of the previous period and of the same period
/// last year (the reports the consolidation counts), and for a unit that did not exist then, its predecessors' through
/// every merge and split recorded (<see cref="ReorganisationService.EdgesAsync"/>, as the lineage reads them). A few queries whatever the number
/// of units.
/// </summary>
public sealed partial class FigureComparisonService(DanVanDbContext db, ReportService reports, ReorganisationService reorganisations)
{
    /// <summary>A report's figures (as saved now) beside its unit's sent reports of the earlier periods.</summary>
    public async Task<FigureComparisonTable> ForReportAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(reportId, actor, ct);
        var period = ReportingPeriod.Parse(report.Period);
        var figures = report.PlanId is { } planId ? await PlanFiguresAsync(planId, ct) : OwnFigures(report);
        var sources = await SourcesAsync([report.UnitId], figures, [period.Previous(), FigureComparison.SamePeriodLastYear(period)], report.PlanId, ct);
        var current = AsSaved(report, period, figures, sources);
        return FigureComparison.Compare(figures, current, sources.Resolve(report.UnitId, period.Previous()), sources.Resolve(report.UnitId, FigureComparison.SamePeriodLastYear(period)), whole: true);
    }

    /// <summary>
    /// The dashboard's figures: the plan's figures rolled up over the sent reports of the units that owe the period's
    /// report (<see cref="CompletenessDashboard.Due"/>), beside the same units' figures of the earlier periods (a merged
    /// unit's predecessors' in their place), and, when asked for (they read twelve periods of every unit's reports),
    /// each figure's charts over the last periods and by unit. Null for a dashboard without a plan.
    /// </summary>
    public async Task<ScopeFigures?> ForDashboardAsync(CompletenessDashboard dashboard, bool charts = false, CancellationToken ct = default)
    {
        if (dashboard.Plan is not { } plan)
        {
            return null;
        }

        var figures = await PlanFiguresAsync(plan.Id, ct);
        var units = dashboard.Due;
        var p = dashboard.Period;
        // As of a past day the figures count the reports sent by then, as the dashboard's completeness does.
        var sources = await SourcesAsync(units, figures, [.. charts ? FigureCharting.Last(p) : [p], p.Previous(), FigureComparison.SamePeriodLastYear(p)], plan.Id, ct, dashboard.SentBy);
        return new ScopeFigures(Compare(figures, p, units, sources), charts ? Charts(figures, p, units, sources) : null);
    }

    /// <summary>The scope comparison over units already chosen (the consolidation has them from its dashboard).</summary>
    public async Task<FigureComparisonTable> ForUnitsAsync(int planId, IReadOnlyList<PlanFigure> figures, ReportingPeriod period, IReadOnlyList<int> units, CancellationToken ct = default)
    {
        var sources = await SourcesAsync(units, figures, [period, period.Previous(), FigureComparison.SamePeriodLastYear(period)], planId, ct);
        return Compare(figures, period, units, sources);
    }

    private static FigureComparisonTable Compare(IReadOnlyList<PlanFigure> figures, ReportingPeriod period, IReadOnlyList<int> units, Sources sources) =>
        FigureComparison.Compare(figures, Current(units, period, sources), Scope(units, period.Previous(), sources), Scope(units, FigureComparison.SamePeriodLastYear(period), sources), whole: false);

    /// <summary>The scope's units in an earlier period: each one's side, its predecessors' reports in its place.</summary>
    private static ComparedSide Scope(IReadOnlyList<int> units, ReportingPeriod period, Sources sources)
    {
        var sides = units.Select(u => sources.Resolve(u, period)).ToList();
        return new ComparedSide(period, [.. sides.SelectMany(s => s.Parts)], [.. sides.SelectMany(s => s.Gaps)]);
    }

    /// <summary>The scope's units in the period itself: the reports they sent.</summary>
    private static ComparedSide Current(IReadOnlyList<int> units, ReportingPeriod period, Sources sources) =>
        new(period, [.. units.Select(u => sources.Own(u, period)).OfType<ComparedPart>()], []);

    private Task<List<PlanFigure>> PlanFiguresAsync(int planId, CancellationToken ct) =>
        db.PlanFigures.AsNoTracking().Where(f => f.PlanId == planId).OrderBy(f => f.Order).ToListAsync(ct);

    /// <summary>The report's own period: its figures as saved now, sent or not.</summary>
    private static ComparedSide AsSaved(Report report, ReportingPeriod period, IReadOnlyList<PlanFigure> figures, Sources sources) =>
        new(period, [new ComparedPart(sources.NameOn(report.UnitId, period), 1m, ValuesOf(report.Figures.Select(Answer), figures))], []);

    private static ReportAnswer Answer(ReportFigure f) => new(f.PlanFigureId, f.Name, f.Value, f.TextValue is not null);

    private readonly record struct ReportAnswer(int? PlanFigureId, string Name, decimal Value, bool IsText);

    /// <summary>A report without a plan compares its own figures, numbered in order, by name.</summary>
    private static List<PlanFigure> OwnFigures(Report report) =>
        [.. report.Figures.Where(f => f.TextValue is null).OrderBy(f => f.Order).Select((f, i) => new PlanFigure
        {
            Id = -(i + 1),
            Order = i,
            Code = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = f.Name,
            UnitOfMeasure = f.UnitOfMeasure,
            Kind = FigureKind.DecimalNumber,
            Rollup = Rollup.Sum,
        })];

    /// <summary>A report's numeric answers by the compared figures' numbers (<see cref="CodeOf"/>).</summary>
    private static Dictionary<string, decimal> ValuesOf(IEnumerable<ReportAnswer> answers, IReadOnlyList<PlanFigure> figures)
    {
        var codeOf = CodeOf(figures);
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var a in answers.Where(a => !a.IsText))
        {
            if (codeOf(a.PlanFigureId, a.Name) is { } code)
            {
                values.TryAdd(code, a.Value);
            }
        }

        return values;
    }

    /// <summary>
    /// The compared figure's number an answer gives: the same plan's figure by id, another plan's (an earlier plan, a
    /// predecessor's) by name, as the roll-up matches them. Worked out once for the tens of thousands of answers a
    /// scope's periods hold.
    /// </summary>
    private static Func<int?, string?, string?> CodeOf(IReadOnlyList<PlanFigure> figures)
    {
        var byId = figures.Where(f => f.IsTyped).ToDictionary(f => f.Id, f => f.Code);
        var byName = figures.Where(f => f.IsTyped).GroupBy(f => Key(f.Name)).ToDictionary(g => g.Key, g => g.First().Code);
        return (id, name) => id is { } i && byId.TryGetValue(i, out var code) ? code
            : name is not null && byName.TryGetValue(Key(name), out code) ? code
            : null;
    }

    private static string Key(string name) => VietnameseText.Fold(name.Trim());

    /// <summary>The sent reports of these units and periods (as of <paramref name="sentBy"/>: <see cref="CompletenessDashboard.SentBy"/>) and their lineage.</summary>
    private async Task<Sources> SourcesAsync(IReadOnlyList<int> units, IReadOnlyList<PlanFigure> figures, IReadOnlyList<ReportingPeriod> periods, int? planId, CancellationToken ct, DateTime? sentBy = null)
    {
        var edges = await reorganisations.EdgesAsync(ct);
        // Only the units asked for and the units they came from, through every merge and split, can be counted.
        var incoming = edges.ToLookup(e => e.To);
        var related = new HashSet<int>(units);
        var queue = new Queue<int>(units);
        while (queue.TryDequeue(out var unit))
        {
            foreach (var e in incoming[unit].Where(e => related.Add(e.From)))
            {
                queue.Enqueue(e.From);
            }
        }

        var unitIds = related.ToArray();
        var codes = periods.Select(p => p.ToString()).Distinct().ToList();
        var sent = db.Reports.AsNoTracking()
            .Where(r => codes.Contains(r.Period) && EF.Parameter(unitIds).Contains(r.UnitId) && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted)
                && (sentBy == null || r.SubmittedAt == null || r.SubmittedAt < sentBy));
        var reportRows = await sent.Select(r => new { r.Id, r.UnitId, r.Period, r.PlanId }).ToListAsync(ct);
        // A unit with two sent reports for a period (under two plans) counts the one under the compared plan, else its latest.
        var chosen = reportRows.GroupBy(r => (r.UnitId, r.Period))
            .ToDictionary(g => g.OrderByDescending(r => r.PlanId == planId).ThenByDescending(r => r.Id).First().Id, g => g.Key);
        // Every period's answers in one pass, joined to the same reports rather than sent back as thousands of ids; an
        // answer to one of the compared figures comes without its name, which only matches another plan's figures.
        var own = figures.Where(f => f.IsTyped).Select(f => f.Id).ToArray();
        var answers = await (
                from r in sent
                join f in db.ReportFigures.AsNoTracking() on r.Id equals f.ReportId
                where f.TextValue == null
                select new { f.ReportId, f.PlanFigureId, Name = f.PlanFigureId != null && own.Contains(f.PlanFigureId.Value) ? null : f.Name, f.Value })
            .ToListAsync(ct);
        var codeOf = CodeOf(figures);
        var values = chosen.Values.ToDictionary(key => key, _ => new Dictionary<string, decimal>(StringComparer.Ordinal));
        foreach (var a in answers)
        {
            if (chosen.TryGetValue(a.ReportId, out var key) && codeOf(a.PlanFigureId, a.Name) is { } code)
            {
                values[key].TryAdd(code, a.Value);
            }
        }

        // The names and codes of these units only, each unit's names latest first.
        var names = (await db.UnitNames.AsNoTracking().Where(n => EF.Parameter(unitIds).Contains(n.UnitId)).Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct))
            .OrderByDescending(n => n.ValidFrom)
            .ToLookup(n => n.UnitId, n => (n.Name, n.ValidFrom));
        var unitCodes = await db.Units.AsNoTracking().Where(u => EF.Parameter(unitIds).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        return new Sources(incoming, values, names, unitCodes);
    }

    /// <summary>The loaded reports and lineage, resolved per unit and period in memory; names latest first.</summary>
    private sealed class Sources(
        ILookup<int, LineageEdge> incoming,
        Dictionary<(int UnitId, string Period), Dictionary<string, decimal>> values,
        ILookup<int, (string Name, DateOnly ValidFrom)> names,
        Dictionary<int, string> codes)
    {
        /// <summary>The unit as it was called at the period's end (a predecessor under its last name).</summary>
        public string NameOn(int unit, ReportingPeriod period)
        {
            var end = period.CalendarWindow().End;
            var all = names[unit];
            return (all.Where(n => n.ValidFrom <= end).Select(n => n.Name).FirstOrDefault() ?? all.Select(n => n.Name).FirstOrDefault()) is { Length: > 0 } name
                ? Consolidator.ShortName(name)
                : codes.GetValueOrDefault(unit, unit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public ComparedPart? Own(int unit, ReportingPeriod period) =>
            values.TryGetValue((unit, period.ToString()), out var v) ? new ComparedPart(NameOn(unit, period), 1m, v) : null;

        /// <summary>
        /// The unit's side for an earlier period: its own sent report, plus the reports of the units merged or split
        /// into it after that period ended, through every earlier arrangement, a split in the share given.
        /// </summary>
        public ComparedSide Resolve(int unit, ReportingPeriod period)
        {
            var end = period.CalendarWindow().End;
            var parts = new List<ComparedPart>();
            var gaps = new List<Refusal>();
            var seen = new HashSet<int>();
            Visit(unit, 1m, 0);
            return new ComparedSide(period, parts, gaps);

            void Visit(int u, decimal share, int depth)
            {
                if (!seen.Add(u))
                {
                    return;
                }

                var later = incoming[u].Where(e => e.On > end).OrderBy(e => e.From).ToList();
                if (Own(u, period) is { } own)
                {
                    parts.Add(own with { Share = share });
                }
                else if ((depth > 0 || later.Count > 0) && Existed(u, end))
                {
                    gaps.Add(new($"{NameOn(u, period)} không có báo cáo đã gửi {period.ToVietnamese()}", $"{NameOn(u, period)} sent no report for {period}")
                    {
                        WithoutPeriod = new($"{NameOn(u, period)} không có báo cáo đã gửi", $"{NameOn(u, period)} sent no report"),
                    });
                }

                foreach (var e in later)
                {
                    if (e.Kind == UnitEventKind.Split && e.Share is null)
                    {
                        // Without the administrator's share any part of the origin's figures would be invented.
                        gaps.Add(new(
                            $"{NameOn(e.From, period)} chia tách từ {e.On:dd/MM/yyyy} mà không ghi tỷ lệ chuyển sang {NameOn(e.To, period)}, nên phần số liệu đó không so sánh được",
                            $"{NameOn(e.From, period)} was split on {e.On:yyyy-MM-dd} with no share given to {NameOn(e.To, period)}, so that part cannot be compared"));
                        continue;
                    }

                    Visit(e.From, share * (e.Kind == UnitEventKind.Split ? e.Share!.Value : 1m), depth + 1);
                }
            }
        }

        private bool Existed(int unit, DateOnly end) => names[unit].Any(n => n.ValidFrom <= end);
    }
}
