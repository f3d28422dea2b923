using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.Consolidation;
using DanVan.Core.Periods;
using DanVan.Core.Plans;

namespace DanVan.Core.Reports;

/// <summary>
/// One of the unit's own reports of a shorter period (a quarter or a month) that a longer report is drafted from: its
/// sections' texts, its numeric answers and its answers to text figures.
/// </summary>
public sealed record ReportPart(int ReportId, ReportingPeriod Period, bool Sent, IReadOnlyDictionary<string, string> Texts, IReadOnlyList<AnsweredFigure> Figures, IReadOnlyList<AnsweredText> FigureTexts);

/// <summary>One report's answer to a text figure of its plan.</summary>
public readonly record struct AnsweredText(int PlanFigureId, string Text);

/// <summary>A text figure of the longer report, filled from its parts' answers.</summary>
public sealed record DraftedText(PlanFigure Target, string Text);

/// <summary>What a longer report is drafted from.</summary>
public sealed record FromPartsInput
{
    public required ReportingPeriod Period { get; init; }

    /// <summary>The parts chosen by <see cref="FromParts.Choose"/>, oldest first.</summary>
    public required IReadOnlyList<ReportPart> Parts { get; init; }

    public required IReadOnlyList<ReportingPeriod> Missing { get; init; }

    /// <summary>The keys of the new report's sections.</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    /// <summary>The figures the new report asks for: its plan's, or without one those of the latest part's plan.</summary>
    public required IReadOnlyList<PlanFigure> Targets { get; init; }

    /// <summary>The figures of the plans the parts answer; the parts' answers are matched to the targets by name through them.</summary>
    public required IReadOnlyList<PlanFigure> PartFigures { get; init; }
}

/// <summary>The drafted sections (only those with text), figures, text figures and the mark the report keeps.</summary>
public sealed record FromPartsDraft(IReadOnlyDictionary<string, string> Texts, IReadOnlyList<RolledUpFigure> Figures, IReadOnlyList<DraftedText> FigureTexts, string Mark);

/// <summary>A part named in a report's mark: its label ("Quý I"), its report, and whether it had been sent.</summary>
public sealed record MarkedPart(string Label, int ReportId, bool Sent);

/// <summary>
/// The mark of a report drafted from its parts, read back from its first history line; <paramref name="Stocks"/> names
/// the figures taken at the period's end and the part each came from.
/// </summary>
public sealed record DraftedFrom(IReadOnlyList<MarkedPart> Parts, int Year, IReadOnlyList<string> Missing, string? PartialFigures, string? Stocks = null);

/// <summary>
/// A 6-month, 9-month or annual report drafted from the unit's own reports of the quarters (or, where a quarter has
/// none, the months) it covers: figures rolled up over time by each indicator's rule (<see cref="FigureRollup"/>, the
/// same code that rolls up units; a stock is the latest part's), text figures gathered per period, sections filled with the parts' text grouped by period and de-duplicated with the
/// consolidation's <see cref="NearDuplicates"/>. Drafts count too, named as such in the mark: a clerk writing the
/// half-year report in early July often has the second quarter still with the leader, and leaving half the text out
/// would hide it rather than ask for a review. Pure.
/// </summary>
public static partial class FromParts
{
    private const string MarkStart = "Dự thảo từ báo cáo ";
    private const string Review = " — hãy rà soát trước khi gửi.";
    private const string StocksStart = "; lấy số cuối kỳ, không cộng các kỳ: ";

    /// <summary>Longer periods are drafted from their parts; a month or a quarter starts empty.</summary>
    public static bool Applies(ReportingPeriod period) => period.Type is PeriodType.Half or PeriodType.NineMonths or PeriodType.Year;

    /// <summary>
    /// The parts to use among the periods the unit has reports for: per quarter covered, its report, else its months'
    /// reports; with the quarters (or months) that have none.
    /// </summary>
    public static (IReadOnlyList<ReportingPeriod> Chosen, IReadOnlyList<ReportingPeriod> Missing) Choose(ReportingPeriod period, IReadOnlySet<ReportingPeriod> available)
    {
        var chosen = new List<ReportingPeriod>();
        var missing = new List<ReportingPeriod>();
        if (!Applies(period))
        {
            return (chosen, missing);
        }

        var (start, end) = period.CalendarWindow();
        for (var month = start.Month; month <= end.Month; month += 3)
        {
            var quarter = ReportingPeriod.Quarter(period.Year, ((month - 1) / 3) + 1);
            var months = Enumerable.Range(month, 3).Select(m => ReportingPeriod.Month(period.Year, m)).ToList();
            if (available.Contains(quarter))
            {
                chosen.Add(quarter);
            }
            else if (months.Any(available.Contains))
            {
                chosen.AddRange(months.Where(available.Contains));
                missing.AddRange(months.Where(m => !available.Contains(m)));
            }
            else
            {
                missing.Add(quarter);
            }
        }

        return (chosen, missing);
    }

    public static FromPartsDraft Build(FromPartsInput input)
    {
        var parts = input.Parts.OrderBy(p => p.Period).ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in input.Keys)
        {
            // The opening and closing name their own period ("… quý I năm 2025 như sau:"): wrong for the longer one.
            if (key == ReportTemplate.Default[0].Key || key == ReportTemplate.Default[^1].Key)
            {
                continue;
            }

            var text = Section(parts.Select(p => (Label(p.Period), p.Texts.GetValueOrDefault(key, ""))).ToList());
            if (text.Length > 0)
            {
                texts[key] = text;
            }
        }

        var answers = parts.SelectMany(p => p.Figures).ToList();
        var figures = FigureRollup.RollUp(input.PartFigures, answers, input.Targets, [.. parts.Select(p => p.ReportId)]);
        var labels = parts.ToDictionary(p => p.ReportId, p => Label(p.Period));
        var stocks = figures.Where(f => f.TakenFrom is not null).Select(f => $"{f.Name} ({labels[f.TakenFrom!.Value]})").ToList();
        var partial = figures.Where(f => f.Reports < parts.Count).Select(f => $"{f.Name} ({f.Reports}/{parts.Count})").ToList();
        return new FromPartsDraft(texts, figures, FigureTexts(input, parts), Mark(input.Period, parts, input.Missing, stocks, partial));
    }

    /// <summary>
    /// Each text figure of the longer report from its parts' answers to the figure of the same name: "Quý I: …; Quý II: …",
    /// empty answers left out (a closing full stop too, the answers being joined by semicolons), an answer repeated word for word said once, under every period that gave it ("Quý I,
    /// Quý II: …"), so no period looks silent; cut at a word to the answers' length limit.
    /// </summary>
    private static List<DraftedText> FigureTexts(FromPartsInput input, IReadOnlyList<ReportPart> parts)
    {
        var names = input.PartFigures.Where(f => f.Kind == FigureKind.Text).ToDictionary(f => f.Id, f => FigureRollup.Key(f.Name));
        var drafted = new List<DraftedText>();
        foreach (var target in input.Targets.Where(t => t.Kind == FigureKind.Text).OrderBy(t => t.Order))
        {
            var key = FigureRollup.Key(target.Name);
            var said = new List<(string Text, List<string> Labels)>();
            foreach (var part in parts)
            {
                var text = part.FigureTexts.Where(a => names.GetValueOrDefault(a.PlanFigureId) == key).Select(a => Text.VietnameseText.CollapseWhiteSpace(a.Text).TrimEnd('.', ';')).FirstOrDefault(t => t.Length > 0);
                if (text is null)
                {
                    continue;
                }

                if (said.FirstOrDefault(s => s.Text == text) is { Labels: { } same })
                {
                    same.Add(Label(part.Period));
                }
                else
                {
                    said.Add((text, [Label(part.Period)]));
                }
            }

            if (said.Count > 0)
            {
                drafted.Add(new DraftedText(target, Cut(string.Join("; ", said.Select(s => $"{string.Join(", ", s.Labels)}: {s.Text}")), ReportFigure.MaxTextLength)));
            }
        }

        return drafted;
    }

    /// <summary>The text, or its longest start of whole words that fits with "…".</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var space = text.LastIndexOf(' ', max - 1);
        return text[..(space > 0 ? space : max - 1)].TrimEnd(' ', ';', ',', '.') + "…";
    }

    /// <summary>
    /// One section over the periods: "Quý I: …" then "Quý II: …", each sentence once — a sentence repeated in later
    /// periods (the same directive, the same standing task) stays with the first period that wrote it; sentences whose
    /// numbers differ are each period's own facts and are all kept.
    /// </summary>
    public static string Section(IReadOnlyList<(string Label, string Text)> parts)
    {
        var sentences = new List<UnitSentence>();
        for (var i = 0; i < parts.Count; i++)
        {
            var list = NearDuplicates.Sentences(parts[i].Text);
            sentences.AddRange(list.Select((s, j) => new UnitSentence(i, s, list.Count == 1 ? 0 : (double)j / (list.Count - 1))));
        }

        if (sentences.Count == 0)
        {
            return "";
        }

        var kept = new SortedSet<int>();
        foreach (var group in NearDuplicates.Group(sentences))
        {
            if (group.Shared)
            {
                kept.Add(group.Members.Min());
            }
            else
            {
                kept.UnionWith(group.Members);
            }
        }

        return string.Join('\n', kept.GroupBy(i => sentences[i].Unit)
            .Select(g => $"{parts[g.Key].Label}: {string.Join(' ', g.Select(i => Phrasing.EndWith(sentences[i].Text, '.')))}"));
    }

    /// <summary>"Quý I", "Tháng 4": a part within its year.</summary>
    public static string Label(ReportingPeriod period) => period.Type switch
    {
        PeriodType.Quarter => $"Quý {ReportingPeriod.Roman(period.Index)}",
        PeriodType.Month => string.Create(CultureInfo.InvariantCulture, $"Tháng {period.Index}"),
        _ => period.ToVietnamese(),
    };

    /// <summary>
    /// "Dự thảo từ báo cáo Quý I (số hiệu 12), Quý II (số hiệu 13, chưa gửi) năm 2025; chưa có báo cáo Quý III; số liệu
    /// chưa đủ các kỳ: … — hãy rà soát trước khi gửi." Kept in the report's first history line, read by <see cref="Read"/>.
    /// </summary>
    private static string Mark(ReportingPeriod period, IReadOnlyList<ReportPart> parts, IReadOnlyList<ReportingPeriod> missing, List<string> stocks, List<string> partial)
    {
        var used = string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Label(p.Period)} (số hiệu {p.ReportId}{(p.Sent ? "" : ", chưa gửi")})")));
        var mark = string.Create(CultureInfo.InvariantCulture, $"{MarkStart}{used} năm {period.Year}");
        if (missing.Count > 0)
        {
            mark += "; chưa có báo cáo " + string.Join(", ", missing.Select(Label));
        }

        if (stocks.Count > 0)
        {
            mark += StocksStart + Few(stocks);
        }

        if (partial.Count > 0)
        {
            mark += "; số liệu chưa đủ các kỳ: " + Few(partial);
        }

        return mark + Review;
    }

    // A history line stays short: the first few figures, then how many more.
    private static string Few(List<string> names) => string.Join(", ", names.Take(5)) + (names.Count > 5 ? $" và {names.Count - 5} chỉ tiêu khác" : "");

    /// <summary>The mark in a report's first history line, or null for a report not drafted from parts.</summary>
    public static DraftedFrom? Read(string? comment)
    {
        var start = comment?.IndexOf(MarkStart, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var mark = comment![start..];
        var parts = PartPattern().Matches(mark).Select(m => new MarkedPart(m.Groups["label"].Value, int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture), !m.Groups["draft"].Success)).ToList();
        var year = YearPattern().Match(mark);
        if (parts.Count == 0 || !year.Success)
        {
            return null;
        }

        var missing = MissingPattern().Match(mark);
        var partial = PartialPattern().Match(mark);
        var stocks = StocksPattern().Match(mark);
        return new DraftedFrom(
            parts,
            int.Parse(year.Groups["year"].Value, CultureInfo.InvariantCulture),
            missing.Success ? missing.Groups["list"].Value.Split(", ") : [],
            partial.Success ? partial.Groups["list"].Value : null,
            stocks.Success ? stocks.Groups["list"].Value : null);
    }

    [GeneratedRegex(@"(?<label>Quý [IV]+|Tháng \d{1,2}) \(số hiệu (?<id>\d+)(?<draft>, chưa gửi)?\)", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();

    [GeneratedRegex(@"\) năm (?<year>\d{4})", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"; chưa có báo cáo (?<list>[^;—]+?)(?=;| —)", RegexOptions.CultureInvariant)]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"; số liệu chưa đủ các kỳ: (?<list>.+?)(?= —)", RegexOptions.CultureInvariant)]
    private static partial Regex PartialPattern();

    [GeneratedRegex(@"; lấy số cuối kỳ, không cộng các kỳ: (?<list>.+?)(?=; số liệu chưa đủ các kỳ:| —)", RegexOptions.CultureInvariant)]
    private static partial Regex StocksPattern();
}
