using System.Text;

namespace DanVan.Core.Text;

/// <summary>The 8-bit font encodings Vietnamese documents were typed in before Unicode.</summary>
public enum LegacyEncoding
{
    /// <summary>TCVN 5712:1993 VN3 ("ABC"), the ".Vn…" fonts: one byte per letter.</summary>
    Tcvn3,

    /// <summary>VNI-Windows, the "VNI-…" fonts: a base letter followed by a mark byte.</summary>
    Vni,
}

/// <summary>
/// Converts text that Word stored in a legacy Vietnamese font to Unicode. Such a run holds the font's bytes as
/// Windows-1252 characters, so "Công tác" typed in .VnTime arrives as "C«ng t¸c".
/// </summary>
public static class LegacyVietnamese
{
    /// <summary>The encoding a font name implies (".VnTime" → TCVN3, "VNI-Times" → VNI), or null for other fonts.</summary>
    public static LegacyEncoding? EncodingOfFont(string? fontName)
    {
        var name = fontName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (name.StartsWith(".vn", StringComparison.OrdinalIgnoreCase))
        {
            return LegacyEncoding.Tcvn3;
        }

        return name.StartsWith("vni-", StringComparison.OrdinalIgnoreCase) ? LegacyEncoding.Vni : null;
    }

    /// <summary>
    /// True for the TCVN3 all-capitals fonts (".VnTimeH", ".VnArialH"…): VN3 has no toned capitals, so these fonts
    /// draw capitals at the lower-case positions.
    /// </summary>
    public static bool IsCapitalFont(string? fontName) =>
        EncodingOfFont(fontName) == LegacyEncoding.Tcvn3
        && fontName!.Trim().EndsWith("h", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Converts the text of a run in a legacy font to Unicode NFC. Bytes that are not letters of the encoding keep
    /// their Windows-1252 meaning; characters that cannot come from a byte pass through unchanged.
    /// </summary>
    /// <param name="capitalFont">The run is in an all-capitals font (see <see cref="IsCapitalFont"/>).</param>
    public static string Decode(string text, LegacyEncoding encoding, bool capitalFont = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decoded = encoding == LegacyEncoding.Vni ? DecodeVni(text, capitalFont) : DecodeTcvn3(text, capitalFont);
        return decoded.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Guesses whether text without font information is TCVN3 or VNI mojibake (for warnings). Null for Unicode
    /// Vietnamese, other languages, and text too short to tell.
    /// </summary>
    public static LegacyEncoding? Guess(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int tcvnSymbols = 0, tcvnLetters = 0, vniTones = 0, vniOthers = 0, unicodeLetters = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnicodeVietnamese(c))
            {
                unicodeLetters++;
                continue;
            }

            var b = LegacyTables.ToByte(c);
            if (b < 0x80)
            {
                continue;
            }

            var previous = i > 0 ? text[i - 1] : ' ';
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            if (LegacyTables.Tcvn3Letter(b) != '\0' && (IsWordChar(previous) || IsWordChar(next)))
            {
                // "«", "¸", "©"… inside a word are TCVN3's ô, á, â; Western text has them only as symbols.
                if (b < 0xC0)
                {
                    tcvnSymbols++;
                }
                else
                {
                    tcvnLetters++;
                }
            }

            if (LegacyTables.VniMarkOf(b) is { } mark && mark.Fits(LegacyTables.VniAccepts(VniBase(previous))))
            {
                // A plain tone byte after a vowel ("aù", "oø") never occurs in Unicode Vietnamese or Western text;
                // circumflex forms do ("hoà", "khoá"), so they only add weight.
                if (mark.Kind == VniMarkKind.Tone)
                {
                    vniTones++;
                }
                else
                {
                    vniOthers++;
                }
            }
            else if (b is 0xF1 or 0xD1 && !IsWordChar(previous) && char.IsAsciiLetter(next))
            {
                vniOthers++;
            }
        }

        var tcvnScore = tcvnSymbols == 0 ? 0 : (2 * tcvnSymbols) + tcvnLetters;
        var vniScore = vniTones == 0 ? 0 : (2 * vniTones) + vniOthers;
        var best = Math.Max(tcvnScore, vniScore);
        if (best < 3 || best <= unicodeLetters || tcvnScore == vniScore)
        {
            return null;
        }

        return tcvnScore > vniScore ? LegacyEncoding.Tcvn3 : LegacyEncoding.Vni;
    }

    private static string DecodeTcvn3(string text, bool capitalFont)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var b = LegacyTables.ToByte(c);
            if (b < 0)
            {
                sb.Append(c);
                continue;
            }

            var letter = LegacyTables.Tcvn3Letter(b);
            var decoded = letter != '\0' ? letter : LegacyTables.Cp1252(b);
            sb.Append(capitalFont ? char.ToUpperInvariant(decoded) : decoded);
        }

        return sb.ToString();
    }

    private static string DecodeVni(string text, bool capitalFont)
    {
        var sb = new StringBuilder(text.Length);
        var accepts = VniMarkKind.None;
        foreach (var c in text)
        {
            var b = LegacyTables.ToByte(c);
            if (b < 0)
            {
                sb.Append(c);
                accepts = VniMarkKind.None;
                continue;
            }

            // A mark byte belongs to the base letter just before it; marks can stack only as circumflex/breve + tone.
            if (LegacyTables.VniMarkOf(b) is { } mark && mark.Fits(accepts))
            {
                sb.Append(mark.Combining);
                accepts = mark.Leaves;
                continue;
            }

            var letter = LegacyTables.VniLetter(b);
            var decoded = letter != '\0' ? letter : LegacyTables.Cp1252(b);
            sb.Append(capitalFont ? char.ToUpperInvariant(decoded) : decoded);
            accepts = LegacyTables.VniAccepts(decoded);
        }

        return sb.ToString();
    }

    private static char VniBase(char c)
    {
        var b = LegacyTables.ToByte(c);
        return b < 0 ? '\0' : LegacyTables.VniLetter(b) is var letter && letter != '\0' ? letter : (char)b;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetter(c) || c == '\u00AD' || (LegacyTables.ToByte(c) is var b && b >= 0 && LegacyTables.Tcvn3Letter(b) != '\0');

    /// <summary>Vietnamese letters and tone marks that only Unicode text contains (outside Latin-1).</summary>
    private static bool IsUnicodeVietnamese(char c) =>
        c is '\u0102' or '\u0103' or '\u0110' or '\u0111' or '\u0128' or '\u0129' or '\u0168' or '\u0169'
            or '\u01A0' or '\u01A1' or '\u01AF' or '\u01B0' or '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323'
            or (>= '\u1EA0' and <= '\u1EF9');
}
