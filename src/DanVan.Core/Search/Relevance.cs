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
        var scores = new double[folded.Count];
        if (folded.Count == 0)
        {
            return scores;
        }

        // Each text is split once, into word ranges rather than strings: a thousand candidates hold ~100,000 words,
        // and allocating them cost as much as the query that fetched the candidates.
        var terms = query.Include;
        var counts = new int[terms.Count][];
        for (var t = 0; t < terms.Count; t++)
        {
            counts[t] = new int[folded.Count];
        }

        var lengths = new int[folded.Count];
        var words = new List<Range>();
        for (var d = 0; d < folded.Count; d++)
        {
            var text = folded[d];
            words.Clear();
            foreach (var range in text.AsSpan().Split(' '))
            {
                if (range.Start.Value != range.End.Value)
                {
                    words.Add(range);
                }
            }

            lengths[d] = words.Count;
            for (var t = 0; t < terms.Count; t++)
            {
                counts[t][d] = Occurrences(text, words, terms[t]);
            }
        }

        var average = Math.Max(1, lengths.Average());
        for (var t = 0; t < terms.Count; t++)
        {
            var holding = counts[t].Count(c => c > 0);
            var idf = Math.Log(1 + ((folded.Count - holding + 0.5) / (holding + 0.5)));
            for (var i = 0; i < folded.Count; i++)
            {
                var tf = counts[t][i];
                scores[i] += idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * lengths[i] / average))));
            }
        }

        return scores;
    }

    private static int Occurrences(string text, List<Range> words, SearchTerm term)
    {
        var count = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (term.Citation is not null && text.AsSpan(words[i]).SequenceEqual(term.Citation))
            {
                count++;
                continue;
            }

            if (i + term.Tokens.Count > words.Count)
            {
                continue;
            }

            var match = true;
            for (var j = 0; j < term.Tokens.Count && match; j++)
            {
                var word = text.AsSpan(words[i + j]);
                var last = j == term.Tokens.Count - 1;
                match = term.Prefix && last ? word.StartsWith(term.Tokens[j], StringComparison.Ordinal) : word.SequenceEqual(term.Tokens[j]);
            }

            count += match ? 1 : 0;
        }

        return count;
    }
}
