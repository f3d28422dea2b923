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

        // Folded texts are words separated by single spaces, so a term is counted by searching its words as one
        // string and checking the word boundaries (vectorised searches, no split into words): with hundreds of
        // candidates of ~100 words this is what the ranking costs.
        var terms = query.Include;
        var counts = new int[terms.Count][];
        for (var t = 0; t < terms.Count; t++)
        {
            counts[t] = new int[folded.Count];
        }

        var phrases = terms.Select(t => string.Join(' ', t.Tokens)).ToList();
        var lengths = new int[folded.Count];
        for (var d = 0; d < folded.Count; d++)
        {
            var text = folded[d];
            lengths[d] = text.Length == 0 ? 0 : text.AsSpan().Count(' ') + 1;
            for (var t = 0; t < terms.Count; t++)
            {
                counts[t][d] = Occurrences(text, phrases[t], terms[t]);
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

    /// <summary>Words equal to the term's citation token, plus places where its words stand in a row (the last one as a prefix when the term is one).</summary>
    private static int Occurrences(string text, string phrase, SearchTerm term)
    {
        var count = 0;
        if (term.Citation is { } citation)
        {
            count += Count(text, citation, wholeLastWord: true, skip: null);
        }

        return phrase.Length == 0 ? count : count + Count(text, phrase, wholeLastWord: !term.Prefix, skip: term.Citation);
    }

    /// <summary>How many times the words of <paramref name="needle"/> start at a word of the text (and end at one unless the last is a prefix), not counting a word equal to <paramref name="skip"/>.</summary>
    private static int Count(string text, string needle, bool wholeLastWord, string? skip)
    {
        var count = 0;
        var from = 0;
        while (from <= text.Length - needle.Length)
        {
            var at = text.AsSpan(from).IndexOf(needle, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            at += from;
            var end = at + needle.Length;
            if ((at == 0 || text[at - 1] == ' ')
                && (!wholeLastWord || end == text.Length || text[end] == ' ')
                && (skip is null || !IsWordAt(text, at, skip)))
            {
                count++;
            }

            from = at + 1;
        }

        return count;
    }

    private static bool IsWordAt(string text, int at, string word) =>
        text.AsSpan(at).StartsWith(word, StringComparison.Ordinal) && (at + word.Length == text.Length || text[at + word.Length] == ' ');
}
