using System.Buffers;
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
        if (!NeedsComposition(s))
        {
            return s;
        }

        try
        {
            return s.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A noncharacter (U+FFFE) or half a surrogate pair: normalising refuses the whole text.
            return WithoutInvalidCharacters(s).Normalize(NormalizationForm.FormC);
        }
    }

    /// <summary>
    /// Text as XML 1.0 (so a .docx) and Unicode normalisation accept it: control characters other than tab and line
    /// ends, U+FFFE/U+FFFF and halves of surrogate pairs are dropped; Word's manual line and page breaks (U+000B,
    /// U+000C), which pasting brings along, become line ends.
    /// </summary>
    public static string WithoutInvalidCharacters(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (FirstForbiddenInXml(s) < 0 && s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return s;
        }

        var result = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Append(c).Append(s[++i]);
            }
            else if (c is '\v' or '\f')
            {
                result.Append('\n');
            }
            else if (!char.IsSurrogate(c) && FirstForbiddenInXml([c]) < 0)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>The first character XML 1.0 does not allow anywhere in a document (controls but tab and line ends; U+FFFE, U+FFFF), or -1.</summary>
    internal static int FirstForbiddenInXml(ReadOnlySpan<char> chars)
    {
        // Two range searches: a set search with the two non-ASCII characters is several times slower.
        var offset = 0;
        int control;
        while ((control = chars[offset..].IndexOfAnyInRange('\0', '\u001F')) >= 0 && chars[offset + control] is '\t' or '\r' or '\n')
        {
            offset += control + 1;
        }

        var end = control < 0 ? chars.Length : offset + control;
        var noncharacter = chars[..end].IndexOfAnyInRange('\uFFFE', '\uFFFF');
        return noncharacter >= 0 ? noncharacter : control < 0 ? -1 : end;
    }

    /// <summary>True when the text holds a combining mark (or another character NFC may change), so composing can change it.</summary>
    private static bool NeedsComposition(string s)
    {
        // Combining marks, other scripts (Greek, Cyrillic, Hangul…), combining marks for symbols, the Ohm/Kelvin/
        // Ångström singletons and everything from U+3000 up; Vietnamese precomposed letters are outside all of these.
        // Range searches are vectorised, unlike a loop testing each character.
        var text = s.AsSpan();
        return text.IndexOfAnyInRange('\u0300', '\u1DFF') >= 0
            || text.IndexOfAnyInRange('\u1F00', '\u1FFF') >= 0
            || text.IndexOfAnyInRange('\u20D0', '\u20FF') >= 0
            || text.IndexOfAny('\u2126', '\u212A', '\u212B') >= 0
            || text.IndexOfAnyInRange('\u3000', '\uFFFF') >= 0;
    }

    /// <summary>A search key: lower case without tone marks or diacritics, "đ" as "d" ("Đảng ủy" → "dang uy").</summary>
    public static string Fold(string s)
    {
        ArgumentNullException.ThrowIfNull(s);

        // Fast path for the common case, composed Latin/Vietnamese text: one table lookup per character.
        if (!NeedsComposition(s))
        {
            return string.Create(s.Length, s, static (folded, text) =>
            {
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    folded[i] = c < FoldTable.Length ? Folded(c) : char.ToLowerInvariant(c);
                }
            });
        }

        return FoldSlow(s);
    }

    /// <summary>
    /// Folded form of each character below U+2000, computed with the slow path so both agree. Filled as characters
    /// are met: all 8,192 up front would cost every fresh process two ICU normalisations each, and a document meets
    /// a few hundred. Concurrent fills write the same value.
    /// </summary>
    private static readonly char[] FoldTable = CreateFoldTable();

    /// <summary>Never a folded form of a character below U+2000.</summary>
    private const char NotFolded = '\uFFFF';

    private static char[] CreateFoldTable()
    {
        // A loop, not Array.Fill: its vectorised code is compiled afresh in every process.
        var table = new char[0x2000];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = NotFolded;
        }

        return table;
    }

    private static char Folded(char c)
    {
        var known = FoldTable[c];
        if (known != NotFolded)
        {
            return known;
        }

        var folded = c is >= '\uD800' and <= '\uDFFF' ? c.ToString() : FoldSlow(c.ToString());
        return FoldTable[c] = folded.Length == 1 ? folded[0] : c;
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

    /// <summary>
    /// Each run of white space (<see cref="char.IsWhiteSpace(char)"/>) as one space, none at either end: a type word
    /// or an issuer as it reads, whatever spacing and line breaks it was typed with.
    /// </summary>
    internal static string CollapseWhiteSpace(string s)
    {
        // Usually already single-spaced: only then is it split and joined, which was most of a type-word lookup's cost.
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsWhiteSpace(s[i]) && (s[i] != ' ' || i == 0 || i == s.Length - 1 || s[i - 1] == ' '))
            {
                return string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return s;
    }

    /// <summary>The index of the first character <see cref="CleanWordText"/> would drop or change, or -1.</summary>
    private static int FirstToClean(string s)
    {
        var text = s.AsSpan();
        var unclean = text.IndexOfAny(Unclean);
        var doubled = text.IndexOf("  ", StringComparison.Ordinal);
        return doubled >= 0 && (unclean < 0 || doubled + 1 < unclean) ? doubled + 1 : unclean;
    }

    /// <summary>
    /// The characters <see cref="CleanWordText"/> drops or turns into a space besides a repeated space: Unicode's space
    /// separators (U+0020 aside) and the zero-width characters. Searched for in one vectorised pass instead of looking
    /// up the category of every letter; a test checks the list against the runtime's character data.
    /// </summary>
    internal static readonly SearchValues<char> Unclean = SearchValues.Create(
        "\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u200C\u200D\u202F\u205F\u2060\u3000\uFEFF");

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';
}
