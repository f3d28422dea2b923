using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Search;

/// <summary>A matching section before it is ranked, paged and shown.</summary>
public sealed class SearchCandidate
{
    public int SectionId { get; init; }

    /// <summary>The report's period; null from PostgreSQL's walk without filters, which does not join the reports (see SearchService).</summary>
    public string? Period { get; init; }

    /// <summary>The indexed words, for <see cref="Relevance"/>.</summary>
    public required string Folded { get; init; }
}

/// <summary>What narrows a search, already resolved to ids and codes; null means "no restriction".</summary>
public sealed record SearchFilter(
    IReadOnlyCollection<int>? UnitIds,
    IReadOnlyCollection<string>? Periods,
    int? PlanId,
    string? SectionKey,
    string? Status)
{
    /// <summary>Only reports with an id from <c>From</c> and below <c>Before</c>: one batch of the filtered reports, newest first (see SearchService).</summary>
    public (int From, int Before)? ReportIds { get; init; }

    /// <summary>
    /// The units whose unsent reports are searched too (<see cref="Access.AccessService.DraftUnitIdsAsync"/>); of the
    /// others only reports sent up. Null: every report (admin).
    /// </summary>
    public IReadOnlyCollection<int>? DraftUnitIds { get; init; }

    /// <summary>Reports searched besides those of <see cref="UnitIds"/>: the predecessors' the user's unit inherited (<see cref="Access.AccessService.InheritedAsync"/>).</summary>
    public IReadOnlyCollection<int> InheritedReportIds { get; init; } = [];

    /// <summary>Whether the filters restrict which reports are searched (not only which sections).</summary>
    public bool ByReport => UnitIds is not null || Periods is not null || PlanId is not null || Status is not null || DraftUnitIds is not null;
}

/// <summary>
/// The one query of a search, per engine. The match expression and every filter value are parameters; the SQL
/// text is fixed here. Matches are walked newest section first and cut at <c>limit</c>, so a word found in half of
/// a million sections costs the same as a rare one (ranking then happens on that newest slice only).
/// </summary>
public static class SearchSql
{
    /// <summary>
    /// <paramref name="narrow"/>: the filters leave few sections (one unit's reports), so they are listed first and
    /// each is checked against the index, instead of walking every match of a common word to find the few in scope.
    /// <paramref name="after"/> and <paramref name="upTo"/> bound the section ids looked at (PostgreSQL's two-step walk).
    /// </summary>
    public static Task<List<SearchCandidate>> CandidatesAsync(
        Data.DanVanDbContext db, SearchQuery query, SearchFilter filter, int limit, bool likeScan, bool narrow, bool common, int? after, int? upTo,
        CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        // PostgreSQL walks the newest sections for common words (see SearchService.WalkThenIndexAsync).
        var walk = postgres && common && !narrow && !likeScan;
        var args = new SqlArgs();
        string from, rowid, match, folded;
        if (likeScan)
        {
            from = "\"SectionSearch\" AS x";
            rowid = "x.\"SectionId\"";
            match = string.Join(" AND ", query.LikePatterns().Select(p => $"x.\"Folded\" LIKE {args.Add(p)}"));
            folded = "x.\"Folded\"";
        }
        else if (postgres)
        {
            var tsquery = args.Add(query.ToTsQuery());
            from = "\"SectionSearch\" AS x";
            rowid = "x.\"SectionId\"";
            // ts_match_vq is @@ as a function, which no index serves: for common words the planner then walks the newest sections.
            match = walk
                ? $"ts_match_vq(x.\"Vector\", to_tsquery('simple', {tsquery}))"
                : $"x.\"Vector\" @@ to_tsquery('simple', {tsquery})";
            folded = "x.\"Folded\"";
        }
        else
        {
            from = "\"SectionSearchFts\"";
            rowid = "\"SectionSearchFts\".rowid";
            match = $"\"SectionSearchFts\" MATCH {args.Add(query.ToFts5())}";
            folded = "\"SectionSearchFts\".\"Folded\"";
        }

        // On the index row's own id, so the walk starts at that point of the primary key.
        if (after is { } low)
        {
            match += $" AND {rowid} > {args.Add(low)}";
        }

        if (upTo is { } high)
        {
            match += $" AND {rowid} <= {args.Add(high)}";
        }

        // The filters, on r (Reports) and s (ReportSections). PostgreSQL's walk tests them per match through the primary
        // keys, so the unit list is written as an expression: the planner then does not estimate each of a province's
        // ids from the column's statistics, which made planning cost more than the search.
        var where = ReportConditions(filter, postgres, args, unitOffIndex: walk);
        if (filter.ReportIds is { } reports)
        {
            where.Add($"r.\"Id\" >= {args.Add(reports.From)} AND r.\"Id\" < {args.Add(reports.Before)}");
        }

        if (filter.SectionKey is { } key)
        {
            // The section and the items under it: "I" also finds "I.1" … "I.8".
            var under = key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + ".%";
            where.Add($"(s.\"Key\" = {args.Add(key)} OR s.\"Key\" LIKE {args.Add(under)} ESCAPE '\\')");
        }

        var filters = string.Join(" AND ", where.DefaultIfEmpty("1 = 1"));
        if (walk)
        {
            // The walk over the newest sections. The sections' reports and the filters go in a per-row subquery that
            // OFFSET 0 keeps from being flattened, so it runs only for the matches: joined, PostgreSQL drove a batch's
            // walk from its reports and tested every section of the span, and for long walks merge-joined
            // ReportSections alongside, reading a section row for every one walked.
            // With nothing to test on the reports (a search of every unit) the walk reads the search rows alone.
            var alone = where.Count == 0;
            var reportJoin = alone ? "" : $"""
                CROSS JOIN LATERAL (
                    SELECT r."Period" AS "Period"
                    FROM "ReportSections" AS s JOIN "Reports" AS r ON r."Id" = s."ReportId"
                    WHERE s."Id" = {rowid} AND {filters}
                    OFFSET 0) AS sr
                """;
            var walkSql = $"""
                SELECT {rowid} AS "SectionId", {(alone ? "NULL::varchar" : "sr.\"Period\"")} AS "Period", {folded} AS "Folded"
                FROM {from}
                {reportJoin}
                WHERE {match}
                ORDER BY {rowid} DESC
                LIMIT {args.Add(limit)}
                """;
            return db.Database.SqlQueryRaw<SearchCandidate>(walkSql, [.. args.Values]).ToListAsync(ct);
        }

        var sql = narrow
            ? $"""
                WITH scope AS MATERIALIZED (
                    SELECT s."Id" AS "SectionId", r."Period" AS "Period"
                    FROM "Reports" AS r JOIN "ReportSections" AS s ON s."ReportId" = r."Id"
                    WHERE {filters})
                SELECT scope."SectionId", scope."Period", {folded} AS "Folded"
                FROM scope CROSS JOIN {from}
                WHERE {rowid} = scope."SectionId" AND {match}
                ORDER BY scope."SectionId" DESC
                LIMIT {args.Add(limit)}
                """
            : $"""
                SELECT s."Id" AS "SectionId", r."Period" AS "Period", {folded} AS "Folded"
                FROM {from}
                JOIN "ReportSections" AS s ON s."Id" = {rowid}
                JOIN "Reports" AS r ON r."Id" = s."ReportId"
                WHERE {match} AND {filters}
                ORDER BY {rowid} DESC
                LIMIT {args.Add(limit)}
                """;
        return db.Database.SqlQueryRaw<SearchCandidate>(sql, [.. args.Values]).ToListAsync(ct);
    }

    /// <summary>
    /// The next batch of reports the filters allow, newest first: the <paramref name="size"/> newest with an id below
    /// <paramref name="before"/>, as the oldest report id in it and the lowest and highest id of their sections; null
    /// when no report is left. The unit test is kept off the (unit, period) index (<c>+</c>, <c>+ 0</c>) so the reports
    /// are read newest first and the scan stops at the batch, instead of collecting and sorting a province's reports.
    /// </summary>
    public static async Task<ReportBatch?> NextReportsAsync(Data.DanVanDbContext db, SearchFilter filter, int before, int size, CancellationToken ct)
    {
        var args = new SqlArgs();
        var where = ReportConditions(filter, db.Database.IsNpgsql(), args, unitOffIndex: true);
        where.Add($"r.\"Id\" < {args.Add(before)}");
        var sql = $"""
            WITH b AS (SELECT r."Id" FROM "Reports" AS r WHERE {string.Join(" AND ", where)} ORDER BY r."Id" DESC LIMIT {args.Add(size)})
            SELECT (SELECT min(b."Id") FROM b) AS "From", min(s."Id") AS "Low", max(s."Id") AS "High"
            FROM b JOIN "ReportSections" AS s ON s."ReportId" = b."Id"
            """;
        var row = (await db.Database.SqlQueryRaw<ReportBatch>(sql, [.. args.Values]).ToListAsync(ct)).FirstOrDefault();
        return row?.From is null ? null : row;
    }

    /// <summary>
    /// The report-level filters on r (Reports), values as parameters. <paramref name="unitOffIndex"/> writes the unit
    /// test as an expression (<c>+</c> on SQLite, <c>+ 0</c> on PostgreSQL), which no index and no column statistics serve.
    /// </summary>
    private static List<string> ReportConditions(SearchFilter filter, bool postgres, SqlArgs args, bool unitOffIndex)
    {
        var where = new List<string>();
        if (filter.UnitIds is { } units)
        {
            var unit = postgres
                ? $"r.\"UnitId\"{(unitOffIndex ? " + 0" : "")} = ANY({args.Add(units.ToArray())})"
                : $"{(unitOffIndex ? "+" : "")}r.\"UnitId\" IN (SELECT value FROM json_each({args.Add(JsonSerializer.Serialize(units))}))";
            where.Add(filter.InheritedReportIds.Count == 0 ? unit : postgres
                ? $"({unit} OR r.\"Id\" = ANY({args.Add(filter.InheritedReportIds.ToArray())}))"
                : $"({unit} OR r.\"Id\" IN (SELECT value FROM json_each({args.Add(JsonSerializer.Serialize(filter.InheritedReportIds))})))");
        }

        if (filter.Periods is { } periods)
        {
            where.Add(postgres
                ? $"r.\"Period\" = ANY({args.Add(periods.ToArray())})"
                : $"r.\"Period\" IN (SELECT value FROM json_each({args.Add(JsonSerializer.Serialize(periods))}))");
        }

        if (filter.PlanId is { } plan)
        {
            where.Add($"r.\"PlanId\" = {args.Add(plan)}");
        }

        if (filter.Status is { } status)
        {
            where.Add($"r.\"Status\" = {args.Add(status)}");
        }

        if (filter.DraftUnitIds is { } own)
        {
            // AccessService's rule: a report of another unit once it is sent up.
            var sent = Access.AccessService.SentUp.Select(x => x.ToString()).ToArray();
            where.Add(postgres
                ? $"(r.\"UnitId\" = ANY({args.Add(own.ToArray())}) OR r.\"Status\" = ANY({args.Add(sent)}))"
                : $"(r.\"UnitId\" IN (SELECT value FROM json_each({args.Add(JsonSerializer.Serialize(own))})) OR r.\"Status\" IN (SELECT value FROM json_each({args.Add(JsonSerializer.Serialize(sent))})))");
        }

        return where;
    }

    /// <summary>The values of a raw query, each written into its text as its <c>{n}</c> placeholder.</summary>
    private sealed class SqlArgs
    {
        public List<object> Values { get; } = [];

        public string Add(object value)
        {
            Values.Add(value);
            return "{" + (Values.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        }
    }
}

/// <summary>A batch of reports: ids from <see cref="From"/> up, their sections' ids from <see cref="Low"/> to <see cref="High"/> (null without sections).</summary>
public sealed class ReportBatch
{
    public int? From { get; init; }

    public int? Low { get; init; }

    public int? High { get; init; }
}
