using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DanVan.Core.Text;

namespace DanVan.Core.Citations;

/// <summary>
/// A legal document cited in report text, e.g. "Kế hoạch số 2040/KH-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh
/// Lâm Đồng". <see cref="Text"/>, <see cref="Start"/> and <see cref="Length"/> are the span in the caller's string
/// (type word through issuer); <see cref="Number"/> is normalised (<see cref="CitationParser.NormaliseNumber"/>);
/// <see cref="Type"/> is one of <see cref="DocumentTypes.All"/> or <see cref="DocumentTypes.Unknown"/>;
/// <see cref="Problems"/> holds <see cref="CitationProblems"/> codes.
/// </summary>
public sealed record Citation(
    string Text,
    string Type,
    string Number,
    DateOnly? Date,
    string? Issuer,
    IReadOnlyList<string> Problems,
    int Start,
    int Length);

/// <summary>What can be wrong with a citation, in the order they are listed in <see cref="Citation.Problems"/>.</summary>
public static class CitationProblems
{
    /// <summary>A date is written but is not a valid d/m/yyyy ("26/112021", "31/02/2024", "15/3").</summary>
    public const string MalformedDate = "malformed-date";

    /// <summary>"số 123/ABC-XYZ" with no recognised type word before it.</summary>
    public const string UnknownType = "unknown-type";

    /// <summary>The symbol's type abbreviation contradicts the type word ("Kế hoạch số 12/QĐ-UBND").</summary>
    public const string TypeMismatch = "type-mismatch";

    /// <summary>The registry says the document was replaced or repealed on or before the report's date.</summary>
    public const string Superseded = "superseded";
}

/// <summary>Finds citations of legal documents in a paragraph of Vietnamese report text and checks them.</summary>
public static partial class CitationParser
{
    // How far before a number its type word may start ("Luật Thực hiện dân chủ ở cơ sở số …" is the longest case).
    private const int PrefixWindow = 200;

    // The type words and abbreviations of DocumentTypes, as CitationScanner also reads them.
    internal static readonly string TypeWords =
        "(?i:" + string.Join('|', DocumentTypes.Phrases.Select(p => p.Replace(" ", @"\s+", StringComparison.Ordinal))) + ")";

    internal static readonly string Abbreviations = "(?:" + string.Join('|', DocumentTypes.Abbreviations) + ")";

    private const string NotWord = @"(?![\p{L}\p{M}\d])";

    private const string So = @"(?<so>(?i:số))(?![\p{L}\p{M}])\s*:?\s*";

    // "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15": a law or ordinance may be named before its number.
    private static readonly string NamedLaw =
        @"(?<type>(?i:bộ\s+luật|luật|pháp\s+lệnh))\s+\p{Lu}[^\s;:.,()“”""]*"
        + @"(?:\s+(?!" + TypeWords + NotWord + @")[^\s;:.()“”""]+){0,12}?\s+" + So;

    private static readonly string TypeOrSo = "(?<type>" + TypeWords + "|" + Abbreviations + @")\s+(?:" + So + ")?|" + So;

    // Matched right to left from the number: what stands before it ("Kế hoạch số ", "Chỉ thị ", "số ").
    private static readonly string Prefix = @"(?<![\p{L}\p{M}\d])(?:" + NamedLaw + "|" + TypeOrSo + @")\G";

    /// <summary>
    /// All citations in a paragraph, in order. <paramref name="reportDate"/> (the report's own date, may be null)
    /// decides "superseded": a document replaced on or before that date is flagged; with no date nothing is.
    /// </summary>
    public static IReadOnlyList<Citation> Find(string text, DateOnly? reportDate, LegalRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(registry);

        var source = SourceText.Create(text);
        var normalised = source.Normalised;
        var drafts = new List<Draft>();
        var position = 0;
        var asciiDigitsOnly = CitationScanner.HasOnlyAsciiDigits(normalised);
        while (CitationScanner.FindNumber(normalised, position, asciiDigitsOnly, out var numberStart, out var numberEnd))
        {
            var previous = drafts.Count > 0 ? drafts[^1] : null;
            var windowStart = Math.Max(previous?.End ?? 0, numberStart - PrefixWindow);
            var prefix = MatchPrefix(normalised, windowStart, numberStart);
            var suffix = CitationScanner.MatchSuffix(normalised, numberEnd);
            var draft = Read(normalised, prefix, numberStart, numberEnd, suffix, previous);
            if (draft is not null)
            {
                drafts.Add(draft);
            }

            position = suffix.End;
        }

        ShareDateAndIssuer(drafts, normalised);
        return drafts.Select(d => d.ToCitation(source, reportDate, registry)).ToList();
    }

    /// <summary>
    /// Normalises a number/symbol as written: NFC, no white space, dashes as "-", letters in their own case (official
    /// symbols such as "TTg", "CTr", "QyĐ" are mixed case): "34/2007/PL-UBTVQH 11" → "34/2007/PL-UBTVQH11",
    /// "217- QĐ/TW" → "217-QĐ/TW", "33/CT-TTg" stays "33/CT-TTg".
    /// </summary>
    public static string NormaliseNumber(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = VietnameseText.Nfc(raw);
        if (IsNormalisedNumber(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(IsOtherDash(c) ? '-' : c);
        }

        return builder.ToString().TrimEnd('.', ',', ';', ':');
    }

    // Most numbers are written plainly ("2040/KH-UBND"): nothing to remove or replace, so no copy to build.
    private static bool IsNormalisedNumber(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || IsOtherDash(c))
            {
                return false;
            }
        }

        return text.Length == 0 || text[^1] is not ('.' or ',' or ';' or ':');
    }

    // Dashes a number is written with besides "-": hyphens, en and em dashes, the minus sign.
    private static bool IsOtherDash(char c) => c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    /// <summary>
    /// What stands before the number ("Kế hoạch số ", "Chỉ thị ", "số "), as <see cref="Prefix"/> matches it right to
    /// left from the number within [<paramref name="windowStart"/>, <paramref name="numberStart"/>).
    /// </summary>
    private static PrefixMatch MatchPrefix(string text, int windowStart, int numberStart)
    {
        // A named law ("Luật Thực hiện dân chủ ở cơ sở số …") is left to the regex, run only where it can match (after
        // "luật"/"lệnh" and a capital): its open-ended name is too costly to try at every number.
        var soStart = CitationScanner.FindSoBefore(text, windowStart, numberStart);
        if (CitationScanner.MayNameLaw(text, windowStart, soStart))
        {
            var match = PrefixRegex.Value.Match(text, windowStart, numberStart - windowStart);
            if (!match.Success)
            {
                return PrefixMatch.None;
            }

            var type = match.Groups["type"];
            return type.Success
                ? new PrefixMatch(match.Index, type.Index, type.Index + type.Length, match.Groups["so"].Success)
                : new PrefixMatch(match.Index, -1, -1, match.Groups["so"].Success);
        }

        return CitationScanner.MatchTypeOrSo(text, windowStart, numberStart, soStart);
    }

    private static Draft? Read(string text, PrefixMatch prefix, int numberStart, int numberEnd, SuffixMatch suffix, Draft? previous)
    {
        var number = NormaliseNumber(text[numberStart..numberEnd]);
        var allowed = DocumentTypes.ForSymbol(number);
        string type;
        if (prefix.TypeStart >= 0)
        {
            var word = text[prefix.TypeStart..prefix.TypeEnd];
            type = DocumentTypes.FromWord(word) ?? DocumentTypes.Unknown;
            if (allowed is not null && DocumentTypes.IsGenericWord(word))
            {
                type = allowed[0];
            }
        }
        else if (prefix.So)
        {
            type = DocumentTypes.Unknown;
        }
        else if (previous is not null && ListGap().IsMatch(text.AsSpan(previous.End, numberStart - previous.End)))
        {
            // "Quyết định số 217-QĐ/TW, 218-QĐ/TW": a bare number continuing a list has the list's type.
            type = previous.Type;
        }
        else
        {
            return null;
        }

        return new Draft
        {
            Start = prefix.Success ? prefix.Start : numberStart,
            End = suffix.End,
            Type = type,
            Number = number,
            HasDate = suffix.DateStart >= 0,
            Date = suffix.DateStart >= 0 ? ParseDate(text.AsSpan(suffix.DateStart, suffix.DateEnd - suffix.DateStart)) : null,
            // An issuer starts and ends with a word, so trimming changes nothing there.
            Issuer = suffix.IssuerStart >= 0 ? VietnameseText.CollapseWhiteSpace(text[suffix.IssuerStart..suffix.IssuerEnd]) : null,
            TypeMismatch = type != DocumentTypes.Unknown && allowed is not null && !allowed.Contains(type),
        };
    }

    /// <summary>
    /// "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị": documents of one type
    /// listed with neither date nor issuer take those of the next one in the list.
    /// </summary>
    private static void ShareDateAndIssuer(List<Draft> drafts, string text)
    {
        for (var i = drafts.Count - 2; i >= 0; i--)
        {
            var (current, next) = (drafts[i], drafts[i + 1]);
            if (!current.HasDate && current.Issuer is null && (next.HasDate || next.Issuer is not null)
                && current.Type == next.Type && ListGap().IsMatch(text.AsSpan(current.End, next.Start - current.End)))
            {
                current.HasDate = next.HasDate;
                current.Date = next.Date;
                current.Issuer = next.Issuer;
            }
        }
    }

    private static DateOnly? ParseDate(ReadOnlySpan<char> raw)
    {
        // The runs of digits (as \d+ finds them), looked for without a regex: this runs for every dated citation.
        Span<Range> parts = stackalloc Range[3];
        var count = 0;
        for (var i = 0; i < raw.Length;)
        {
            if (!char.IsDigit(raw[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < raw.Length && char.IsDigit(raw[i]))
            {
                i++;
            }

            if (count == parts.Length)
            {
                return null;
            }

            parts[count++] = start..i;
        }

        if (count != 3 || raw[parts[0]].Length > 2 || raw[parts[1]].Length > 2 || raw[parts[2]].Length != 4)
        {
            return null;
        }

        // \d also takes other scripts' digits ("١/١/٢٠٢٠"), which are no d/m/yyyy date either.
        if (!int.TryParse(raw[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(raw[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(raw[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day);
    }

    // Built from DocumentTypes' words, so not a generated regex; compiled on first use (a named law, a rare case).
    private static readonly Lazy<Regex> PrefixRegex = new(() =>
        new Regex(Prefix, RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant | RegexOptions.RightToLeft | RegexOptions.Compiled));

    [GeneratedRegex(@"^[\s,;]*(?:và\s*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ListGap();

    private sealed class Draft
    {
        public required int Start { get; init; }

        public required int End { get; init; }

        public required string Type { get; init; }

        public required string Number { get; init; }

        public required bool TypeMismatch { get; init; }

        public bool HasDate { get; set; }

        public DateOnly? Date { get; set; }

        public string? Issuer { get; set; }

        public Citation ToCitation(SourceText source, DateOnly? reportDate, LegalRegistry registry)
        {
            var problems = new List<string>();
            if (HasDate && Date is null)
            {
                problems.Add(CitationProblems.MalformedDate);
            }

            if (Type == DocumentTypes.Unknown)
            {
                problems.Add(CitationProblems.UnknownType);
            }

            if (TypeMismatch)
            {
                problems.Add(CitationProblems.TypeMismatch);
            }

            if (reportDate is { } on && registry.Find(Number)?.IsSupersededOn(on) == true)
            {
                problems.Add(CitationProblems.Superseded);
            }

            var (start, length) = source.ToOriginal(Start, End);
            return new Citation(source.OriginalText(Start, End), Type, Number, Date, Issuer, problems, start, length);
        }
    }
}
