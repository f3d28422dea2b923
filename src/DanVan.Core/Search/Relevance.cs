namespace DanVan.Core.Search;

/// <summary>
/// BM25 over the candidate sections, computed by the app from their folded words, so both engines rank alike. FTS5's
/// own bm25() first counts, for every word, all the sections in the table that hold it: for the common words of
/// these reports that alone costs more than the whole search.
/// </summary>
public static class Relevance
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    public static double[] Score(IReadOnlyList<string> folded, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(folded);
        ArgumentNullException.ThrowIfNull(query);
        var docs = folded.Select(f => f.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var scores = new double[docs.Count];
        if (docs.Count == 0)
        {
            return scores;
        }

        var average = Math.Max(1, docs.Average(d => d.Length));
        foreach (var term in query.Include)
        {
            var counts = docs.Select(d => Occurrences(d, term)).ToArray();
            var holding = counts.Count(c => c > 0);
            var idf = Math.Log(1 + ((docs.Count - holding + 0.5) / (holding + 0.5)));
            for (var i = 0; i < docs.Count; i++)
            {
                var tf = counts[i];
                scores[i] += idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * docs[i].Length / average))));
            }
        }

        return scores;
    }

    private static int Occurrences(string[] words, SearchTerm term)
    {
        var count = 0;
        for (var i = 0; i < words.Length; i++)
        {
            if (term.Citation is not null && words[i] == term.Citation)
            {
                count++;
                continue;
            }

            if (i + term.Tokens.Count > words.Length)
            {
                continue;
            }

            var match = true;
            for (var j = 0; j < term.Tokens.Count && match; j++)
            {
                var last = j == term.Tokens.Count - 1;
                match = term.Prefix && last ? words[i + j].StartsWith(term.Tokens[j], StringComparison.Ordinal) : words[i + j] == term.Tokens[j];
            }

            count += match ? 1 : 0;
        }

        return count;
    }
}
