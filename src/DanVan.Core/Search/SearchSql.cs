using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Search;

/// <summary>A matching section before it is ranked, paged and shown.</summary>
public sealed class SearchCandidate
{
    public int SectionId { get; init; }

    public int ReportId { get; init; }

    public int UnitId { get; init; }

    public required string Period { get; init; }

    /// <summary>The indexed words, for <see cref="Relevance"/>.</summary>
    public required string Folded { get; init; }
}

/// <summary>What narrows a search, already resolved to ids and codes; null means "no restriction".</summary>
public sealed record SearchFilter(
    IReadOnlyCollection<int>? UnitIds,
    IReadOnlyCollection<string>? Periods,
    int? PlanId,
    string? SectionKey,
    string? Status);

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
        var args = new List<object>();
        string Arg(object value)
        {
            args.Add(value);
            return "{" + (args.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        }

        string from, rowid, match, folded;
        if (likeScan)
        {
            from = "\"SectionSearch\" AS x";
            rowid = "x.\"SectionId\"";
            match = string.Join(" AND ", query.LikePatterns().Select(p => $"x.\"Folded\" LIKE {Arg(p)}"));
            folded = "x.\"Folded\"";
        }
        else if (postgres)
        {
            var tsquery = Arg(query.ToTsQuery());
            from = "\"SectionSearch\" AS x";
            rowid = "x.\"SectionId\"";
            // ts_match_vq is @@ as a function, which no index serves: for common words the planner then walks the newest sections.
            match = common && !narrow
                ? $"ts_match_vq(x.\"Vector\", to_tsquery('simple', {tsquery}))"
                : $"x.\"Vector\" @@ to_tsquery('simple', {tsquery})";
            folded = "x.\"Folded\"";
        }
        else
        {
            from = "\"SectionSearchFts\"";
            rowid = "\"SectionSearchFts\".rowid";
            match = $"\"SectionSearchFts\" MATCH {Arg(query.ToFts5())}";
            folded = "\"SectionSearchFts\".\"Folded\"";
        }

        // On the index row's own id, so the walk starts at that point of the primary key.
        if (after is { } low)
        {
            match += $" AND {rowid} > {Arg(low)}";
        }

        if (upTo is { } high)
        {
            match += $" AND {rowid} <= {Arg(high)}";
        }

        // The filters, on r (Reports) and s (ReportSections).
        var where = new List<string>();
        if (filter.UnitIds is { } units)
        {
            where.Add(postgres
                ? $"r.\"UnitId\" = ANY({Arg(units.ToArray())})"
                : $"r.\"UnitId\" IN (SELECT value FROM json_each({Arg(JsonSerializer.Serialize(units))}))");
        }

        if (filter.Periods is { } periods)
        {
            where.Add(postgres
                ? $"r.\"Period\" = ANY({Arg(periods.ToArray())})"
                : $"r.\"Period\" IN (SELECT value FROM json_each({Arg(JsonSerializer.Serialize(periods))}))");
        }

        if (filter.PlanId is { } plan)
        {
            where.Add($"r.\"PlanId\" = {Arg(plan)}");
        }

        if (filter.SectionKey is { } key)
        {
            // The section and the items under it: "I" also finds "I.1" … "I.8".
            var under = key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + ".%";
            where.Add($"(s.\"Key\" = {Arg(key)} OR s.\"Key\" LIKE {Arg(under)} ESCAPE '\\')");
        }

        if (filter.Status is { } status)
        {
            where.Add($"r.\"Status\" = {Arg(status)}");
        }

        var filters = string.Join(" AND ", where.DefaultIfEmpty("1 = 1"));
        var sql = narrow
            ? $"""
                WITH scope AS MATERIALIZED (
                    SELECT s."Id" AS "SectionId", s."ReportId" AS "ReportId", r."UnitId" AS "UnitId", r."Period" AS "Period"
                    FROM "Reports" AS r JOIN "ReportSections" AS s ON s."ReportId" = r."Id"
                    WHERE {filters})
                SELECT scope."SectionId", scope."ReportId", scope."UnitId", scope."Period", {folded} AS "Folded"
                FROM scope CROSS JOIN {from}
                WHERE {rowid} = scope."SectionId" AND {match}
                ORDER BY scope."SectionId" DESC
                LIMIT {Arg(limit)}
                """
            : $"""
                SELECT s."Id" AS "SectionId", s."ReportId" AS "ReportId", r."UnitId" AS "UnitId", r."Period" AS "Period", {folded} AS "Folded"
                FROM {from}
                JOIN "ReportSections" AS s ON s."Id" = {rowid}
                JOIN "Reports" AS r ON r."Id" = s."ReportId"
                WHERE {match} AND {filters}
                ORDER BY {rowid} DESC
                LIMIT {Arg(limit)}
                """;
        return db.Database.SqlQueryRaw<SearchCandidate>(sql, [.. args]).ToListAsync(ct);
    }
}
