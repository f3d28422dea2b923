using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.Periods;
using DanVan.Core.Text;

namespace DanVan.Core.Word;

/// <summary>
/// Reads "tháng 7/2024 và phương hướng, nhiệm vụ tháng 8/2024", "quý I và phương hướng nhiệm vụ quý II năm 2025",
/// "6 tháng đầu năm 2025" out of a title: the reported period and the next one. Pure.
/// </summary>
public static partial class TitlePeriods
{
    public static (ImportedPeriod? Period, ImportedPeriod? Next) Parse(string title, DateOnly? documentDate = null)
    {
        var mentions = new List<MentionInfo>();
        foreach (Match match in PeriodMention().Matches(VietnameseText.Fold(title)))
        {
            if (Mention(match) is { } mention)
            {
                mentions.Add(mention);
            }
        }

        // A year written once at the end ("quý I và … quý II năm 2025") belongs to the mentions before it too.
        var year = documentDate?.Year;
        for (var i = mentions.Count - 1; i >= 0; i--)
        {
            if (mentions[i].Year is { } y)
            {
                year = y;
            }
            else
            {
                mentions[i] = mentions[i] with { Year = year };
            }
        }

        // "… năm 2025" at the end of a quarterly title names the year, not a second period: "next" is of the same kind.
        // A nine-month report's next period is the fourth quarter: one that starts the day after counts too.
        ReportingPeriod? period = null;
        ReportingPeriod? next = null;
        foreach (var mention in mentions)
        {
            if (mention.Year is not { } mentionYear)
            {
                continue;
            }

            var candidate = ReportingPeriod.Create(mention.Type, mentionYear, mention.Index);
            if (period is not { } first)
            {
                period = candidate;
            }
            else if (next is null && ((candidate.Type == first.Type && candidate > first) || candidate.CalendarWindow().Start == first.CalendarWindow().End.AddDays(1)))
            {
                next = candidate;
            }
        }

        return period is { } reported ? (ImportedPeriod.From(reported), next is { } n ? ImportedPeriod.From(n) : null) : (null, null);
    }

    /// <summary>The first period named in <paramref name="text"/> that is of the same kind as, and later than, <paramref name="after"/>.</summary>
    public static ImportedPeriod? Next(string text, ReportingPeriod after)
    {
        foreach (Match match in PeriodMention().Matches(VietnameseText.Fold(text)))
        {
            if (Mention(match) is not { } m || m.Type != after.Type)
            {
                continue;
            }

            // "Quý III" without a year follows the reported period: the same year, or the next when it wraps.
            var year = m.Year ?? (m.Index > after.Index || after.Type == PeriodType.Year ? after.Year : after.Year + 1);
            var candidate = ReportingPeriod.Create(m.Type, after.Type == PeriodType.Year ? m.Year ?? after.Year + 1 : year, m.Index);
            if (candidate > after)
            {
                return ImportedPeriod.From(candidate);
            }
        }

        return null;
    }

    // A class, not a struct: lists of it then share the runtime's precompiled code instead of being compiled per run.
    private sealed record MentionInfo(PeriodType Type, int Index, int? Year);

    private static MentionInfo? Mention(Match m)
    {
        int? year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
        if (m.Groups["month"].Success)
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? new MentionInfo(PeriodType.Month, month, year) : null;
        }

        if (m.Groups["quarter"].Success)
        {
            var q = m.Groups["quarter"].Value switch
            {
                "i" or "1" => 1,
                "ii" or "2" => 2,
                "iii" or "3" => 3,
                "iv" or "4" => 4,
                _ => 0,
            };
            return q == 0 ? null : new MentionInfo(PeriodType.Quarter, q, year);
        }

        if (m.Groups["half"].Success)
        {
            return new MentionInfo(PeriodType.Half, m.Groups["half"].Value == "dau" ? 1 : 2, year);
        }

        if (m.Groups["nine"].Success)
        {
            return new MentionInfo(PeriodType.NineMonths, 1, year);
        }

        return year is null ? null : new MentionInfo(PeriodType.Year, 1, year);
    }

    // Folded text (no diacritics, lower case). Order matters: "6 thang dau nam" before "thang 6", "9 thang" before "nam".
    [GeneratedRegex(@"\b6 thang (?<half>dau|cuoi) nam\s*(?<year>\d{4})?|\b9 thang(?: dau)? nam\s*(?<nine>)(?<year>\d{4})?|\bthang (?<month>\d{1,2})(?:\s*(?:/|nam)\s*(?<year>\d{4}))?|\bquy (?<quarter>iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(?<year>\d{4}))?|\bnam (?<year>\d{4})")]
    private static partial Regex PeriodMention();
}
