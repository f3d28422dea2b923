using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Search;

/// <summary>
/// How common the words of a query are, from PostgreSQL's own statistics of the tsvector column. The planner
/// multiplies the words' frequencies as if they were independent, so for words that go together ("đơn thư khiếu
/// nại") it expects few matches, fetches them all through the GIN index and sorts them: seconds when they are in
/// every tenth section. Assuming they always go together (the rarest word's frequency) tells which plan is right.
/// </summary>
public static class PostgresStatistics
{
    /// <summary>Above this share of sections, walking the newest sections finds a page of matches sooner than the index.</summary>
    public const double CommonShare = 0.005;

    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);

    private static readonly Lock Gate = new();

    private static (DateTime At, IReadOnlyDictionary<string, double> Frequencies)? _cached;

    public static async Task<bool> IsCommonAsync(DanVanDbContext db, SearchQuery query, CancellationToken ct)
    {
        var frequencies = await FrequenciesAsync(db, ct);
        var share = query.Include.Min(t => Math.Max(Share(t.Tokens, t.Prefix), t.Citation is null ? 0 : Share([t.Citation], false)));
        return share >= CommonShare;

        double Share(IReadOnlyList<string> tokens, bool prefix) => tokens.Select((token, i) => prefix && i == tokens.Count - 1
                ? frequencies.Where(kv => kv.Key.StartsWith(token, StringComparison.Ordinal)).Select(kv => kv.Value).DefaultIfEmpty(0).Max()
                : frequencies.GetValueOrDefault(token))
            .Min();
    }

    private static async Task<IReadOnlyDictionary<string, double>> FrequenciesAsync(DanVanDbContext db, CancellationToken ct)
    {
        lock (Gate)
        {
            if (_cached is { } c && DateTime.UtcNow - c.At < Refresh)
            {
                return c.Frequencies;
            }
        }

        var rows = await db.Database.SqlQueryRaw<ElementStatistics>("""
            SELECT most_common_elems::text::text[] AS "Elements", most_common_elem_freqs AS "Frequencies"
            FROM pg_stats WHERE tablename = 'SectionSearch' AND attname = 'Vector'
            """).ToListAsync(ct);
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Elements.Length && i < row.Frequencies.Length; i++)
            {
                map[row.Elements[i]] = row.Frequencies[i];
            }
        }

        lock (Gate)
        {
            _cached = (DateTime.UtcNow, map);
        }

        return map;
    }

    private sealed class ElementStatistics
    {
        public string[] Elements { get; init; } = [];

        public float[] Frequencies { get; init; } = [];
    }
}
