using System.Globalization;
using System.Text;

namespace DanVan.Core.Text;

/// <summary>Normalising Unicode Vietnamese text for storage, comparison and search.</summary>
public static class VietnameseText
{
    /// <summary>
    /// Composes decomposed input ("e" + U+0323 + U+0302, as some Mac and Windows-1258 tools write it) into
    /// precomposed letters ("ệ"), so equal words compare equal.
    /// </summary>
    public static string Nfc(string s)
    {
        ArgumentNullException.ThrowIfNull(s);

        // Already-composed text (nearly all of it) is returned as is: ICU normalisation is the importer's biggest cost.
        return NeedsComposition(s) ? s.Normalize(NormalizationForm.FormC) : s;
    }

    /// <summary>True when the text holds a combining mark (or another character NFC may change), so composing can change it.</summary>
    private static bool NeedsComposition(string s)
    {
        foreach (var c in s)
        {
            // Combining marks, other scripts (Greek, Cyrillic, Hangul…), combining marks for symbols, the Ohm/Kelvin/
            // Ångström singletons and everything from U+3000 up; Vietnamese precomposed letters are outside all of these.
            if (c is (>= '\u0300' and <= '\u1DFF') or (>= '\u1F00' and <= '\u1FFF') or (>= '\u20D0' and <= '\u20FF') or '\u2126' or '\u212A' or '\u212B' or >= '\u3000')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A search key: lower case without tone marks or diacritics, "đ" as "d" ("Đảng ủy" → "dang uy").</summary>
    public static string Fold(string s)
    {
        ArgumentNullException.ThrowIfNull(s);

        // Fast path for the common case, composed Latin/Vietnamese text: one table lookup per character.
        if (!NeedsComposition(s))
        {
            var fast = new StringBuilder(s.Length);
            foreach (var c in s)
            {
                fast.Append(c < FoldTable.Length ? FoldTable[c] : char.ToLowerInvariant(c));
            }

            return fast.ToString();
        }

        return FoldSlow(s);
    }

    /// <summary>Folded form of every character below U+2000, computed once with the slow path so both agree.</summary>
    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var table = new char[0x2000];
        for (var c = 0; c < table.Length; c++)
        {
            var folded = c is >= 0xD800 and <= 0xDFFF ? ((char)c).ToString() : FoldSlow(((char)c).ToString());
            table[c] = folded.Length == 1 ? folded[0] : (char)c;
        }

        return table;
    }

    private static string FoldSlow(string s)
    {
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // "đ" has no decomposition; "Ð"/"ð" (Icelandic eth) is a common look-alike typed for "Đ".
            sb.Append(c switch
            {
                'đ' or 'Đ' or 'ð' or 'Ð' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Tidies text read from Word: no-break and other Unicode spaces become plain spaces, runs of spaces collapse to
    /// one, zero-width characters go. Line breaks and tabs are kept; nothing is trimmed, so runs can be concatenated.
    /// </summary>
    /// <remarks>
    /// U+00AD (soft hyphen) is kept on purpose: it is "ư" in TCVN3, and stripping it from text that turns out to be
    /// legacy-encoded loses letters for good. Decode legacy runs before calling this.
    /// </remarks>
    public static string CleanWordText(string s)
    {
        ArgumentNullException.ThrowIfNull(s);

        // Most paragraphs need no change: return them as they are instead of copying every one.
        var first = FirstToClean(s);
        if (first < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length).Append(s, 0, first);
        foreach (var c in s.AsSpan(first))
        {
            if (IsZeroWidth(c))
            {
                continue;
            }

            var ch = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator ? ' ' : c;
            if (ch == ' ' && sb.Length > 0 && sb[^1] == ' ')
            {
                continue;
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    /// <summary>The index of the first character <see cref="CleanWordText"/> would drop or change, or -1.</summary>
    private static int FirstToClean(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == ' '
                ? i > 0 && s[i - 1] == ' '
                : c >= '\u0080' && (IsZeroWidth(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';
}
