using System.Globalization;
using System.Text;
using DanVan.Core.Citations;
using DanVan.Core.Text;

namespace DanVan.Core.Search;

/// <summary>
/// What the full-text index holds for a section: its words folded ("Đảng ủy" → "dang uy") and separated by single
/// spaces, then one token per cited legal document. Both engines' tokenizers then see the same plain words, so
/// SQLite's FTS5 and PostgreSQL's <c>to_tsvector('simple', …)</c> agree on every token.
/// </summary>
public static class SearchText
{
    /// <summary>Prefix of a cited document's token: it can never be a folded word, as words never hold hex after "cit".</summary>
    public const string CitationPrefix = "cit";

    /// <summary>PostgreSQL drops lexemes longer than 2047 bytes; nobody searches for such a "word" anyway.</summary>
    public const int MaxTokenLength = 200;

    public static string ForIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 16);
        foreach (var token in Tokens(text))
        {
            Append(sb, token);
        }

        foreach (var number in CitationParser.Find(text, null, LegalRegistry.Default).Select(c => c.Number).Distinct(StringComparer.Ordinal))
        {
            Append(sb, CitationToken(number));
        }

        return sb.ToString();
    }

    /// <summary>The folded words of a text: runs of letters and digits, lower case, without marks, "đ" as "d".</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (start, length) in WordSpans(text))
        {
            foreach (var token in FoldWord(text.Substring(start, length)))
            {
                yield return token;
            }
        }
    }

    /// <summary>Where the words of a text are: runs of letters, digits and combining marks (NFD input keeps its marks inside the word).</summary>
    public static IEnumerable<(int Start, int Length)> WordSpans(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>One written word folded; usually one token, several when folding leaves something that is not a letter or digit.</summary>
    public static IEnumerable<string> FoldWord(string word)
    {
        var folded = VietnameseText.Fold(word);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0)
            {
                yield return Cut(sb.ToString());
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            yield return Cut(sb.ToString());
        }
    }

    /// <summary>The token of a cited document, the same however the number was written ("33 / CT - TTg", "33/ct-ttg").</summary>
    public static string CitationToken(string number)
    {
        var folded = VietnameseText.Fold(CitationParser.NormaliseNumber(number));
        return CitationPrefix + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(folded));
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static string Cut(string token) => token.Length > MaxTokenLength ? token[..MaxTokenLength] : token;

    private static void Append(StringBuilder sb, string token)
    {
        if (sb.Length > 0)
        {
            sb.Append(' ');
        }

        sb.Append(token);
    }
}
