using System.Globalization;
using System.Text;
using DanVan.Core.Plans;
using DanVan.Core.Reports;

namespace DanVan.Core.Consolidation;

/// <summary>A unit that had to report, with the names it calls itself in its text ("Ủy ban nhân dân xã An Bình", "An Bình").</summary>
public sealed record ConsolidationUnit(DraftUnit Unit, IReadOnlyList<string> OwnNames);

/// <summary>One figure answered in a unit's report.</summary>
public readonly record struct FigureAnswer(int ReportId, int PlanFigureId, decimal Value, string? Text);

/// <summary>Everything a consolidation reads, loaded by <see cref="ConsolidationService"/>.</summary>
public sealed record ConsolidationInput
{
    public required Plan Plan { get; init; }

    public required string Period { get; init; }

    public required string PeriodText { get; init; }

    /// <summary>The consolidating unit's name ("Ủy ban nhân dân tỉnh Lâm Đồng").</summary>
    public required string OwnerName { get; init; }

    /// <summary>The consolidated report's outline.</summary>
    public required IReadOnlyList<SectionTemplate> Outline { get; init; }

    /// <summary>Every unit that had to report, in the order the appendix lists them.</summary>
    public required IReadOnlyList<ConsolidationUnit> Units { get; init; }

    /// <summary>Section texts of the sent reports, by report id then section key.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> Texts { get; init; }

    public required IReadOnlyList<FigureAnswer> Figures { get; init; }

    /// <summary>The figures the consolidating unit's own plan asks of it, when it reports under one.</summary>
    public IReadOnlyList<PlanFigure>? UpperFigures { get; init; }
}

/// <summary>Builds a consolidated report from the units' sent reports. Pure: no EF, no I/O.</summary>
public static class Consolidator
{
    /// <summary>Up to this many units are named after a shared paragraph; beyond, only their number (the list is in the sources).</summary>
    public const int NamesShown = 5;

    public static ConsolidationContent Build(ConsolidationInput input)
    {
        var units = input.Units.Select(u => u.Unit).ToList();
        var sent = units.Where(u => u.Sent && u.ReportId is { } id && input.Texts.ContainsKey(id)).ToList();
        var names = units.ToDictionary(u => u.UnitId, u => ShortName(u.Name));
        var own = input.Units.ToDictionary(u => u.Unit.UnitId, u => u.OwnNames);
        var intro = ReportTemplate.Default[0].Key;
        var closing = ReportTemplate.Default[^1].Key;
        var (figures, appendix) = Figures(input, sent);

        var drafted = new List<(SectionTemplate Section, List<DraftPart> Parts)>();
        foreach (var section in input.Outline)
        {
            var parts = section.Key == intro ? Opening(input, units)
                : section.Key == closing ? [new DraftPart($"Trên đây là báo cáo tổng hợp kết quả thực hiện công tác dân vận chính quyền {input.PeriodText} của {input.OwnerName}./.", [], false)]
                : Assemble(section.Key, sent, input.Texts, names, own);
            drafted.Add((section, parts));
        }

        // The appendices are numbered in the order they are printed; the body refers to them by number.
        var labels = new ConsolidationAppendix.Labels(
            appendix.Columns.Count > 0 && appendix.Rows.Count > 0,
            drafted.Any(d => d.Parts.Any(ConsolidationAppendix.IsListed)));
        var list = 0;
        var sections = new List<DraftSection>();
        foreach (var (section, parts) in drafted)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (ConsolidationAppendix.IsListed(parts[i]))
                {
                    parts[i] = parts[i] with { Text = WithListedUnits(parts[i].Text, parts[i].Units.Count, ++list, labels.Lists!), List = list };
                }
            }

            sections.Add(new DraftSection(section.Key, section.Heading, section.Level, Fit(parts, labels.Overflow), parts));
        }

        return new ConsolidationContent(input.Plan.Id, input.Plan.Citation, input.Period, units, sections, figures, appendix);
    }

    /// <summary>One section: shared paragraphs once with their units, then each unit's own sentences under its name.</summary>
    public static List<DraftPart> Assemble(
        string key,
        IReadOnlyList<DraftUnit> sent,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> texts,
        IReadOnlyDictionary<int, string> names,
        IReadOnlyDictionary<int, IReadOnlyList<string>> own)
    {
        var sentences = new List<UnitSentence>();
        foreach (var unit in sent)
        {
            if (!texts[unit.ReportId!.Value].TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var list = NearDuplicates.Sentences(text);
            for (var i = 0; i < list.Count; i++)
            {
                sentences.Add(new UnitSentence(unit.UnitId, list[i], list.Count == 1 ? 0 : (double)i / (list.Count - 1)));
            }
        }

        var groups = NearDuplicates.Group(sentences, id => own.GetValueOrDefault(id) ?? []);
        var parts = groups.Where(g => g.Shared).OrderBy(g => g.Position).ThenByDescending(g => g.Units.Count)
            .Select(g => new DraftPart(g.Units.Count <= NamesShown ? WithUnits(g.Text, g.Units, names) : g.Text, g.Units, true))
            .ToList();
        var order = sent.Select((u, i) => (u.UnitId, i)).ToDictionary(x => x.UnitId, x => x.i);
        parts.AddRange(groups.Where(g => !g.Shared).GroupBy(g => g.Units[0]).OrderBy(g => order[g.Key])
            .Select(g => new DraftPart($"{names[g.Key]}: {string.Join(" ", g.OrderBy(s => s.Position).Select(s => s.Text))}", [g.Key], false)));
        return parts;
    }

    /// <summary>"Tuyên truyền … Chỉ thị số 33/CT-TTg (2 đơn vị: UBND xã A, UBND xã B)." — the units named when there are few.</summary>
    public static string WithUnits(string text, IReadOnlyList<int> units, IReadOnlyDictionary<int, string> names) =>
        Before(text, $"({units.Count} đơn vị: {string.Join(", ", units.Select(u => names[u]))})");

    /// <summary>"… Chỉ thị số 33/CT-TTg (215 đơn vị, danh sách số 3 tại Phụ lục II)." — many units are listed in an appendix.</summary>
    public static string WithListedUnits(string text, int count, int list, string appendix) => Before(text, ListNote(count, list, appendix));

    public static string ListNote(int count, int list, string appendix) => $"({count.ToString("N0", Vi)} đơn vị, danh sách số {list} tại Phụ lục {appendix})";

    /// <summary>The note goes before the paragraph's closing punctuation.</summary>
    private static string Before(string text, string note) =>
        text.Length > 0 && text[^1] is '.' or ';' or ':' ? $"{text[..^1]} {note}{text[^1]}" : $"{text} {note}";

    /// <summary>
    /// The section's text: its parts while they fit the length a section may have, then a line saying how many were
    /// left out; those are printed in the appendix labelled <paramref name="overflow"/>.
    /// </summary>
    private static string Fit(List<DraftPart> parts, string overflow)
    {
        const int reserve = 300;
        var text = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            if (text.Length + parts[i].Text.Length + 1 > ReportSection.MaxTextLength - reserve)
            {
                var rest = parts.Skip(i).ToList();
                for (var j = i; j < parts.Count; j++)
                {
                    parts[j] = parts[j] with { InText = false };
                }

                var restUnits = rest.SelectMany(p => p.Units).Distinct().Count();
                text.Append(Vi, $"(Còn {rest.Count.ToString("N0", Vi)} đoạn của {restUnits.ToString("N0", Vi)} đơn vị không in trong mục này vì mục quá dài; các đoạn này in tại Phụ lục {overflow}.)");
                break;
            }

            text.Append(parts[i].Text).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The opening: what the report answers, who reported on time or late, and who did not report.</summary>
    private static List<DraftPart> Opening(ConsolidationInput input, List<DraftUnit> units)
    {
        var sent = units.Where(u => u.Sent).ToList();
        var late = sent.Where(u => u.Timeliness == Timeliness.Late).ToList();
        var missing = units.Where(u => !u.Sent).ToList();
        var parts = new List<DraftPart>
        {
            new($"Thực hiện {input.Plan.Citation} về {LowerFirst(input.Plan.Summary)}, trên cơ sở báo cáo của các đơn vị, {input.OwnerName} tổng hợp kết quả thực hiện công tác dân vận chính quyền {input.PeriodText} như sau:", [], false),
            new($"Số đơn vị phải báo cáo: {N(units.Count)}; đã gửi báo cáo: {N(sent.Count)} (đúng hạn {N(sent.Count - late.Count)}, trễ hạn {N(late.Count)}); chưa gửi báo cáo: {N(missing.Count)}.", units.Select(u => u.UnitId).ToList(), false),
        };
        if (late.Count > 0)
        {
            parts.Add(new DraftPart($"Đơn vị gửi báo cáo trễ hạn: {string.Join("; ", late.Select(u => ShortName(u.Name)))}.", late.Select(u => u.UnitId).ToList(), false));
        }

        if (missing.Count > 0)
        {
            parts.Add(new DraftPart($"Đơn vị chưa gửi báo cáo: {string.Join("; ", missing.Select(u => ShortName(u.Name)))}.", missing.Select(u => u.UnitId).ToList(), false));
        }

        return parts;
    }

    /// <summary>The plan's figures rolled up per their rule over the sent reports, and the table of every unit's answers.</summary>
    private static (IReadOnlyList<DraftFigure>, DraftAppendix) Figures(ConsolidationInput input, IReadOnlyList<DraftUnit> sent)
    {
        var figures = input.Plan.Figures.OrderBy(f => f.Order).ToList();
        var reports = sent.Select(u => u.ReportId!.Value).ToHashSet();
        var answers = input.Figures.Where(a => reports.Contains(a.ReportId)).ToList();
        var numeric = answers.Where(a => a.Text is null).Select(a => (a.PlanFigureId, a.Value)).ToList();
        var rolled = FigureRollup.RollUp(figures, numeric, input.UpperFigures)
            .Select(f => new DraftFigure(f.Name, f.UnitOfMeasure, f.Value, f.Reports, f.PlanFigureId))
            .ToList();

        var byReport = answers.GroupBy(a => a.ReportId).ToDictionary(g => g.Key, g => g.GroupBy(a => a.PlanFigureId).ToDictionary(x => x.Key, x => x.First()));
        var rows = sent.Select(u => new AppendixRow(u.UnitId, figures
                .Select(f => byReport.TryGetValue(u.ReportId!.Value, out var mine) && mine.TryGetValue(f.Id, out var a) ? a.Text ?? Number(a.Value) : "")
                .ToList()))
            .ToList();
        var totals = figures.Select(f => f.Kind == FigureKind.Text
                ? ""
                : FigureRollup.Combine(answers.Where(a => a.PlanFigureId == f.Id && a.Text is null).Select(a => a.Value), f.Rollup) is { } v ? Number(v) : "")
            .ToList();
        var columns = figures.Select(f => f.UnitOfMeasure.Length > 0 ? $"{f.Name} ({f.UnitOfMeasure})" : f.Name).ToList();
        return (rolled, new DraftAppendix(columns, rows, totals));
    }

    /// <summary>"Ủy ban nhân dân xã An Bình" is written "UBND xã An Bình", as officials abbreviate it in running text.</summary>
    public static string ShortName(string name) =>
        name.StartsWith("Ủy ban nhân dân ", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Uỷ ban nhân dân ", StringComparison.OrdinalIgnoreCase)
            ? "UBND " + name["Ủy ban nhân dân ".Length..]
            : name;

    public static string Number(decimal value) => value.ToString("#,##0.####", Vi);

    private static string N(int n) => n.ToString("N0", Vi);

    private static string LowerFirst(string s) => s.Length == 0 ? s : char.ToLower(s[0], Vi) + s[1..];

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
}
