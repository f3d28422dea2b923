using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DanVan.Core.Search;

/// <summary>A piece of a snippet: text as written, and whether it is a word searched for.</summary>
public sealed record SnippetPart(string Text, bool Hit);

/// <summary>
/// The passage of a section that best shows why it matched, cut from the text as written (not the folded index)
/// so users read their own diacritics, with the matched words marked.
/// </summary>
public static class Snippet
{
    public const int Words = 32;

    // Vietnamese letters stay readable in the markup; only what HTML needs escaped is.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IReadOnlyList<SnippetPart> Build(string text, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(query);
        var words = SearchText.WordSpans(text).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var terms = words.Select(w => query.TermOf(SearchText.FoldWord(text.Substring(w.Start, w.Length)))).ToArray();
        var hits = terms.Select(t => t >= 0).ToArray();

        // The window of words holding the most different terms searched for, then the most hits; the first on a tie.
        var perTerm = new int[query.Include.Count];
        var best = 0;
        var bestScore = -1;
        var distinct = 0;
        var count = 0;
        for (var i = 0; i < words.Count; i++)
        {
            Count(i, +1);
            if (i >= Words)
            {
                Count(i - Words, -1);
            }

            var score = (distinct * 1000) + count;
            if (score > bestScore)
            {
                bestScore = score;
                best = Math.Max(0, i - Words + 1);
            }
        }

        // Start a little before the first hit in the window, as long as its last hit stays in.
        var span = Math.Min(Words, words.Count - best);
        var firstHit = Array.FindIndex(hits, best, span, h => h);
        var lastHit = Array.FindLastIndex(hits, best + span - 1, span, h => h);
        var from = firstHit < 0 ? best : Math.Max(0, Math.Max(lastHit - Words + 1, Math.Min(firstHit - 6, words.Count - Words)));
        var to = Math.Min(words.Count, from + Words) - 1;

        var parts = new List<SnippetPart>();
        if (from > 0)
        {
            parts.Add(new SnippetPart("…", false));
        }

        var position = words[from].Start;
        for (var i = from; i <= to; i++)
        {
            if (words[i].Start > position)
            {
                parts.Add(new SnippetPart(Flatten(text[position..words[i].Start]), false));
            }

            parts.Add(new SnippetPart(text.Substring(words[i].Start, words[i].Length), hits[i]));
            position = words[i].Start + words[i].Length;
        }

        if (to < words.Count - 1)
        {
            parts.Add(new SnippetPart(" …", false));
        }

        return Merge(parts);

        void Count(int word, int delta)
        {
            if (terms[word] < 0)
            {
                return;
            }

            count += delta;
            perTerm[terms[word]] += delta;
            if ((delta > 0 && perTerm[terms[word]] == 1) || (delta < 0 && perTerm[terms[word]] == 0))
            {
                distinct += delta;
            }
        }
    }

    public static string ToText(IEnumerable<SnippetPart> parts) => string.Concat(parts.Select(p => p.Text));

    /// <summary>Escaped text with the hits in &lt;mark&gt;: nothing from the report reaches the page unescaped.</summary>
    public static string ToHtml(IEnumerable<SnippetPart> parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            var encoded = Encoder.Encode(part.Text);
            sb.Append(part.Hit ? $"<mark>{encoded}</mark>" : encoded);
        }

        return sb.ToString();
    }

    private static string Flatten(string between) => between.Contains('\n', StringComparison.Ordinal) ? between.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ') : between;

    /// <summary>Neighbouring plain pieces joined, so a page renders a handful of nodes rather than one per word.</summary>
    private static List<SnippetPart> Merge(List<SnippetPart> parts)
    {
        var merged = new List<SnippetPart>(parts.Count);
        foreach (var part in parts)
        {
            if (merged.Count > 0 && !part.Hit && !merged[^1].Hit)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + part.Text };
            }
            else
            {
                merged.Add(part);
            }
        }

        return merged;
    }
}
