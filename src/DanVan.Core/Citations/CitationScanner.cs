using System.Globalization;

namespace DanVan.Core.Citations;

/// <summary>A type word and/or "số" before a number: <see cref="Start"/> is -1 when there is none, <see cref="TypeStart"/> is -1 when there is only "số".</summary>
internal readonly record struct PrefixMatch(int Start, int TypeStart, int TypeEnd, bool So)
{
    public static PrefixMatch None { get; } = new(-1, -1, -1, false);

    public bool Success => Start >= 0;
}

/// <summary>The date and issuer after a number, ending at <see cref="End"/>; a missing part has start -1.</summary>
internal readonly record struct SuffixMatch(int End, int DateStart, int DateEnd, int IssuerStart, int IssuerEnd);

/// <summary>
/// Hand-written matchers for the parts of <see cref="CitationParser"/>'s grammar that run at every number: the
/// number/symbol, the type word or "số" before it, the date and issuer after it. They were regular expressions, and
/// each method still matches exactly what the expression quoted above it matches, taking the same one of several
/// possible matches as the regex engine's backtracking order does; the comments say why a loop may take all it can.
/// Scanning by hand avoids what the regex engine costs per match (Match objects, capture bookkeeping, the slow
/// right-to-left engine). Positions are in the NFC text.
/// </summary>
/// <remarks>
/// <para>
/// The names in the comments are the parts of those expressions:
/// Space = <c>[\x20\u00A0]</c>, InlineSpace = <c>[^\S\r\n]+</c>, Dash = <c>[\-\u2010\u2011\u2013]</c>,
/// Part = <c>\p{Lu}[\p{L}\p{M}\d&amp;]*(?:(?&lt;=QH)\x20\d{1,2}(?![\d/]))?</c>,
/// Joint = <c>(?:Dash Space?|/Space?|Space(?:Dash|/)(?!\s))</c>,
/// DateText = <c>\d{1,2}\s*(?:[/.\-]|(?i:tháng))\s*\d{1,2}\s*(?:[/.\-]|(?i:năm))\s*\d{2,4}(?!\d)|\d[\d/.\-]*\d|\d</c>,
/// IssuerPart = <c>(?:InlineSpace(?i:của|giữa)InlineSpace(?&lt;issuer&gt;IssuerWord(?:InlineSpace IssuerWord){0,24}))?</c>
/// with IssuerWord = <c>(?!IssuerStop)[^\s;,.:()“”"…\[\]]+</c>.
/// </para>
/// Character classes as .NET regexes read them: \s is <see cref="char.IsWhiteSpace(char)"/>, \d
/// <see cref="char.IsDigit(char)"/>, \p{Lu} <see cref="char.IsUpper(char)"/>, [\p{L}\p{M}] the first eight
/// Unicode categories; for (?i) see <see cref="Word"/>.
/// </remarks>
internal static class CitationScanner
{
    // DocumentTypes' type words, in its order: the first phrase that fits is the one read.
    internal static readonly string[] TypeWordPhrases = [.. DocumentTypes.Phrases];

    private static readonly Word[][] TypeWords = Phrases(TypeWordPhrases);

    // DocumentTypes' abbreviations, matched case-sensitively.
    internal static readonly string[] Abbreviations = [.. DocumentTypes.Abbreviations];

    // The words that end an issuer when a whole word: "về", "V/v", "ban hành", "và các", "nhằm"…
    private static readonly Word[][] IssuerStopWords =
        Phrases("về", "v/v", "ban hành", "và các", "nhằm", "để", "đã", "trên", "tại", "theo", "cho");

    // The same by the characters their first or last letter matches, keeping their order: type words are tried at
    // every number and, with the stop words, at every word of an issuer.
    private static readonly Dictionary<char, Word[][]> TypeWordsByFirstLetter = ByLetter(TypeWords, last: false);

    private static readonly Dictionary<char, Word[][]> TypeWordsByLastLetter = ByLetter(TypeWords, last: true);

    private static readonly Dictionary<char, Word[][]> IssuerStopWordsByFirstLetter = ByLetter(IssuerStopWords, last: false);

    private static readonly Word[] BanHanh = Phrases("ban hành")[0];

    private static readonly Word So = new("số");
    private static readonly Word Ngay = new("ngày");
    private static readonly Word Thang = new("tháng");
    private static readonly Word Nam = new("năm");
    private static readonly Word Cua = new("của");
    private static readonly Word Giua = new("giữa");
    private static readonly Word Va = new("và");
    private static readonly Word Luat = new("luật");
    private static readonly Word Lenh = new("lệnh");

    /// <summary>
    /// The next number/symbol at or after <paramref name="from"/>:
    /// <c>(?:(?&lt;![\p{L}\p{M}\d/.\-])|(?&lt;=(?i:số)))\d{1,5}[a-zđ]?(?:state form|party form)</c>. The state
    /// form is 2040/KH-UBND, 34/2007/PL-UBTVQH11, 50/UBND; the Party form 217-QĐ/TW, 24-CTr/BDVTU-BCSĐUBND.
    /// </summary>
    /// <remarks>
    /// Numbers are rare in prose, so the search starts from them and looks around (a pattern starting with the type
    /// words would be tried at every letter of the paragraph).
    /// </remarks>
    public static bool FindNumber(string text, int from, bool asciiDigitsOnly, out int start, out int end)
    {
        for (var p = NextDigit(text, from, asciiDigitsOnly); p >= 0; p = NextDigit(text, p, asciiDigitsOnly))
        {
            // \d{1,5} takes the whole run of digits or fails: nothing after it accepts a digit. A start inside the
            // run fails the look-behind (a digit stands before it, not "số"), so the scan goes on after the run.
            var runEnd = p + 1;
            while (runEnd < text.Length && char.IsDigit(text[runEnd]))
            {
                runEnd++;
            }

            if (runEnd - p <= 5 && MayStartNumber(text, p))
            {
                var symbolEnd = MatchSymbol(text, runEnd);
                if (symbolEnd >= 0)
                {
                    start = p;
                    end = symbolEnd;
                    return true;
                }
            }

            p = runEnd;
        }

        start = end = -1;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="text"/> can hold no digit but 0-9, so that <see cref="FindNumber"/> may look for the
    /// next digit with a vectorised search. Other digits (Arabic-Indic, Devanagari, fullwidth…) all lie in these two
    /// ranges, which also hold symbols, private-use characters and emoji; text with any of those is searched character
    /// by character, with the same result.
    /// </summary>
    public static bool HasOnlyAsciiDigits(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0660', '\u1DFF') < 0 && text.AsSpan().IndexOfAnyInRange('\uA620', '\uFFFF') < 0;

    /// <summary>
    /// The type word and/or "số" that ends exactly at <paramref name="end"/> without reaching before
    /// <paramref name="bound"/>, as the right-to-left <c>(?&lt;![\p{L}\p{M}\d])(?:(?&lt;type&gt;TypeWords|Abbreviations)\s+(?:So)?|So)\G</c>
    /// finds it: type word and "số", else type word alone, else "số" alone. <paramref name="soStart"/> is
    /// <see cref="FindSoBefore"/>'s answer.
    /// </summary>
    public static PrefixMatch MatchTypeOrSo(string text, int bound, int end, int soStart)
    {
        if (soStart >= 0 && MatchTypeWordBefore(text, bound, soStart, out var typeStart, out var typeEnd))
        {
            return new PrefixMatch(typeStart, typeStart, typeEnd, true);
        }

        if (MatchTypeWordBefore(text, bound, end, out typeStart, out typeEnd))
        {
            return new PrefixMatch(typeStart, typeStart, typeEnd, false);
        }

        return soStart >= 0 && !IsWordCharBefore(text, bound, soStart) ? new PrefixMatch(soStart, -1, -1, true) : PrefixMatch.None;
    }

    /// <summary>
    /// Where "số" starts when <c>(?i:số)(?![\p{L}\p{M}])\s*:?\s*</c> ends at <paramref name="end"/>, else -1. Each
    /// part is followed by something it cannot take (a letter of "số", ":"), so taking all white space is the
    /// only way to match; the look-ahead sees white space, ":" or the number, never a letter.
    /// </summary>
    public static int FindSoBefore(string text, int bound, int end)
    {
        var p = SkipWhiteSpaceBack(text, bound, end);
        if (p > bound && text[p - 1] == ':')
        {
            p = SkipWhiteSpaceBack(text, bound, p - 1);
        }

        return p - 2 >= bound && So.At(text, p - 2) ? p - 2 : -1;
    }

    /// <summary>
    /// Whether a law or ordinance could be named between <paramref name="bound"/> and "số" at
    /// <paramref name="soStart"/>: CitationParser.NamedLaw needs white space before "số" and "luật" or "lệnh"
    /// followed by white space and a capital. Only then is its (costly) regex worth running.
    /// </summary>
    public static bool MayNameLaw(string text, int bound, int soStart)
    {
        if (soStart <= bound || !char.IsWhiteSpace(text[soStart - 1]))
        {
            return false;
        }

        // "luật" and "lệnh" are both four letters long, both starting with an l.
        for (var k = bound; ; k++)
        {
            var l = text.AsSpan(k, soStart - k).IndexOfAny('l', 'L');
            if (l < 0 || k + l + Luat.Length >= soStart)
            {
                return false;
            }

            k += l;
            if (Luat.At(text, k) || Lenh.At(text, k))
            {
                var next = SkipWhiteSpace(text, k + Luat.Length);
                if (next > k + Luat.Length && next < soStart && char.IsUpper(text[next]))
                {
                    return true;
                }
            }
        }
    }

    /// <summary>
    /// The date and issuer from <paramref name="at"/> (just after the number), as <c>\G DatePart IssuerPart</c>
    /// matches them; both parts are optional, so the match always succeeds, possibly empty.
    /// </summary>
    public static SuffixMatch MatchSuffix(string text, int at)
    {
        var end = at;
        var (dateStart, dateEnd) = MatchDate(text, at);
        if (dateStart >= 0)
        {
            end = dateEnd;
        }

        var (issuerStart, issuerEnd) = MatchIssuer(text, end);
        return new SuffixMatch(issuerStart >= 0 ? issuerEnd : end, dateStart, dateEnd, issuerStart, issuerEnd);
    }

    private static int NextDigit(string text, int from, bool asciiDigitsOnly)
    {
        if (asciiDigitsOnly)
        {
            var i = text.AsSpan(from).IndexOfAnyInRange('0', '9');
            return i < 0 ? -1 : from + i;
        }

        for (var i = from; i < text.Length; i++)
        {
            if (char.IsDigit(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // (?<![\p{L}\p{M}\d/.\-])|(?<=(?i:số)) at p; the look-behinds may see before the scan's start.
    private static bool MayStartNumber(string text, int p)
    {
        if (p == 0)
        {
            return true;
        }

        var before = text[p - 1];
        if (!IsWordChar(before) && before is not ('/' or '.' or '-'))
        {
            return true;
        }

        return p >= 2 && So.At(text, p - 2);
    }

    // After the digits: [a-zđ]? then the state form Space?/Space?(?:(?:19|20)\d{2}Space?/Space?)?Part(?:Joint Part)*
    // or the party form Space?Dash Space?Part Space?/Space?Part(?:Joint Part)*. The next character decides which
    // ("/" or a dash), and each optional space or letter is followed by something it cannot be, so there is one way in.
    private static int MatchSymbol(string text, int i)
    {
        if (i < text.Length && text[i] is (>= 'a' and <= 'z') or 'đ')
        {
            i++;
        }

        var j = SkipSpace(text, i);
        if (j < text.Length && text[j] == '/')
        {
            j = SkipSpace(text, j + 1);
            var afterYear = MatchYear(text, j);
            var part = MatchPart(text, afterYear >= 0 ? afterYear : j);
            return part < 0 ? -1 : MatchJoints(text, part);
        }

        if (j < text.Length && IsDash(text[j]))
        {
            var part = MatchPart(text, SkipSpace(text, j + 1));
            if (part < 0)
            {
                return -1;
            }

            var slash = SkipSpace(text, part);
            if (slash >= text.Length || text[slash] != '/')
            {
                return -1;
            }

            part = MatchPart(text, SkipSpace(text, slash + 1));
            return part < 0 ? -1 : MatchJoints(text, part);
        }

        return -1;
    }

    // (?:19|20)\d{2}Space?/Space? — only a part (a capital) may follow, so a year that leaves none fails the number.
    private static int MatchYear(string text, int j)
    {
        if (j + 4 > text.Length || !((text[j] == '1' && text[j + 1] == '9') || (text[j] == '2' && text[j + 1] == '0'))
            || !char.IsDigit(text[j + 2]) || !char.IsDigit(text[j + 3]))
        {
            return -1;
        }

        var slash = SkipSpace(text, j + 4);
        return slash < text.Length && text[slash] == '/' ? SkipSpace(text, slash + 1) : -1;
    }

    // A symbol part starts with a capital; "UBTVQH 11" (a stray space before the legislature's term) is one part.
    // Part = \p{Lu}[\p{L}\p{M}\d&]*(?:(?<=QH)\x20\d{1,2}(?![\d/]))? — what may follow a part is never a letter or
    // digit, so its run is taken whole; the term after "QH" is one or two digits followed by neither digit nor "/".
    private static int MatchPart(string text, int j)
    {
        if (j >= text.Length || !char.IsUpper(text[j]))
        {
            return -1;
        }

        var end = j + 1;
        while (end < text.Length && (IsLetterOrMark(text[end]) || char.IsDigit(text[end]) || text[end] == '&'))
        {
            end++;
        }

        if (end >= 2 && text[end - 2] == 'Q' && text[end - 1] == 'H' && end < text.Length && text[end] == ' ')
        {
            var digitsEnd = end + 1;
            while (digitsEnd < text.Length && digitsEnd - end <= 3 && char.IsDigit(text[digitsEnd]))
            {
                digitsEnd++;
            }

            var digits = digitsEnd - end - 1;
            if (digits is 1 or 2 && (digitsEnd >= text.Length || (!char.IsDigit(text[digitsEnd]) && text[digitsEnd] != '/')))
            {
                end = digitsEnd;
            }
        }

        return end;
    }

    // Between parts "-" or "/" with a space on at most one side, so "UBND - xã" or "2022 - 2026" never join:
    // (?:Joint Part)* with Joint = Dash Space? | /Space? | Space(?:Dash|/)(?!\s); the first character picks the
    // joint, and the loop stops at the first joint not followed by a part (nothing after it can fail).
    private static int MatchJoints(string text, int end)
    {
        while (end < text.Length)
        {
            int next;
            var c = text[end];
            if (IsDash(c) || c == '/')
            {
                next = SkipSpace(text, end + 1);
            }
            else if (IsSpace(c) && end + 1 < text.Length && (IsDash(text[end + 1]) || text[end + 1] == '/')
                && (end + 2 >= text.Length || !char.IsWhiteSpace(text[end + 2])))
            {
                next = end + 2;
            }
            else
            {
                break;
            }

            var part = MatchPart(text, next);
            if (part < 0)
            {
                break;
            }

            end = part;
        }

        return end;
    }

    // (?<![\p{L}\p{M}\d])(?<type>TypeWords|Abbreviations)\s+ ending at end, right to left: the first alternative (in
    // the regex's order) whose start passes the look-behind. Type words end in a letter, so \s+ takes all it can.
    private static bool MatchTypeWordBefore(string text, int bound, int end, out int typeStart, out int typeEnd)
    {
        typeStart = typeEnd = -1;
        var wordEnd = SkipWhiteSpaceBack(text, bound, end);
        if (wordEnd == end || wordEnd == bound)
        {
            return false;
        }

        if (TypeWordsByLastLetter.TryGetValue(text[wordEnd - 1], out var typeWords))
        {
            foreach (var words in typeWords)
            {
                var start = MatchWordsBack(text, bound, wordEnd, words);
                if (start >= 0 && !IsWordCharBefore(text, bound, start))
                {
                    (typeStart, typeEnd) = (start, wordEnd);
                    return true;
                }
            }
        }

        foreach (var abbreviation in Abbreviations)
        {
            var start = wordEnd - abbreviation.Length;
            if (start >= bound && text.AsSpan(start, abbreviation.Length).SequenceEqual(abbreviation) && !IsWordCharBefore(text, bound, start))
            {
                (typeStart, typeEnd) = (start, wordEnd);
                return true;
            }
        }

        return false;
    }

    // DatePart = (?:(?:\s*,\s*|\s+)(?:(?i:ban\s+hành)\s+)?(?i:ngày)(?![\p{L}\p{M}])\s*(?<date>DateText))? — every
    // white-space run is followed by a comma, a letter or a digit, so it takes all it can.
    private static (int Start, int End) MatchDate(string text, int at)
    {
        var p = SkipWhiteSpace(text, at);
        if (p < text.Length && text[p] == ',')
        {
            p = SkipWhiteSpace(text, p + 1);
        }
        else if (p == at)
        {
            return (-1, -1);
        }

        var afterBanHanh = MatchWords(text, p, BanHanh);
        if (afterBanHanh >= 0)
        {
            var day = SkipWhiteSpace(text, afterBanHanh);
            if (day > afterBanHanh && MatchDay(text, day) is { Start: >= 0 } date)
            {
                return date;
            }
        }

        return MatchDay(text, p);
    }

    // (?i:ngày)(?![\p{L}\p{M}])\s*(?<date>DateText)
    private static (int Start, int End) MatchDay(string text, int p)
    {
        var after = p + Ngay.Length;
        if (!Ngay.At(text, p) || (after < text.Length && IsLetterOrMark(text[after])))
        {
            return (-1, -1);
        }

        var start = SkipWhiteSpace(text, after);
        var end = MatchDateText(text, start);
        return end < 0 ? (-1, -1) : (start, end);
    }

    // DateText = d{1,2} sep d{1,2} sep d{2,4}(?!\d) | \d[\d/.\-]*\d | \d, the first that matches: nothing after the
    // date can fail, so the engine never comes back to try another.
    private static int MatchDateText(string text, int d)
    {
        if (d >= text.Length || !char.IsDigit(text[d]))
        {
            return -1;
        }

        var full = MatchDayMonthYear(text, d);
        if (full >= 0)
        {
            return full;
        }

        var run = d + 1;
        while (run < text.Length && (char.IsDigit(text[run]) || text[run] is '/' or '.' or '-'))
        {
            run++;
        }

        var lastDigit = run - 1;
        while (lastDigit > d && !char.IsDigit(text[lastDigit]))
        {
            lastDigit--;
        }

        return lastDigit + 1;
    }

    // \d{1,2}\s*(?:[/.\-]|(?i:tháng))\s*\d{1,2}\s*(?:[/.\-]|(?i:năm))\s*\d{2,4}(?!\d): each digit count must be a whole
    // run (a shorter take leaves a digit where a separator or nothing must be), white space runs are taken whole.
    private static int MatchDayMonthYear(string text, int p)
    {
        p = DigitRun(text, p, 1, 2);
        if (p < 0 || (p = Separator(text, SkipWhiteSpace(text, p), Thang)) < 0)
        {
            return -1;
        }

        p = DigitRun(text, SkipWhiteSpace(text, p), 1, 2);
        if (p < 0 || (p = Separator(text, SkipWhiteSpace(text, p), Nam)) < 0)
        {
            return -1;
        }

        return DigitRun(text, SkipWhiteSpace(text, p), 2, 4);
    }

    private static int DigitRun(string text, int p, int min, int max)
    {
        var end = p;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }

        return end - p >= min && end - p <= max ? end : -1;
    }

    private static int Separator(string text, int p, Word word)
    {
        if (p < text.Length && text[p] is '/' or '.' or '-')
        {
            return p + 1;
        }

        return word.At(text, p) ? p + word.Length : -1;
    }

    // IssuerPart = (?:InlineSpace(?i:của|giữa)InlineSpace(?<issuer>IssuerWord(?:InlineSpace IssuerWord){0,24}))?
    // with InlineSpace = [^\S\r\n]+: greedy throughout, and the loop stops at the first word that fails.
    private static (int Start, int End) MatchIssuer(string text, int at)
    {
        var p = SkipInlineSpace(text, at);
        if (p == at)
        {
            return (-1, -1);
        }

        var afterOf = Cua.At(text, p) ? p + Cua.Length : Giua.At(text, p) ? p + Giua.Length : -1;
        if (afterOf < 0)
        {
            return (-1, -1);
        }

        var start = SkipInlineSpace(text, afterOf);
        var end = start > afterOf ? MatchIssuerWord(text, start) : -1;
        if (end < 0)
        {
            return (-1, -1);
        }

        for (var words = 1; words <= 24; words++)
        {
            var next = SkipInlineSpace(text, end);
            var wordEnd = next > end ? MatchIssuerWord(text, next) : -1;
            if (wordEnd < 0)
            {
                break;
            }

            end = wordEnd;
        }

        return (start, end);
    }

    // IssuerWord = (?!IssuerStop)[^\s;,.:()“”"…\[\]]+
    private static int MatchIssuerWord(string text, int p)
    {
        if (IsIssuerStop(text, p))
        {
            return -1;
        }

        var end = p;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not (';' or ',' or '.' or ':' or '(' or ')' or '“' or '”' or '"' or '…' or '[' or ']'))
        {
            end++;
        }

        return end > p ? end : -1;
    }

    // The issuer ends before "về", "V/v", "ban hành", "trên", "tại"…, before the next cited document, at punctuation
    // or a line end (InlineSpace does not cross it):
    // IssuerStop = (?i:về|v/v|ban\s+hành|…|cho)(?![\p{L}\p{M}\d]) | (?i:ngày)\s*\d
    //            | (?:(?i:và)\s+)?(?:TypeWords|Abbreviations)\s+(?:(?i:số)|\d)
    // A look-ahead only asks whether some way matches, so every alternative is tried.
    private static bool IsIssuerStop(string text, int p)
    {
        if (p >= text.Length)
        {
            return false;
        }

        if (IssuerStopWordsByFirstLetter.TryGetValue(text[p], out var stopWords))
        {
            foreach (var words in stopWords)
            {
                var end = MatchWords(text, p, words);
                if (end >= 0 && (end >= text.Length || !IsWordChar(text[end])))
                {
                    return true;
                }
            }
        }

        if (Ngay.At(text, p))
        {
            var digit = SkipWhiteSpace(text, p + Ngay.Length);
            if (digit < text.Length && char.IsDigit(text[digit]))
            {
                return true;
            }
        }

        if (Va.At(text, p))
        {
            var type = SkipWhiteSpace(text, p + Va.Length);
            if (type > p + Va.Length && IsTypeWordBeforeNumber(text, type))
            {
                return true;
            }
        }

        return IsTypeWordBeforeNumber(text, p);
    }

    // (?:TypeWords|Abbreviations)\s+(?:(?i:số)|\d) at p, by any alternative.
    private static bool IsTypeWordBeforeNumber(string text, int p)
    {
        if (p >= text.Length)
        {
            return false;
        }

        if (TypeWordsByFirstLetter.TryGetValue(text[p], out var typeWords))
        {
            foreach (var words in typeWords)
            {
                if (IsFollowedByNumber(text, MatchWords(text, p, words)))
                {
                    return true;
                }
            }
        }

        foreach (var abbreviation in Abbreviations)
        {
            if (text.AsSpan(p).StartsWith(abbreviation, StringComparison.Ordinal) && IsFollowedByNumber(text, p + abbreviation.Length))
            {
                return true;
            }
        }

        return false;
    }

    // \s+(?:(?i:số)|\d) at end (-1: no match before it).
    private static bool IsFollowedByNumber(string text, int end)
    {
        if (end < 0)
        {
            return false;
        }

        var next = SkipWhiteSpace(text, end);
        return next > end && next < text.Length && (char.IsDigit(text[next]) || So.At(text, next));
    }

    // Words joined by \s+, left to right, case-insensitively; the end, or -1.
    private static int MatchWords(string text, int p, Word[] words)
    {
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0)
            {
                var next = SkipWhiteSpace(text, p);
                if (next == p)
                {
                    return -1;
                }

                p = next;
            }

            if (!words[w].At(text, p))
            {
                return -1;
            }

            p += words[w].Length;
        }

        return p;
    }

    // Words joined by \s+ ending at end, right to left, not before bound; the start, or -1.
    private static int MatchWordsBack(string text, int bound, int end, Word[] words)
    {
        for (var w = words.Length - 1; w >= 0; w--)
        {
            if (w < words.Length - 1)
            {
                var previous = SkipWhiteSpaceBack(text, bound, end);
                if (previous == end)
                {
                    return -1;
                }

                end = previous;
            }

            var start = end - words[w].Length;
            if (start < bound || !words[w].At(text, start))
            {
                return -1;
            }

            end = start;
        }

        return end;
    }

    private static Dictionary<char, Word[][]> ByLetter(Word[][] phrases, bool last)
    {
        var byLetter = new Dictionary<char, List<Word[]>>();
        foreach (var words in phrases)
        {
            var word = last ? words[^1] : words[0];
            foreach (var c in word.CharsAt(last ? word.Length - 1 : 0))
            {
                if (!byLetter.TryGetValue(c, out var list))
                {
                    byLetter[c] = list = [];
                }

                list.Add(words);
            }
        }

        // A loop, not ToDictionary: LINQ over these key-value pairs is in no precompiled image, and compiling it cost
        // every fresh process its first citation.
        var index = new Dictionary<char, Word[][]>(byLetter.Count);
        foreach (var pair in byLetter)
        {
            index[pair.Key] = [.. pair.Value];
        }

        return index;
    }

    private static Word[][] Phrases(params string[] phrases) =>
        [.. phrases.Select(phrase => phrase.Split(' ').Select(word => new Word(word)).ToArray())];

    /// <summary>
    /// A lower-case word matched as (?i:word) with CultureInvariant: the regex engine takes each of these letters as
    /// written or in upper case, and "k" also as the Kelvin sign; a full case mapping (ICU) is not needed.
    /// </summary>
    private sealed class Word(string lower)
    {
        private readonly string upper = lower.ToUpperInvariant();

        public int Length => lower.Length;

        /// <summary>The characters the letter at <paramref name="i"/> matches.</summary>
        public char[] CharsAt(int i) =>
            lower[i] == 'k' ? [lower[i], upper[i], '\u212A'] : lower[i] == upper[i] ? [lower[i]] : [lower[i], upper[i]];

        public bool At(string text, int p)
        {
            if (p < 0 || p + lower.Length > text.Length)
            {
                return false;
            }

            for (var i = 0; i < lower.Length; i++)
            {
                if (!Is(text[p + i], i))
                {
                    return false;
                }
            }

            return true;
        }

        private bool Is(char c, int i) => c == lower[i] || c == upper[i] || (c == '\u212A' && lower[i] == 'k');
    }

    // (?<=[\p{L}\p{M}\d]) at p, with nothing before bound (the right-to-left match sees only its window).
    private static bool IsWordCharBefore(string text, int bound, int p) => p > bound && IsWordChar(text[p - 1]);

    private static bool IsWordChar(char c) => IsLetterOrMark(c) || char.IsDigit(c);

    // [\p{L}\p{M}]: the letter and mark categories are the first eight.
    private static bool IsLetterOrMark(char c) => char.GetUnicodeCategory(c) <= UnicodeCategory.EnclosingMark;

    private static bool IsSpace(char c) => c is '\x20' or '\u00A0';

    private static bool IsDash(char c) => c is '-' or '\u2010' or '\u2011' or '\u2013';

    private static int SkipSpace(string text, int p) => p < text.Length && IsSpace(text[p]) ? p + 1 : p;

    private static int SkipWhiteSpace(string text, int p)
    {
        while (p < text.Length && char.IsWhiteSpace(text[p]))
        {
            p++;
        }

        return p;
    }

    private static int SkipInlineSpace(string text, int p)
    {
        while (p < text.Length && char.IsWhiteSpace(text[p]) && text[p] is not ('\r' or '\n'))
        {
            p++;
        }

        return p;
    }

    private static int SkipWhiteSpaceBack(string text, int bound, int p)
    {
        while (p > bound && char.IsWhiteSpace(text[p - 1]))
        {
            p--;
        }

        return p;
    }
}
