using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Search;

public enum SearchSort
{
    Relevance,
    Date,
}

public sealed record SearchRequest
{
    public required string Query { get; init; }

    /// <summary>Unit code: the unit and every unit under it.</summary>
    public string? Unit { get; init; }

    /// <summary>With <see cref="Unit"/>: also the units it was formed from through every merger and split, each with the units under it.</summary>
    public bool WithPredecessors { get; init; }

    /// <summary>First period, e.g. 2024-01; periods of every type that lie within the range count.</summary>
    public string? From { get; init; }

    public string? To { get; init; }

    public int? PlanId { get; init; }

    /// <summary>Outline key ("I.6"); "I" also finds its items.</summary>
    public string? Section { get; init; }

    public ReportStatus? Status { get; init; }

    public SearchSort Sort { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    /// <summary>The benchmark's baseline: the same search as a LIKE scan of the folded text instead of the index.</summary>
    public bool LikeScan { get; init; }
}

public sealed record SearchHit(
    int ReportId,
    int SectionId,
    string UnitCode,
    string Unit,
    string Period,
    string SectionKey,
    string Section,
    ReportStatus Status,
    IReadOnlyList<SnippetPart> Snippet,
    double Score);

/// <summary>One page of hits; <see cref="Total"/> counts at most <see cref="SearchService.MaxCandidates"/>, and <see cref="More"/> says there are more.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, bool More, int Page, int PageSize)
{
    public static SearchResults None(int pageSize) => new([], 0, false, 1, pageSize);
}

/// <summary>Full-text search over report sections, limited to the reports the actor may see (<see cref="AccessService"/>).</summary>
public sealed class SearchService(DanVanDbContext db, AccessService access, OrgUnitService units, ReorganisationService reorganisations, TimeProvider clock)
{
    /// <summary>
    /// How many of the newest matching sections are ranked, counted and paged through (25 pages of 20). 500 rather than
    /// 1,000: the matches are found by walking the newest sections, so the window sets the cost of a common word, and
    /// the smaller window keeps a common word's search as fast as a rare one's (bench/README.md, search).
    /// </summary>
    public const int MaxCandidates = 500;

    public const int MaxPageSize = 100;

    private const int NarrowUnits = 200;

    /// <summary>The units a search can be narrowed to (each with the units under it), in tree order: those the user sees.</summary>
    public async Task<IReadOnlyList<UnitRow>> UnitChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        var visible = await access.VisibleUnitIdsAsync(actor, ct);
        return (await units.ListAsync(ct)).Where(u => visible is null || visible.Contains(u.Id)).ToList();
    }

    /// <summary><see cref="MaxCandidates"/>; tests make it small so that a few reports reach past <see cref="RecentSections"/>.</summary>
    internal int Candidates { get; set; } = MaxCandidates;

    /// <summary>Up to this many reports in scope (about 13 sections each), checking each section beats walking the matches; tests set 0 or more to try both plans.</summary>
    internal int NarrowReports { get; set; } = 3000;

    /// <summary>Tests set it to try PostgreSQL's walk over the newest sections whatever the statistics say.</summary>
    internal bool? CommonWords { get; set; }

    /// <summary>How far back PostgreSQL walks the newest sections for common words before it asks the index for older matches; tests make it small.</summary>
    internal int RecentSections { get; set; } = 10_000;

    /// <summary>
    /// How many more sections the walk may expect to cover before the index is cheaper (the walk's cost per section
    /// against reading the index's lists of common words and sorting the older matches; the costs are in
    /// bench/README.md): the walk goes on when the matches are at least about 1 % of the sections.
    /// </summary>
    private const int WalkOnSections = 40_000;

    public async Task<SearchResults> SearchAsync(SearchRequest request, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var filter = await FilterAsync(request, actor, ct);
        var query = SearchQuery.Parse(request.Query);
        if (query.IsEmpty || filter is null)
        {
            return SearchResults.None(pageSize);
        }

        var narrow = filter.UnitIds is { Count: <= NarrowUnits } few && await db.Reports.CountAsync(r => few.Contains(r.UnitId), ct) <= NarrowReports;
        var common = !narrow && !request.LikeScan && db.Database.IsNpgsql() && (CommonWords ?? await PostgresStatistics.IsCommonAsync(db, query, ct));
        // On PostgreSQL, rare words go to the GIN index whatever the filters: their matches are few to sort.
        var batched = !narrow && !request.LikeScan && filter.ByReport && (common || !db.Database.IsNpgsql());
        var candidates = batched
            ? await ByReportBatchesAsync(query, filter, Candidates + 1, ct)
            : common
            ? await WalkThenIndexAsync(query, filter, Candidates + 1, ct)
            : await SearchSql.CandidatesAsync(db, query, filter, Candidates + 1, request.LikeScan, narrow, false, null, null, ct);
        var more = candidates.Count > Candidates;
        if (more)
        {
            candidates.RemoveAt(candidates.Count - 1);
        }

        var scores = Relevance.Score(candidates.Select(c => c.Folded).ToList(), query);
        var scored = candidates.Select((c, i) => (Candidate: c, Score: scores[i])).ToList();
        IOrderedEnumerable<(SearchCandidate Candidate, double Score)> ordered;
        if (request.Sort == SearchSort.Date)
        {
            var periods = await PeriodsAsync(candidates, ct);
            ordered = scored.OrderByDescending(c => ReportingPeriod.TryParse(periods[c.Candidate.SectionId], out var p) ? p.CalendarWindow().End : DateOnly.MinValue);
        }
        else
        {
            ordered = scored.OrderByDescending(c => c.Score);
        }

        var pages = Math.Max(1, (candidates.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(request.Page, 1, pages);
        var shown = ordered.ThenByDescending(c => c.Candidate.SectionId).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new SearchResults(await HitsAsync(shown, query, ct), candidates.Count, more, page, pageSize);
    }

    /// <summary>
    /// The newest matches of common words on PostgreSQL. Walking the newest sections finds them at once, but words each
    /// common and rare together ("thôn Kim Lạc") would be walked to the oldest section. So the walk first covers
    /// the newest <see cref="RecentSections"/>, and what it found there tells how to find the rest: the walk goes on
    /// when, at that density, the rest lie within <see cref="WalkOnSections"/> more sections, else the GIN index lists
    /// the older matches, which are then few. Both ways give the same rows, in the same order, as one walk. (The
    /// index's lists of words that are all common cost more to read than the walk, even ANDed with a window of ids.)
    /// </summary>
    private async Task<List<SearchCandidate>> WalkThenIndexAsync(SearchQuery query, SearchFilter filter, int limit, CancellationToken ct)
    {
        var floor = (await db.SectionSearch.MaxAsync(x => (int?)x.SectionId, ct) ?? 0) - RecentSections;
        var found = await SearchSql.CandidatesAsync(db, query, filter, limit, false, false, true, floor, null, ct);
        if (found.Count < limit && floor > 0)
        {
            var walkOn = found.Count > 0 && (long)(limit - found.Count) * RecentSections / found.Count <= WalkOnSections;
            found.AddRange(await SearchSql.CandidatesAsync(db, query, filter, limit - found.Count, false, false, walkOn, null, floor, ct));
        }

        return found;
    }

    /// <summary>
    /// The newest matches in the reports the filters allow (a consolidator's province, a period range): walking every
    /// match newest first would test all the newer matches outside them — the whole other province when its sections
    /// are newer. Instead the allowed reports are taken newest first in growing batches, and each batch's
    /// matches are walked only within the span of its sections' ids, restricted to the batch's reports.
    /// </summary>
    private async Task<List<SearchCandidate>> ByReportBatchesAsync(SearchQuery query, SearchFilter filter, int limit, CancellationToken ct)
    {
        var found = new List<SearchCandidate>();
        var before = int.MaxValue;
        for (var size = FirstBatch; found.Count < limit; size *= 4)
        {
            if (await SearchSql.NextReportsAsync(db, filter, before, size, ct) is not { From: { } from } batch)
            {
                break;
            }

            // The batch is every allowed report from its oldest id up to the previous batch: the filters and that id range select it.
            if (batch is { Low: { } low, High: { } high })
            {
                found.AddRange(await SearchSql.CandidatesAsync(
                    db, query, filter with { ReportIds = (from, before) }, limit - found.Count, false, false, true, low - 1, high, ct));
            }

            before = from;
        }

        return found;
    }

    /// <summary>Reports in the first batch of <see cref="ByReportBatchesAsync"/>; each next batch is four times larger. Tests make it 1.</summary>
    internal int FirstBatch { get; set; } = 2000;

    /// <summary>Visibility and the request's filters as ids and codes; null when they leave nothing to search.</summary>
    private async Task<SearchFilter?> FilterAsync(SearchRequest request, Actor actor, CancellationToken ct)
    {
        var from = string.IsNullOrWhiteSpace(request.From) ? (ReportingPeriod?)null : ReportingPeriod.ParseInput(request.From, nameof(request.From), clock);
        var to = string.IsNullOrWhiteSpace(request.To) ? (ReportingPeriod?)null : ReportingPeriod.ParseInput(request.To, nameof(request.To), clock);
        IReadOnlyCollection<string>? periods = null;
        if (from is not null || to is not null)
        {
            periods = PeriodsBetween(from, to, VietnamTime.Today(clock).Year);
            if (periods.Count == 0)
            {
                throw new DomainException(nameof(request.To), "Kỳ cuối phải sau kỳ đầu.") { English = "The last period must not come before the first." };
            }
        }

        if (request.WithPredecessors && string.IsNullOrWhiteSpace(request.Unit))
        {
            throw new DomainException(nameof(request.Unit), "Chọn đơn vị để tìm cả trong báo cáo của các đơn vị tiền thân.")
            {
                English = "Choose a unit to search its predecessors' reports too.",
            };
        }

        IReadOnlyCollection<int>? unitIds = await access.VisibleUnitIdsAsync(actor, ct);
        var inherited = (await access.InheritedAsync(actor, ct)).Reports;
        if (!string.IsNullOrWhiteSpace(request.Unit))
        {
            var code = request.Unit.Trim().ToUpperInvariant();
            var unitId = await db.Units.Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                ?? throw new DomainException(nameof(request.Unit), $"Không có đơn vị mã {code}.") { English = $"No unit has the code {code}." };
            var tree = await units.LoadTreeAsync(ct: ct);
            var subtree = tree.SubtreeOf(unitId);
            if (request.WithPredecessors)
            {
                foreach (var predecessor in (await reorganisations.LineageAsync(unitId, ct)).Predecessors)
                {
                    subtree.UnionWith(tree.SubtreeOf(predecessor.UnitId));
                }
            }

            inherited = inherited.Where(r => subtree.Contains(r.Value)).ToDictionary();
            if (unitIds is not null)
            {
                subtree.IntersectWith(unitIds);
            }

            unitIds = subtree;
        }

        if (unitIds is { Count: 0 } && inherited.Count == 0)
        {
            return null;
        }

        var section = string.IsNullOrWhiteSpace(request.Section) ? null : request.Section.Trim();
        return new SearchFilter(unitIds, periods, request.PlanId, section, request.Status?.ToString())
        {
            DraftUnitIds = await access.DraftUnitIdsAsync(actor, ct),
            InheritedReportIds = [.. inherited.Keys],
        };
    }

    /// <summary>Every period code (month, quarter, half, nine months, year) whose calendar window lies within the range.</summary>
    public static IReadOnlyList<string> PeriodsBetween(ReportingPeriod? from, ReportingPeriod? to, int thisYear)
    {
        var start = from?.CalendarWindow().Start ?? new DateOnly(1990, 1, 1);
        var end = to?.CalendarWindow().End ?? new DateOnly(thisYear + 5, 12, 31);
        var codes = new List<string>();
        for (var year = start.Year; year <= end.Year; year++)
        {
            IEnumerable<ReportingPeriod> all =
            [
                .. Enumerable.Range(1, 12).Select(m => ReportingPeriod.Month(year, m)),
                .. Enumerable.Range(1, 4).Select(q => ReportingPeriod.Quarter(year, q)),
                ReportingPeriod.Half(year, 1), ReportingPeriod.Half(year, 2), ReportingPeriod.NineMonths(year), ReportingPeriod.FullYear(year),
            ];
            codes.AddRange(all.Where(p => p.CalendarWindow().Start >= start && p.CalendarWindow().End <= end).Select(p => p.ToString()));
        }

        return codes;
    }

    /// <summary>Each candidate's report period, read for those that came without one (PostgreSQL's walk of every unit).</summary>
    private async Task<Dictionary<int, string>> PeriodsAsync(List<SearchCandidate> candidates, CancellationToken ct)
    {
        var periods = candidates.Where(c => c.Period is not null).ToDictionary(c => c.SectionId, c => c.Period!);
        var missing = candidates.Where(c => c.Period is null).Select(c => c.SectionId).ToList();
        if (missing.Count > 0)
        {
            var read = await (
                    from s in db.ReportSections
                    join r in db.Reports on s.ReportId equals r.Id
                    where missing.Contains(s.Id)
                    select new { s.Id, r.Period })
                .ToListAsync(ct);
            foreach (var row in read)
            {
                periods[row.Id] = row.Period;
            }
        }

        return periods;
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(List<(SearchCandidate Candidate, double Score)> shown, SearchQuery query, CancellationToken ct)
    {
        var ids = shown.Select(c => c.Candidate.SectionId).ToList();
        var rows = await (
                from s in db.ReportSections.AsNoTracking()
                join r in db.Reports on s.ReportId equals r.Id
                where ids.Contains(s.Id)
                select new { s.Id, s.ReportId, s.Key, s.Heading, s.Text, r.UnitId, UnitCode = r.Unit!.Code, r.Period, r.Status })
            .ToDictionaryAsync(x => x.Id, ct);
        var unitIds = rows.Values.Select(r => r.UnitId).Distinct().ToList();
        var names = (await db.UnitNames.AsNoTracking()
                .Where(n => unitIds.Contains(n.UnitId))
                .Select(n => new { n.UnitId, n.Name, n.ValidFrom })
                .ToListAsync(ct))
            .ToLookup(n => n.UnitId);

        // A unit since renamed or merged is shown under the name it reported under.
        string NameAt(int unitId, string period, string code)
        {
            var day = ReportingPeriod.TryParse(period, out var p) ? p.CalendarWindow().End : DateOnly.MaxValue;
            var all = names[unitId];
            return (all.Where(n => n.ValidFrom <= day).MaxBy(n => n.ValidFrom) ?? all.MinBy(n => n.ValidFrom))?.Name ?? code;
        }

        return shown.Where(c => rows.ContainsKey(c.Candidate.SectionId)).Select(c =>
        {
            var row = rows[c.Candidate.SectionId];
            return new SearchHit(
                row.ReportId, c.Candidate.SectionId, row.UnitCode, NameAt(row.UnitId, row.Period, row.UnitCode), row.Period, row.Key, row.Heading, row.Status,
                Snippet.Build(row.Text, query), c.Score);
        }).ToList();
    }
}
