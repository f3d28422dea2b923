using System.Text;
using System.Text.RegularExpressions;
using DanVan.Core.Text;

namespace DanVan.Core.Search;

/// <summary>
/// One thing to look for: a word or a phrase of folded tokens (the last token possibly a prefix), or a cited
/// document, matched by its citation token or, as written, by its words in a row.
/// </summary>
public sealed record SearchTerm(IReadOnlyList<string> Tokens, bool Prefix = false, string? Citation = null);

/// <summary>
/// A search box's text parsed into terms: words are ANDed, "quoted phrases" match words in a row, the last word
/// also matches as a prefix, -word and -"phrase" exclude, "33/CT-TTg" finds a cited document. Anything else is
/// read as plain words: unbalanced quotes, operators and punctuation never reach an engine, which only ever sees
/// the match expression built here from letters and digits (and always as a parameter).
/// </summary>
public sealed partial class SearchQuery
{
    /// <summary>Longer input is cut: no real query is longer, and junk must not cost more than a real query.</summary>
    public const int MaxLength = 500;

    public const int MaxTerms = 12;

    private const string Quotes = "\"“”„«»";

    private SearchQuery(IReadOnlyList<SearchTerm> include, IReadOnlyList<SearchTerm> exclude)
    {
        Include = include;
        Exclude = exclude;
    }

    public IReadOnlyList<SearchTerm> Include { get; }

    public IReadOnlyList<SearchTerm> Exclude { get; }

    /// <summary>Nothing to look for (empty input, only punctuation, or only exclusions).</summary>
    public bool IsEmpty => Include.Count == 0;

    public static SearchQuery Parse(string? text)
    {
        var input = VietnameseText.Nfc(VietnameseText.WithoutInvalidCharacters(text ?? ""));
        if (input.Length > MaxLength)
        {
            input = input[..MaxLength];
        }

        // An odd number of quotes is a typo, not a phrase: read every word as a word.
        var quoteCount = input.Count(c => Quotes.Contains(c, StringComparison.Ordinal));
        if (quoteCount % 2 == 1)
        {
            input = new string(input.Select(c => Quotes.Contains(c, StringComparison.Ordinal) ? ' ' : c).ToArray());
        }

        var include = new List<SearchTerm>();
        var exclude = new List<SearchTerm>();
        var lastWordIndex = -1;
        var i = 0;
        while (i < input.Length && include.Count + exclude.Count < MaxTerms)
        {
            if (char.IsWhiteSpace(input[i]))
            {
                i++;
                continue;
            }

            var negated = input[i] == '-' && i + 1 < input.Length && !char.IsWhiteSpace(input[i + 1]);
            if (negated)
            {
                i++;
            }

            SearchTerm? term;
            var quoted = false;
            if (Quotes.Contains(input[i], StringComparison.Ordinal))
            {
                var end = input.IndexOfAny(Quotes.ToCharArray(), i + 1);
                term = Words(input[(i + 1)..end]);
                quoted = true;
                i = end + 1;
            }
            else if (CitationPattern().Match(input, i) is { Success: true } citation)
            {
                term = new SearchTerm(SearchText.Tokens(citation.Value).ToList(), Citation: SearchText.CitationToken(citation.Value));
                i += citation.Length;
            }
            else
            {
                var end = i;
                while (end < input.Length && !char.IsWhiteSpace(input[end]) && !Quotes.Contains(input[end], StringComparison.Ordinal))
                {
                    end++;
                }

                term = Words(input[i..end]);
                i = end;
            }

            if (term is null)
            {
                continue;
            }

            if (negated)
            {
                exclude.Add(term);
            }
            else
            {
                if (!quoted && term.Citation is null)
                {
                    lastWordIndex = include.Count;
                }
                else if (lastWordIndex == include.Count - 1)
                {
                    lastWordIndex = -1;
                }

                include.Add(term);
            }
        }

        // Prefix matching for the word being typed; a single letter would expand to half the dictionary.
        if (lastWordIndex >= 0 && lastWordIndex == include.Count - 1 && include[lastWordIndex].Tokens[^1].Length >= 2)
        {
            include[lastWordIndex] = include[lastWordIndex] with { Prefix = true };
        }

        return new SearchQuery(include, exclude);
    }

    /// <summary>The FTS5 MATCH expression: every token double-quoted, so FTS5 reads nothing in it as syntax.</summary>
    public string ToFts5()
    {
        var sb = new StringBuilder();
        sb.Append('(').AppendJoin(" AND ", Include.Select(Fts5)).Append(')');
        if (Exclude.Count > 0)
        {
            sb.Append(" NOT (").AppendJoin(" OR ", Exclude.Select(Fts5)).Append(')');
        }

        return sb.ToString();

        static string Fts5(SearchTerm t)
        {
            var phrase = "\"" + string.Join(' ', t.Tokens) + "\"" + (t.Prefix ? " *" : "");
            return t.Citation is null ? phrase : $"(\"{t.Citation}\" OR {phrase})";
        }
    }

    /// <summary>The PostgreSQL tsquery text for <c>to_tsquery('simple', …)</c>: quoted lexemes, &lt;-&gt; for phrases, :* for the prefix.</summary>
    public string ToTsQuery()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(" & ", Include.Select(TsQuery));
        if (Exclude.Count > 0)
        {
            sb.Append(" & !(").AppendJoin(" | ", Exclude.Select(TsQuery)).Append(')');
        }

        return sb.ToString();

        static string TsQuery(SearchTerm t)
        {
            var phrase = "(" + string.Join(" <-> ", t.Tokens.Select(k => $"'{k}'")) + (t.Prefix ? ":*" : "") + ")";
            return t.Citation is null ? phrase : $"('{t.Citation}' | {phrase})";
        }
    }

    /// <summary>The same search as a plain scan of the folded column, for the benchmark's LIKE baseline.</summary>
    public IReadOnlyList<string> LikePatterns() =>
        Include.Select(t => "%" + string.Join(' ', t.Tokens) + "%").ToList();

    /// <summary>Which included term a written word (as its folded tokens) matches, to highlight it; -1 for none.</summary>
    public int TermOf(IEnumerable<string> tokens)
    {
        foreach (var token in tokens)
        {
            for (var i = 0; i < Include.Count; i++)
            {
                var t = Include[i];
                if (t.Tokens.Contains(token, StringComparer.Ordinal) || (t.Prefix && token.StartsWith(t.Tokens[^1], StringComparison.Ordinal)))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static SearchTerm? Words(string raw)
    {
        var tokens = SearchText.Tokens(raw).ToList();
        return tokens.Count == 0 ? null : new SearchTerm(tokens);
    }

    // A document number as typed in the box: "33/CT-TTg", "10/2022/QH15", "217-QĐ/TW", "33 / CT - TTg".
    [GeneratedRegex(@"\G\d{1,5}\p{Ll}?(?:\s?[/\-\u2010-\u2013]\s?(?:(?:19|20)\d{2}\s?/\s?)?\p{L}[\p{L}\p{M}\d&]*)+(?=$|[\s""“”„«»])")]
    private static partial Regex CitationPattern();
}
