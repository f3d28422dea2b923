using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Consolidation;

public sealed record DashboardQuery
{
    /// <summary>Null: the consolidator's latest plan (one covering <see cref="Period"/> when given); 0: no plan, every unit in scope.</summary>
    public int? PlanId { get; init; }

    /// <summary>Null: the plan's latest period that has begun (without a plan, this month).</summary>
    public string? Period { get; init; }

    /// <summary>The unit drilled down to; null is the scope's root.</summary>
    public int? UnitId { get; init; }

    /// <summary>
    /// The day the dashboard is seen as of; null: today. It picks the default period (the latest begun by then), judges
    /// what was overdue on that day and leaves out reports sent after it. The units and names are those the period
    /// expects (<see cref="Audience.Resolve"/>): of its data cut-off, or of this day while the period was under way.
    /// </summary>
    public DateOnly? On { get; init; }

    /// <summary>Also list every expected unit below the drill-down unit, in tree order (for the export).</summary>
    public bool AllRows { get; init; }

    /// <summary>
    /// The rates of the <see cref="CompletenessService.HistoryLength"/> periods up to the one on view (the chart); false:
    /// the period on view alone, for a caller that only needs its rows (the consolidation).
    /// </summary>
    public bool History { get; init; } = true;
}

public sealed record PlanOption(int Id, string Citation, string Summary, PeriodType PeriodType);

/// <summary>
/// One unit in the table. <see cref="Reports"/>: the unit itself must report; <see cref="Below"/>: the tally of it and
/// every expected unit under it; <see cref="HasUnits"/>: there are expected units under it to drill down to.
/// </summary>
public sealed record CompletenessRow(
    int UnitId,
    string UnitCode,
    string UnitName,
    UnitKind Kind,
    int? ParentId,
    int Depth,
    bool Reports,
    int? ReportId,
    ReportStatus? Status,
    DateTime? SubmittedAt,
    Timeliness Timeliness,
    Tally Below,
    bool HasUnits);

/// <summary>A bar per sub-level: a unit with units of its own under it, or the leaf units of one kind together.</summary>
public sealed record LevelBar(int? UnitId, string? UnitName, UnitKind Kind, Tally Tally);

public sealed record PeriodRate(ReportingPeriod Period, DateOnly? Deadline, Tally Tally);

public sealed record UnitCrumb(int UnitId, string Name);

public sealed record CompletenessDashboard(
    int ScopeUnitId,
    IReadOnlyList<PlanOption> Plans,
    PlanOption? Plan,
    IReadOnlyList<ReportingPeriod> Periods,
    ReportingPeriod Period,
    DateOnly? Deadline,
    DateOnly Today,
    IReadOnlyList<UnitCrumb> Path,
    Tally Totals,
    IReadOnlyList<LevelBar> Levels,
    IReadOnlyList<CompletenessRow> Rows,
    IReadOnlyList<CompletenessRow> AllRows,
    IReadOnlyList<PeriodRate> History)
{
    public string ScopeName => Path[0].Name;

    /// <summary>
    /// The units that owe the period's report across the whole scope, as of its cut-off whatever day the dashboard is seen
    /// as of or the unit drilled down to, by id: the units the scope's figures are rolled up over.
    /// </summary>
    public IReadOnlyList<int> Due { get; init; } = [];

    /// <summary>
    /// Seen as of another day: the end of that day (UTC), before which a report must have been sent to count as sent
    /// (one sent later was still a draft, or not begun, then); null for today's view, which counts every sent report.
    /// </summary>
    public DateTime? SentBy { get; init; }

    /// <summary>The reorganisations inside the period's data window, when it straddles one: the page says whose reports it expects.</summary>
    public PeriodReorganisation? Reorganisation { get; init; }

    public UnitCrumb Current => Path[^1];
}

public sealed record SetDeadline
{
    public required string Period { get; init; }
    public required DateOnly DueOn { get; init; }
}

/// <summary>
/// Who in a consolidator's scope has reported for a plan's period, on time or late, per sub-level and over the last
/// periods. A handful of queries whatever the size of the province: the units, their links and names and the
/// reports of every period shown are loaded once and the rest is computed in memory.
/// </summary>
public sealed class CompletenessService(DanVanDbContext db, AccessService access, OrgUnitService units, CalendarService calendar, CompletenessCache cache, TimeProvider clock)
{
    public const int HistoryLength = 12;

    /// <summary>The dashboard as built from the data now, or as this instance last built it if nothing has changed since (<see cref="CompletenessCache"/>).</summary>
    public async Task<CompletenessDashboard> DashboardAsync(DashboardQuery query, Actor actor, CancellationToken ct = default)
    {
        RequireConsolidator(actor);
        // Read before the data, so a dashboard kept under this version holds at least the changes it stands for.
        var version = await CompletenessCache.VersionAsync(db, ct);
        var today = query.On ?? VietnamTime.Today(clock);
        return version is { } current
            ? await cache.GetOrBuildAsync(new CompletenessCache.Key(current, today, actor.UnitId, actor.IsIn(Roles.Admin), query), () => BuildAsync(query, today, actor, ct), ct)
            : await BuildAsync(query, today, actor, ct);
    }

    /// <summary>The dashboard from the data, judged on <paramref name="today"/> (the day it is kept under).</summary>
    private async Task<CompletenessDashboard> BuildAsync(DashboardQuery query, DateOnly today, Actor actor, CancellationToken ct)
    {
        var admin = actor.IsIn(Roles.Admin);
        var scopeRoot = await access.ScopeRootAsync(actor, ct);
        var requested = string.IsNullOrWhiteSpace(query.Period) ? (ReportingPeriod?)null : ReportingPeriod.ParseInput(query.Period, nameof(query.Period), clock);
        if (query.On is { } seen && requested is { } later && later.Window(PeriodSemantics.Decree09).Start > seen)
        {
            // A period not yet begun on the day seen (the form keeps the period when only the day changes): that day's latest instead.
            requested = null;
        }

        // The scope's own plans, and those of closed units whose business passed to it (AccessService.ConsolidatesForAsync).
        var candidates = await db.Plans.AsNoTracking()
            .Where(p => admin || p.OwnerUnitId == scopeRoot || p.OwnerUnit!.ClosedOn != null)
            .OrderByDescending(p => p.IssuedOn).ThenByDescending(p => p.Id)
            .ToListAsync(ct);
        var plans = new List<Plan>();
        foreach (var candidate in candidates)
        {
            if (admin || candidate.OwnerUnitId == scopeRoot || await access.ConsolidatesForAsync(actor, candidate.OwnerUnitId, ct))
            {
                plans.Add(candidate);
            }
        }

        var plan = query.PlanId switch
        {
            0 => null,
            { } id => plans.FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException("Plan"),
            null when requested is { } r => plans.FirstOrDefault(p => p.Covers(r)),
            // As of a past day, the latest plan issued by then.
            _ when query.On is { } asOf => plans.FirstOrDefault(p => p.IssuedOn <= asOf) ?? plans.FirstOrDefault(),
            _ => plans.FirstOrDefault(),
        };
        var cal = await calendar.LoadAsync(ct);

        List<ReportingPeriod> choices = [];
        ReportingPeriod period;
        Audience audience;
        int root;
        if (plan is not null)
        {
            plan.Units = await db.PlanUnits.AsNoTracking().Where(u => u.PlanId == plan.Id).ToListAsync(ct);
            choices = PlanSchedule.Recent(plan, today, cal, 36).Select(s => s.Period).ToList();
            period = requested ?? (choices.Count > 0 ? choices[0] : plan.First);
            if (!choices.Contains(period) && plan.Covers(period))
            {
                // An older period of the plan (a link, the history chart) stays choosable in the list.
                choices = [.. choices.Append(period).OrderDescending()];
            }
            if (!plan.Covers(period))
            {
                throw new DomainException(nameof(query.Period), $"Kỳ {period.ToVietnamese()} không thuộc {plan.Citation}. Chọn một kỳ của kế hoạch.")
                {
                    English = $"The period {period} is not one of {plan.Citation}'s. Choose a period of the plan.",
                };
            }

            audience = Audience.Of(plan);
            root = plan.OwnerUnitId;
        }
        else
        {
            period = requested ?? ReportingPeriod.Month(today.Year, today.Month);
            choices = PeriodChoices.Started(today, period.ToString()).ToList();
            audience = Audience.Everyone(scopeRoot, actor.UnitId);
            root = scopeRoot;
        }

        var series = Completeness.Series(period, query.History ? HistoryLength : 1, plan?.First);
        var deadlines = plan is not null
            ? series.ToDictionary(p => p, p => (DateOnly?)PlanSchedule.For(plan, p, cal).UnitDeadline)
            : await ManualDeadlinesAsync(root, series, ct);

        var (history, facts) = await LoadUnitsAsync(root, ct);
        // As of a day inside a period, its units are those of that day (Audience.Resolve); otherwise those of its end.
        DateOnly Seen(ReportingPeriod p) => query.On is { } on && on < p.CalendarWindow().End ? on : p.CalendarWindow().End;
        var ids = facts.Keys.ToList();
        var periodCode = period.ToString();
        var periodDeadline = deadlines[period];

        // A unit is judged by the deadline of the plan it reports under — a commune under its district's plan by the
        // district's, as its own report page judges it — not by the deadline of the plan on view.
        var otherPlans = plan is null ? [] : await db.Plans.AsNoTracking().Include(p => p.Units)
            .Where(p => p.PeriodType == plan.PeriodType && p.Id != plan.Id)
            .ToListAsync(ct);
        var ownDeadlines = new Dictionary<ReportingPeriod, Dictionary<int, DateOnly>>();
        Dictionary<int, DateOnly> OwnDeadlines(ReportingPeriod p)
        {
            if (ownDeadlines.TryGetValue(p, out var known))
            {
                return known;
            }

            var found = new Dictionary<int, DateOnly>();
            var tree = history.TreeOn(Seen(p));
            // The plans a unit under the one on view may report under, in the order PlanService.PlanForAsync claims it.
            var candidates = PlanService.NearestFirst(
                    otherPlans.Where(x => x.Covers(p) && (x.OwnerUnitId == plan!.OwnerUnitId || tree.IsInSubtree(x.OwnerUnitId, plan.OwnerUnitId))).Append(plan!),
                    tree)
                .Select(x => (Plan: x, Units: x == plan ? null : Audience.Of(x).Resolve(tree, facts, p, query.On)))
                .ToList();
            if (candidates.Count > 1)
            {
                foreach (var unitId in audience.Resolve(tree, facts, p, query.On))
                {
                    var under = candidates.First(c => c.Units is null || c.Units.Contains(unitId)).Plan;
                    if (under != plan)
                    {
                        found[unitId] = PlanSchedule.For(under, p, cal).UnitDeadline;
                    }
                }
            }

            return ownDeadlines[p] = found;
        }

        DateOnly? DeadlineOf(ReportingPeriod p, int unitId) =>
            plan is not null && OwnDeadlines(p).TryGetValue(unitId, out var own) ? own : deadlines[p];
        // As of a past day, a report sent after it had not reached the consolidator yet (a draft then, or not begun).
        DateTime? sentBy = query.On is { } on ? Completeness.DeadlineEndUtc(on) : null;
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.Period == periodCode && EF.Parameter(ids).Contains(r.UnitId) && (sentBy == null || r.SubmittedAt == null || r.SubmittedAt < sentBy))
            .Select(r => new { r.Id, r.UnitId, r.Status, r.SubmittedAt })
            .ToDictionaryAsync(r => r.UnitId, r => (r.Id, r.Status, r.SubmittedAt), ct);

        // Earlier periods only need who sent and whether by the deadline: where every unit answers to the period's one
        // deadline (one plan, the usual case) the database compares, so only an id and a flag travel per sent report,
        // not a date to parse; units judged by another plan's deadline need the time itself.
        var historyRates = new List<PeriodRate>(series.Count);
        foreach (var p in series)
        {
            var code = p.ToString();
            var deadline = deadlines[p];
            var byOwnDeadlines = plan is not null && OwnDeadlines(p).Count > 0;
            var sentReports = db.Reports.AsNoTracking()
                .Where(r => r.Period == code && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted) && EF.Parameter(ids).Contains(r.UnitId)
                    && (sentBy == null || r.SubmittedAt == null || r.SubmittedAt < sentBy));
            Dictionary<int, bool> onTime = [];
            Dictionary<int, DateTime?> sentAt = [];
            if (p == period)
            {
                sentAt = reports.Where(r => Completeness.IsSent(r.Value.Status)).ToDictionary(r => r.Key, r => r.Value.SubmittedAt);
            }
            else if (byOwnDeadlines)
            {
                sentAt = await sentReports.Select(r => new { r.UnitId, r.SubmittedAt }).ToDictionaryAsync(r => r.UnitId, r => r.SubmittedAt, ct);
            }
            else
            {
                var limit = deadline is { } due ? Completeness.DeadlineEndUtc(due) : DateTime.MaxValue;
                onTime = await sentReports.Select(r => new { r.UnitId, OnTime = r.SubmittedAt < limit }).ToDictionaryAsync(r => r.UnitId, r => r.OnTime, ct);
            }

            var tally = default(Tally);
            foreach (var unitId in audience.Resolve(history.TreeOn(Seen(p)), facts, p, query.On))
            {
                if (onTime.TryGetValue(unitId, out var byDeadline))
                {
                    tally = tally.With(true, Completeness.Classify(deadline, sent: true, byDeadline, today));
                    continue;
                }

                var isSent = sentAt.TryGetValue(unitId, out var at);
                tally = tally.With(isSent, Completeness.Classify(DeadlineOf(p, unitId), isSent ? at ?? DateTime.MaxValue : null, today));
            }

            historyRates.Add(new PeriodRate(p, deadline, tally));
        }

        (bool Sent, Timeliness Timeliness, (int Id, ReportStatus Status, DateTime? SubmittedAt)? Report) Outcome(int unitId)
        {
            if (!reports.TryGetValue(unitId, out var report))
            {
                return (false, Completeness.Classify(DeadlineOf(period, unitId), null, today), null);
            }

            var isSent = Completeness.IsSent(report.Status);
            return (isSent, Completeness.Classify(DeadlineOf(period, unitId), isSent ? report.SubmittedAt : null, today), report);
        }

        // The selected period, drilled down: the tree and names as they were at its end.
        var day = Seen(period);
        var tree = history.TreeOn(day);
        var expected = audience.Resolve(tree, facts, period, query.On);
        var node = query.UnitId ?? root;
        if (!tree.IsInSubtree(node, root))
        {
            throw new NotFoundException("Unit");
        }

        var path = new List<UnitCrumb>();
        for (int? at = node; at is { } id; at = id == root ? null : tree.ParentOf(id))
        {
            path.Add(new UnitCrumb(id, history.NameOn(id, day, facts.GetValueOrDefault(id)?.Code ?? "")));
        }

        path.Reverse();
        // Each expected unit counts toward itself and every ancestor up to the drill-down unit.
        var below = new Dictionary<int, Tally>();
        var outcomes = new Dictionary<int, (bool Sent, Timeliness Timeliness, (int Id, ReportStatus Status, DateTime? SubmittedAt)? Report)>();
        var totals = default(Tally);
        foreach (var unitId in expected)
        {
            var steps = 0;
            int? at = unitId;
            while (at is { } a && a != node && steps++ < 10_000)
            {
                at = tree.ParentOf(a);
            }

            if (at != node || unitId == node)
            {
                continue;
            }

            var outcome = Outcome(unitId);
            outcomes[unitId] = outcome;
            totals = totals.With(outcome.Sent, outcome.Timeliness);
            for (int? up = unitId; up is { } u && u != node; up = tree.ParentOf(u))
            {
                below[u] = below.GetValueOrDefault(u).With(outcome.Sent, outcome.Timeliness);
            }
        }

        var nodeDepth = path.Count - 1;
        // A unit's unsent draft shows as such, without a way into a report that is still the unit's own.
        var draftUnits = await access.DraftUnitIdsAsync(actor, ct);
        CompletenessRow Row(int unitId, int? parentId, int depth)
        {
            var f = facts[unitId];
            var reportsItself = outcomes.TryGetValue(unitId, out var o);
            var tally = below[unitId];
            return new CompletenessRow(
                unitId, f.Code, history.NameOn(unitId, day, f.Code), f.Kind, parentId, depth, reportsItself,
                o.Report is { } r && AccessService.MayRead(draftUnits, unitId, r.Status) ? r.Id : null, o.Report?.Status, o.Sent ? o.Report?.SubmittedAt : null, reportsItself ? o.Timeliness : Timeliness.NotDue,
                tally, tally.Expected > (reportsItself ? 1 : 0));
        }

        var childrenOf = below.Keys.ToLookup(id => tree.ParentOf(id));
        // Sort keys once per name: thousands of culture-aware comparisons would cost more than all the queries.
        var collation = OrgUnitService.Vietnamese.CompareInfo;
        var byKey = Comparer<System.Globalization.SortKey>.Create(System.Globalization.SortKey.Compare);
        List<CompletenessRow> Children(int parentId, int depth) =>
            childrenOf[parentId].Select(id => Row(id, parentId, depth)).OrderBy(r => collation.GetSortKey(r.UnitName), byKey).ToList();

        var rows = Children(node, nodeDepth + 1);
        var all = new List<CompletenessRow>();
        if (query.AllRows)
        {
            void Visit(CompletenessRow row)
            {
                all.Add(row);
                if (row.HasUnits)
                {
                    Children(row.UnitId, row.Depth + 1).ForEach(Visit);
                }
            }

            rows.ForEach(Visit);
        }

        var levels = rows.Where(r => r.HasUnits).Select(r => new LevelBar(r.UnitId, r.UnitName, r.Kind, r.Below))
            .Concat(rows.Where(r => !r.HasUnits).GroupBy(r => r.Kind).OrderBy(g => g.Key)
                .Select(g => new LevelBar(null, null, g.Key, g.Aggregate(default(Tally), (t, r) => t + r.Below))))
            .ToList();

        var reorganisation = await units.ReorganisationInAsync(ids, period, plan?.Semantics ?? PeriodSemantics.Calendar, query.On, ct);
        return new CompletenessDashboard(
            root,
            plans.Select(Option).ToList(),
            plan is null ? null : Option(plan),
            choices,
            period,
            periodDeadline,
            today,
            path,
            totals,
            levels,
            rows,
            all,
            historyRates)
        {
            Reorganisation = reorganisation,
            SentBy = sentBy,
            Due = [.. (query.On is null ? expected : audience.Resolve(history.TreeOn(period.CalendarWindow().End), facts, period)).Order()],
        };
    }

    /// <summary>Without a plan, a consolidator sets a deadline per period by hand.</summary>
    public async Task SetDeadlineAsync(SetDeadline command, Actor actor, CancellationToken ct = default)
    {
        RequireConsolidator(actor);
        var period = ReportingPeriod.ParseInput(command.Period, nameof(command.Period), clock);
        // As for a plan's deadlines, at least one working day after the data cut-off; without a plan the earlier one,
        // Decree 09's 14th, since quarterly reports are commonly due around the 20th of the quarter's last month.
        var cutoff = period.Window(PeriodSemantics.Decree09).End;
        var earliest = (await calendar.LoadAsync(ct)).AddWorkingDays(cutoff, 1);
        if (command.DueOn < earliest)
        {
            throw new DomainException(nameof(command.DueOn), $"Hạn gửi sớm nhất là {earliest:dd/MM/yyyy}: ít nhất một ngày làm việc sau ngày chốt số liệu {cutoff:dd/MM/yyyy} của {period.ToVietnamese()}.")
            {
                English = $"The earliest deadline is {earliest:dd/MM/yyyy}: at least one working day after the data cut-off {cutoff:dd/MM/yyyy} of {period}.",
            };
        }

        var root = await access.ScopeRootAsync(actor, ct);
        var code = period.ToString();
        var row = await db.PeriodDeadlines.FirstOrDefaultAsync(d => d.ScopeUnitId == root && d.Period == code, ct);
        if (row is null)
        {
            db.PeriodDeadlines.Add(new PeriodDeadline { ScopeUnitId = root, Period = code, DueOn = command.DueOn });
        }
        else
        {
            row.DueOn = command.DueOn;
        }

        await db.SaveChangesAsync(ct);
    }

    private static PlanOption Option(Plan p) => new(p.Id, p.Citation, p.Summary, p.PeriodType);

    private async Task<Dictionary<ReportingPeriod, DateOnly?>> ManualDeadlinesAsync(int root, IReadOnlyList<ReportingPeriod> series, CancellationToken ct)
    {
        var codes = series.Select(p => p.ToString()).ToList();
        var set = await db.PeriodDeadlines.AsNoTracking()
            .Where(d => d.ScopeUnitId == root && codes.Contains(d.Period))
            .ToDictionaryAsync(d => d.Period, d => d.DueOn, ct);
        return series.ToDictionary(p => p, p => set.TryGetValue(p.ToString(), out var due) ? due : (DateOnly?)null);
    }

    /// <summary>
    /// Every unit ever linked below <paramref name="root"/> (one query per level of the hierarchy), with all their links,
    /// so the tree of any period can be rebuilt in memory — and nothing of other provinces.
    /// </summary>
    private async Task<(UnitHistory History, Dictionary<int, UnitFacts> Facts)> LoadUnitsAsync(int root, CancellationToken ct)
    {
        var known = new HashSet<int> { root };
        var frontier = new List<int> { root };
        while (frontier.Count > 0)
        {
            var parents = frontier;
            var found = await db.UnitParentLinks.AsNoTracking().Where(l => EF.Parameter(parents).Contains(l.ParentId)).Select(l => l.UnitId).Distinct().ToListAsync(ct);
            frontier = found.Where(known.Add).ToList();
        }

        // By id range, not by a list of 4,000 ids: an index range scan, then the few strays are dropped here.
        var (min, max) = (known.Min(), known.Max());
        var links = (await db.UnitParentLinks.AsNoTracking().Where(l => l.UnitId >= min && l.UnitId <= max)
            .Select(l => new { l.UnitId, l.ParentId, l.ValidFrom }).ToListAsync(ct)).Where(l => known.Contains(l.UnitId));
        var names = (await db.UnitNames.AsNoTracking().Where(n => n.UnitId >= min && n.UnitId <= max)
            .Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct)).Where(n => known.Contains(n.UnitId));
        var history = new UnitHistory(links.Select(l => (l.UnitId, l.ParentId, l.ValidFrom)), names.Select(n => (n.UnitId, n.Name, n.ValidFrom)));
        var facts = (await db.Units.AsNoTracking().Where(u => u.Id >= min && u.Id <= max)
                .Select(u => new { u.Id, u.Code, u.Kind, u.ClosedOn, u.ConsolidatesForId }).ToListAsync(ct))
            .Where(u => known.Contains(u.Id))
            .ToDictionary(u => u.Id, u => new UnitFacts(u.Id, u.Code, u.Kind, u.ClosedOn, u.ConsolidatesForId, history.FirstNamedOn(u.Id)));
        return (history, facts);
    }

    private static void RequireConsolidator(Actor actor)
    {
        if (!actor.IsIn(Roles.Consolidator) && !actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ cơ quan tổng hợp được xem bảng theo dõi tình hình gửi báo cáo.")
            {
                English = "Only a consolidating body may see who has sent their reports.",
            };
        }
    }
}
