using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DanVan.Core.Citations;
using DanVan.Core.Decree30;
using DanVan.Core.Text;

namespace DanVan.Core.Word;

/// <summary>
/// Turns a Word document's paragraphs and tables into the report model the way a clerk reads one: the Decree 30
/// header, title, numbered outline, figures tables, "Nơi nhận" and the signature block. Pure, so every rule is testable.
/// </summary>
internal static partial class ReportOutline
{
    /// <summary>The report in the blocks; its citations checked against <paramref name="registry"/>, else the shipped list.</summary>
    public static ImportedReport Build(IReadOnlyList<Block> blocks, IReadOnlyList<string> footnotes, LegalRegistry? registry = null)
    {
        var report = new ImportedReport { Footnotes = [.. footnotes] };
        var index = 0;
        var sawHeader = false;
        var signatureAt = FindSignatureTable(blocks);

        // Front matter: everything before the first heading.
        var titleLines = new List<string>();
        var intro = new ImportedSection { Heading = "", Level = 0 };
        var afterBaoCao = false;
        var addressees = false;
        for (; index < blocks.Count && index != signatureAt; index++)
        {
            if (blocks[index] is TableBlock table)
            {
                if (!sawHeader && IsHeaderTable(table))
                {
                    ReadHeader(table, report);
                    sawHeader = true;
                }
                else
                {
                    intro.Tables.Add(Cells(table));
                }

                continue;
            }

            var p = (ParagraphBlock)blocks[index];
            var text = OneLine(p.Full);
            if (text.Length == 0 || IsRule(text))
            {
                continue;
            }

            if (HeadingLevel(p, null) is not null)
            {
                break;
            }

            if (!sawHeader && PlaceAndDate().Match(text) is { Success: true } dated && report.Date is null)
            {
                ReadPlaceAndDate(dated, report);
                continue;
            }

            var folded = VietnameseText.Fold(text);
            if (folded == "bao cao")
            {
                afterBaoCao = true;
                continue;
            }

            if (folded.StartsWith("kinh gui", StringComparison.Ordinal))
            {
                // "Kính gửi: UBND huyện …" on one line, or "Kính gửi:" over a "- …;" line per addressee.
                var rest = text[(text.IndexOf(':', StringComparison.Ordinal) is >= 0 and var colon ? colon + 1 : 8)..];
                report.Addressees.AddRange(Listed([rest]));
                addressees = true;
                continue;
            }

            if (addressees && text[0] is '-' or '–' or '+' or '•')
            {
                report.Addressees.AddRange(Listed([text]));
                continue;
            }

            addressees = false;

            if (intro.Paragraphs.Count == 0 && titleLines.Count < 3 && LooksLikeTitle(text, afterBaoCao, titleLines.Count))
            {
                titleLines.Add(folded.StartsWith("bao cao ", StringComparison.Ordinal) ? text[8..].Trim() : text);
                continue;
            }

            intro.Paragraphs.Add(text);
        }

        report.Title = string.Join(" ", titleLines);
        if (intro.Paragraphs.Count > 0 || intro.Tables.Count > 0)
        {
            report.Sections.Add(intro);
        }

        ReadBody(blocks, index, signatureAt < 0 ? blocks.Count : signatureAt, report);
        if (signatureAt >= 0)
        {
            ReadSignature((TableBlock)blocks[signatureAt], report);
        }

        if (!sawHeader)
        {
            report.Warnings.Add(new(ImportWarningCode.NoHeaderTable));
            report.Issuer ??= IssuerFromSentence(intro.Paragraphs.Concat(report.AllSections().SelectMany(s => s.Paragraphs)).Take(5));
        }

        (report.Period, report.NextPeriod) = TitlePeriods.Parse(report.Title, report.Date);
        if (report.Period is { } reported && report.NextPeriod is null
            && report.Sections.FirstOrDefault(s => s.Level == 1 && OutlineKind(s.Heading) == "III") is { } tasks)
        {
            // "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III": the next period is often named only in the tasks heading.
            report.NextPeriod = TitlePeriods.Next(tasks.Heading, reported.ToPeriod());
        }
        if (report.Period is null)
        {
            report.Warnings.Add(new(ImportWarningCode.PeriodNotRecognised));
        }

        CheckOutline(report);
        FindCitations(report, registry ?? LegalRegistry.Default);
        return report;
    }

    private static void ReadBody(IReadOnlyList<Block> blocks, int from, int to, ImportedReport report)
    {
        var stack = new List<ImportedSection>();
        ImportedSection? current = null;
        string? topKind = null;
        int? lastItem = null;
        for (var i = from; i < to; i++)
        {
            if (blocks[i] is TableBlock table)
            {
                Reopen(report, current);
                (current ?? Orphan(report)).Tables.Add(Cells(table));
                continue;
            }

            var p = (ParagraphBlock)blocks[i];
            var text = OneLine(p.Full);
            if (text.Length == 0 || IsRule(text))
            {
                continue;
            }

            if (text[0] is 'N' or 'n' && VietnameseText.Fold(text).StartsWith("noi nhan", StringComparison.Ordinal))
            {
                ReadRecipientParagraphs(blocks, i, to, report);
                break;
            }

            var number = ItemNumber(text);
            var level = HeadingLevel(p, topKind);
            if (level is null && number is > 1 && number == lastItem + 1 && topKind != "III")
            {
                // "3. Chỉ đạo các phong trào thi đua …", typed plain on its own line after item 2: the next item, however long.
                level = 2;
            }

            // "Trên đây là báo cáo …/." closes the report: it and the plain paragraphs after it belong to no section.
            if (level is null && (report.Closing.Count > 0 || IsClosing(text) || (number is null && SignsOff(text) && IsLast(blocks, i, to))))
            {
                report.Closing.Add(text);
                continue;
            }

            if (number is not null && level is null)
            {
                // A numbered list inside an item: its "3." is not the item after "2.".
                lastItem = null;
            }

            if (level is { } headingLevel)
            {
                Reopen(report, current);
                var (heading, rest) = SplitInlineHeading(text, headingLevel);
                var section = new ImportedSection { Heading = heading, Level = headingLevel };
                if (rest is not null)
                {
                    section.Paragraphs.Add(rest);
                }

                while (stack.Count > 0 && stack[^1].Level >= headingLevel)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                (stack.Count == 0 ? report.Sections : stack[^1].Sections).Add(section);
                stack.Add(section);
                current = section;
                if (headingLevel == 1)
                {
                    topKind = OutlineKind(heading);
                    lastItem = null;
                }
                else if (headingLevel == 2)
                {
                    lastItem = number;
                }

                continue;
            }

            (current ?? Orphan(report)).Paragraphs.Add(text);
        }
    }

    /// <summary>A heading or table after "Trên đây …": that was a section's own sentence, not the closing.</summary>
    private static void Reopen(ImportedReport report, ImportedSection? current)
    {
        (current ?? Orphan(report)).Paragraphs.AddRange(report.Closing);
        report.Closing.Clear();
    }

    private static bool IsClosing(string text) =>
        text[0] is 'T' or 't' && VietnameseText.Fold(text).StartsWith("tren day la ", StringComparison.Ordinal);

    /// <summary>
    /// "Ban … báo cáo kết quả …, kính đề nghị Sở Nội vụ xem xét./.": a closing worded without "Trên đây", known by the
    /// "./." that ends an official text and by speaking of the report itself. A last task ends with "./." too, but
    /// is numbered or bulleted, or does not say "báo cáo".
    /// </summary>
    private static bool SignsOff(string text) =>
        text.EndsWith("./.", StringComparison.Ordinal) && text[0] is not ('-' or '–' or '+' or '•')
        && VietnameseText.Fold(text).Contains("bao cao", StringComparison.Ordinal);

    /// <summary>Whether the paragraph at <paramref name="i"/> is the body's last: only "Nơi nhận" or nothing follows it.</summary>
    private static bool IsLast(IReadOnlyList<Block> blocks, int i, int to)
    {
        for (var j = i + 1; j < to; j++)
        {
            if (blocks[j] is not ParagraphBlock p)
            {
                return false;
            }

            var next = OneLine(p.Full);
            if (next.Length > 0 && !IsRule(next))
            {
                return next[0] is 'N' or 'n' && VietnameseText.Fold(next).StartsWith("noi nhan", StringComparison.Ordinal);
            }
        }

        return true;
    }

    /// <summary>The number of a "3." or "3)" item, else null.</summary>
    private static int? ItemNumber(string text) =>
        NumberedHeading().IsMatch(text) && int.TryParse(text.AsSpan(0, char.IsDigit(text[1]) ? 2 : 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static ImportedSection Orphan(ImportedReport report)
    {
        if (report.Sections.FirstOrDefault(s => s.Level == 0) is { } intro)
        {
            return intro;
        }

        var section = new ImportedSection { Heading = "", Level = 0 };
        report.Sections.Insert(0, section);
        return section;
    }

    /// <summary>
    /// Level 1 for "I."-style headings and heading-1 styles, 2 for "1." items, 3 for "a)" items. Numbered items under
    /// the tasks section are the tasks themselves, not headings, unless the author styled them as headings.
    /// </summary>
    internal static int? HeadingLevel(ParagraphBlock p, string? topKind)
    {
        var text = OneLine(p.Full);
        if (text.Length == 0)
        {
            return null;
        }

        // "1. Công tác lãnh đạo: Căn cứ …" — a heading typed with its first paragraph, however long that is.
        if (topKind != "III" && NumberedHeading().IsMatch(text) && InlineHeading(text) is not null)
        {
            return 2;
        }

        if (text.Length > 400)
        {
            return null;
        }

        if (p.OutlineLevel is { } outline && text.Length <= 300)
        {
            return Math.Min(outline + 1, 4);
        }

        if (RomanHeading().IsMatch(text))
        {
            return 1;
        }

        var tasks = topKind == "III";
        if (NumberedHeading().Match(text) is { Success: true })
        {
            if (p.Bold || (!tasks && InlineHeading(text) is not null) || (!tasks && text.Length <= 160 && !EndsLikeSentence(text)))
            {
                return 2;
            }

            return null;
        }

        if (LetteredHeading().IsMatch(text) && (p.Bold || (!tasks && text.Length <= 160 && !EndsLikeSentence(text))))
        {
            return 3;
        }

        return null;
    }

    internal static (string Heading, string? Remainder) SplitInlineHeading(string text, int level) =>
        level >= 2 && InlineHeading(text) is { } colon ? (text[..colon].Trim(), text[(colon + 1)..].Trim()) : (text, null);

    /// <summary>"1. Công tác lãnh đạo: Căn cứ …" — a heading and its first paragraph typed on one line.</summary>
    private static int? InlineHeading(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon is > 4 and < 200 && colon < text.Length - 1 ? colon : null;
    }

    private static bool EndsLikeSentence(string text) => text.EndsWith('.') && !NumberedHeading().IsMatch(text[..^1].Trim() + " x") || text.EndsWith(';');

    /// <summary>Which part of the standard outline a top-level heading is: I results, II assessment, III tasks.</summary>
    internal static string OutlineKind(string heading)
    {
        var folded = VietnameseText.Fold(heading);
        if (folded.Contains("danh gia", StringComparison.Ordinal))
        {
            return "II";
        }

        // "Kết quả thực hiện nhiệm vụ …" reports results: "nhiệm vụ" alone marks the tasks part only without "kết quả".
        return folded.Contains("phuong huong", StringComparison.Ordinal) ? "III"
            : folded.Contains("ket qua", StringComparison.Ordinal) ? "I"
            : folded.Contains("nhiem vu", StringComparison.Ordinal) ? "III"
            : "I";
    }

    private static bool LooksLikeTitle(string text, bool afterBaoCao, int linesSoFar)
    {
        var folded = VietnameseText.Fold(text);

        // The opening sentence ("UBND xã … báo cáo … như sau:") is the first body paragraph, never part of the title.
        if (text.Length > 250 || text.EndsWith(':') || folded.StartsWith("thuc hien", StringComparison.Ordinal) || folded.StartsWith("can cu", StringComparison.Ordinal) || IssuerSentence().IsMatch(text))
        {
            return false;
        }

        return afterBaoCao || linesSoFar > 0 || folded.StartsWith("ket qua", StringComparison.Ordinal) || folded.StartsWith("bao cao ", StringComparison.Ordinal) || folded.Contains("cong tac dan van", StringComparison.Ordinal);
    }

    private static bool IsHeaderTable(TableBlock table)
    {
        var folded = VietnameseText.Fold(table.AllText);
        return folded.Contains("cong hoa xa hoi chu nghia viet nam", StringComparison.Ordinal) || (folded.Contains("so:", StringComparison.Ordinal) && folded.Contains("ngay", StringComparison.Ordinal) && table.Rows.Count <= 4);
    }

    private static void ReadHeader(TableBlock table, ImportedReport report)
    {
        var left = new List<ParagraphBlock>();
        var rightLines = new List<string>();
        foreach (var row in table.Rows)
        {
            if (row.Count > 0)
            {
                left.AddRange(row[0]);
            }

            foreach (var cell in row.Skip(1))
            {
                rightLines.AddRange(cell.SelectMany(p => p.Full.Split('\n')).Select(l => l.Trim()));
            }
        }

        var names = new List<(string Text, bool Bold)>();
        foreach (var p in left)
        {
            foreach (var line in p.Full.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !IsRule(l)))
            {
                if (DocumentNumber().Match(line) is { Success: true } number)
                {
                    report.DocumentNumber = Regex.Replace(number.Groups[1].Value, @"\s+", "");
                }
                else if (report.DocumentNumber is null && line.Length < 120)
                {
                    names.Add((line, p.Bold));
                }
            }
        }

        // The issuing body is the bold line(s); a regular line above it is the parent body (Decree 30, Appendix I).
        var firstBold = names.FindIndex(n => n.Bold);
        if (firstBold > 0)
        {
            report.ParentIssuer = string.Join(" ", names.Take(firstBold).Select(n => n.Text));
            report.Issuer = string.Join(" ", names.Skip(firstBold).Select(n => n.Text));
        }
        else if (names.Count >= 2 && (firstBold == 0 || names.All(n => !n.Bold)) && BareBodyName(names[0].Text))
        {
            // "ỦY BAN NHÂN DÂN / XÃ TRÀ TÂN" in one weight: the issuer's name on two lines, not a parent above it.
            report.Issuer = string.Join(" ", names.Select(n => n.Text));
        }
        else if (names.Count >= 2)
        {
            report.ParentIssuer = names[0].Text;
            report.Issuer = string.Join(" ", names.Skip(1).Select(n => n.Text));
        }
        else if (names.Count == 1)
        {
            report.Issuer = names[0].Text;
        }

        foreach (var line in rightLines)
        {
            if (PlaceAndDate().Match(line) is { Success: true } dated)
            {
                ReadPlaceAndDate(dated, report);
            }
        }
    }

    /// <summary>"ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN": a kind of body without its place, so never a body of its own.</summary>
    private static bool BareBodyName(string line) =>
        VietnameseText.Fold(line).Trim() is "uy ban nhan dan" or "hoi dong nhan dan" or "ban quan ly" or "so" or "phong";

    private static void ReadPlaceAndDate(Match dated, ImportedReport report)
    {
        report.Place = dated.Groups["place"].Value.Trim();
        if (int.TryParse(dated.Groups["d"].Value, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(dated.Groups["m"].Value, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(dated.Groups["y"].Value, CultureInfo.InvariantCulture, out var y)
            && m is >= 1 and <= 12 && y is >= 1900 and <= 2200 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            report.Date = new DateOnly(y, m, d);
        }
        else
        {
            report.Warnings.Add(new(ImportWarningCode.InvalidDate, dated.Value));
        }
    }

    private static int FindSignatureTable(IReadOnlyList<Block> blocks)
    {
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            if (blocks[i] is TableBlock table && VietnameseText.Fold(table.AllText).Contains("noi nhan", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void ReadSignature(TableBlock table, ImportedReport report)
    {
        var left = new List<string>();
        var right = new List<string>();
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                var lines = row[c].SelectMany(p => p.Full.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0);
                (c == 0 ? left : right).AddRange(lines);
            }
        }

        report.Recipients.AddRange(Recipients(left));
        report.Signer = Signature.Read(right);
    }

    private static void ReadRecipientParagraphs(IReadOnlyList<Block> blocks, int from, int to, ImportedReport report)
    {
        var lines = new List<string>();
        for (var i = from; i < to; i++)
        {
            if (blocks[i] is ParagraphBlock p && OneLine(p.Full) is { Length: > 0 } text)
            {
                lines.Add(text);
            }
        }

        report.Recipients.AddRange(Recipients(lines.Where(l => l.StartsWith('-') || VietnameseText.Fold(l).StartsWith("noi nhan", StringComparison.Ordinal))));
        var signature = lines.Where(l => !l.StartsWith('-') && !VietnameseText.Fold(l).StartsWith("noi nhan", StringComparison.Ordinal)).ToList();
        if (signature.Count > 0)
        {
            report.Signer = Signature.Read(signature);
        }
    }

    private static IEnumerable<string> Recipients(IEnumerable<string> lines) => Listed(lines
        .SkipWhile(l => !VietnameseText.Fold(l).StartsWith("noi nhan", StringComparison.Ordinal))
        .Skip(1));

    /// <summary>List lines ("- UBND huyện;", "- Lưu: VT./.") without the dash and the closing punctuation.</summary>
    private static IEnumerable<string> Listed(IEnumerable<string> lines) => lines
        .Select(l => l.Trim().TrimStart('-', '–', '+', '•', ' ').TrimEnd(';', ',', ' '))
        .Select(l => l.EndsWith("./.", StringComparison.Ordinal) ? l[..^3] : l.TrimEnd('.'))
        .Where(l => l.Length > 0);

    private static string? IssuerFromSentence(IEnumerable<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            var matches = IssuerSentence().Matches(paragraph);
            if (matches.Count > 0)
            {
                return matches[^1].Groups["issuer"].Value.Trim();
            }
        }

        return null;
    }

    private static void CheckOutline(ImportedReport report)
    {
        var kinds = report.Sections.Where(s => s.Level == 1).Select(s => OutlineKind(s.Heading)).ToHashSet();
        if (report.Sections.All(s => s.Level != 1))
        {
            report.Warnings.Add(new(ImportWarningCode.NoNumberedHeadings));
            return;
        }

        foreach (var (kind, name) in new[] { ("I", "I. Kết quả thực hiện"), ("II", "II. Đánh giá chung"), ("III", "III. Phương hướng, nhiệm vụ") })
        {
            if (!kinds.Contains(kind))
            {
                report.Warnings.Add(new(ImportWarningCode.StandardSectionMissing, name));
            }
        }
    }

    /// <summary>The documents the report cites, each checked against <paramref name="registry"/> (replaced by the report's date?).</summary>
    private static void FindCitations(ImportedReport report, LegalRegistry registry)
    {
        var reportDate = report.Date ?? report.Period?.ToPeriod().CalendarWindow().End;
        var texts = new List<string> { report.Title };
        foreach (var section in report.AllSections())
        {
            texts.AddRange(section.Paragraphs);
            foreach (var table in section.Tables)
            {
                foreach (var row in table)
                {
                    texts.AddRange(row);
                }
            }
        }

        texts.AddRange(report.Footnotes);
        foreach (var text in texts)
        {
            // Every citation form has a "/" in its symbol; most paragraphs have none and need no scan.
            if (!text.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var c in CitationParser.Find(text, reportDate, registry))
            {
                report.Citations.Add(new ImportedCitation(c.Text, c.Type, c.Number, c.Date, c.Issuer, c.Problems));
            }
        }
    }

    private static List<List<string>> Cells(TableBlock table) =>
        table.Rows.Select(r => r.Select(c => string.Join("\n", c.Select(p => OneLine(p.Full)).Where(t => t.Length > 0))).ToList()).ToList();

    /// <summary>Line breaks inside a paragraph become spaces; runs of spaces collapse (without a regex: this runs on every paragraph).</summary>
    private static string OneLine(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal) && !text.Contains("  ", StringComparison.Ordinal))
        {
            return text.Trim();
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var ch = c is '\n' or '\t' ? ' ' : c;
            if (ch != ' ' || (sb.Length > 0 && sb[^1] != ' '))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString().Trim();
    }

    private static bool IsRule(string text) => text.Length >= 3 && text.All(c => c is '-' or '_' or '–' or '—' or '=' or '*' or '.' or ' ');

    [GeneratedRegex(@"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)[.\/]\s*\S")]
    private static partial Regex RomanHeading();

    [GeneratedRegex(@"^\d{1,2}[.)]\s*\S")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^[a-zđ]\)\s*\S")]
    private static partial Regex LetteredHeading();

    [GeneratedRegex(@"^Số\s*:\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"^(?<place>[^,\d]{2,60}),\s*ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceAndDate();

    [GeneratedRegex(@"(?<issuer>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ban|Sở|Phòng|Trung tâm|Văn phòng|Đảng ủy|Chi cục|Cục)\b[^.;:,]{2,120}?)\s+báo cáo\b")]
    private static partial Regex IssuerSentence();

}
