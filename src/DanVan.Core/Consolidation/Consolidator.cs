using System.Collections.Concurrent;
using System.Globalization;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;

namespace DanVan.Core.Consolidation;

/// <summary>
/// A unit that had to report, with the names it calls itself in its text ("Ủy ban nhân dân xã An Bình", "An Bình").
/// Each unit is one object, compared by reference: a province's sentences are grouped by their unit many times over.
/// </summary>
public sealed class ConsolidationUnit(DraftUnit unit, IReadOnlyList<string> ownNames)
{
    public DraftUnit Unit { get; } = unit;

    public IReadOnlyList<string> OwnNames { get; } = ownNames;
}

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

    /// <summary>The scope's figures beside the previous period and the same period last year, for the opening's sentence.</summary>
    public FigureComparisonTable? Comparison { get; init; }

    /// <summary>The most A4 pages the body may take in the Decree 30 layout, before the signature and appendices.</summary>
    public int BodyPages { get; init; } = Consolidator.DefaultBodyPages;
}

/// <summary>
/// Builds a consolidated report from the units' sent reports: a synthesis a Sở Nội vụ can send, not a line per unit.
/// Per section: like facts added up (<see cref="FactReader"/>), what many units wrote said once with how many, a few
/// named examples; section II groups the difficulties, section III is one task list for the named next period. The
/// body is kept within <see cref="ConsolidationInput.BodyPages"/> pages (<see cref="BodyBudget"/>); what does not fit
/// goes to the appendices (<see cref="ConsolidationAppendix"/>). Every unit sentence is the source of some part. Pure.
/// </summary>
public static class Consolidator
{
    public const int DefaultBodyPages = 15;

    /// <summary>Up to this many units are named in a paragraph several units wrote; beyond, their number.</summary>
    public const int NamesShown = 3;

    /// <summary>Notable examples per section.</summary>
    private const int ExamplesPerSection = 3;

    public static ConsolidationContent Build(ConsolidationInput input)
    {
        var units = input.Units.Select(u => u.Unit).ToList();
        var sent = input.Units.Where(u => u.Unit.Sent && u.Unit.ReportId is { } id && input.Texts.ContainsKey(id)).ToList();
        var intro = ReportTemplate.Default[0].Key;
        var closing = ReportTemplate.Default[^1].Key;
        var (figures, appendix) = Figures(input, sent.Select(u => u.Unit).ToList());
        var period = ReportingPeriod.Parse(input.Period);
        var context = new Context(input, sent, period.Next().ToVietnamese());
        var labels = ConsolidationAppendix.For(appendix.Columns.Count > 0 && appendix.Rows.Count > 0, units);

        // Sections are drafted apart from one another, so they are drafted side by side: at 3,693 units the synthesis
        // is most of a consolidation's time and a second core halves it (bench/README.md). The largest sections start
        // first so that one of them is not left to run alone at the end.
        var outline = input.Outline;
        var parts = new List<Candidate>[outline.Count];
        var largestFirst = Enumerable.Range(0, outline.Count)
            .OrderByDescending(i => sent.Sum(u => input.Texts[u.Unit.ReportId!.Value].TryGetValue(outline[i].Key, out var t) ? t.Length : 0))
            .ToList();
        Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), i =>
            parts[i] = outline[i].Key == intro ? Opening(input, units, sent, labels)
                : outline[i].Key == closing ? Closing(input, sent)
                : Synthesize(outline[i], context));
        var drafted = outline.Select((section, i) => (Section: section, Heading: Heading(section, context.Next), Parts: parts[i])).ToList();

        BodyBudget.Select(drafted.Select(d => (d.Heading, d.Section.Level, (IReadOnlyList<Candidate>)d.Parts)).ToList(), input.BodyPages, figures.Count);
        var sections = drafted
            .Select(d => new DraftSection(
                d.Section.Key,
                d.Heading,
                d.Section.Level,
                string.Join('\n', d.Parts.Where(c => c.InText).Select(c => c.Part.Text)),
                d.Parts.Select(c => c.InText ? c.Part : c.Part with { InText = false }).ToList()))
            .ToList();
        return new ConsolidationContent(input.Plan.Id, input.Plan.Citation, input.Period, units, sections, figures, appendix);
    }

    /// <summary>"III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI" names the period: "… THÁNG 01 NĂM 2026".</summary>
    private static string Heading(SectionTemplate section, string next) =>
        section.Heading.Contains("KỲ TỚI", StringComparison.Ordinal)
            ? section.Heading.Replace("KỲ TỚI", next.ToUpper(Vi), StringComparison.Ordinal)
            : section.Heading.Replace("kỳ tới", next, StringComparison.Ordinal);

    /// <summary>A paragraph drafted for the body with its priority: lower <see cref="Tier"/> first, then higher <see cref="Weight"/>.</summary>
    internal sealed class Candidate(DraftPart part, int tier, double weight)
    {
        public DraftPart Part { get; } = part;

        public int Tier { get; } = tier;

        public double Weight { get; } = weight;

        public bool InText { get; set; }
    }

    private sealed class Context(ConsolidationInput input, IReadOnlyList<ConsolidationUnit> sent, string next)
    {
        public ConsolidationInput Input { get; } = input;

        public IReadOnlyList<ConsolidationUnit> Sent { get; } = sent;

        public string Next { get; } = next;

        public int SentCount => Sent.Count;

        public Dictionary<int, ConsolidationUnit> ById { get; } = sent.ToDictionary(u => u.Unit.UnitId);

        /// <summary>What is read off a sentence, once per distinct text: thousands of units copy the same sentences.</summary>
        public ConcurrentDictionary<string, Reading> Read { get; } = new(StringComparer.Ordinal);

        /// <summary>A sentence of section III as a task (<see cref="Phrasing.Task"/>), once per distinct text.</summary>
        public ConcurrentDictionary<string, string> Tasks { get; } = new(StringComparer.Ordinal);

        public string Task(string sentence) => Tasks.GetOrAdd(sentence, Phrasing.Task);
    }

    /// <summary>
    /// What a sentence says whoever wrote it: its quantities, its folded form, and whether it is a heading or lead-in
    /// (<see cref="Phrasing.IsLabel"/>: only a sentence without numbers can be one).
    /// </summary>
    private sealed record Reading(IReadOnlyList<Quantity> Quantities, string Folded, bool IsLabel)
    {
        public static Reading Of(string sentence)
        {
            var quantities = FactReader.Read(sentence);
            return new Reading(quantities, Phrasing.Fold(sentence), quantities.Count == 0 && Phrasing.IsLabel(sentence));
        }
    }

    /// <summary>One sentence one unit wrote in the section: each is its own object, compared by reference.</summary>
    private sealed class Sentence(ConsolidationUnit unit, string text, double position, Reading reading)
    {
        public ConsolidationUnit Unit { get; } = unit;

        public string Text { get; } = text;

        public double Position { get; } = position;

        public IReadOnlyList<Quantity> Quantities => reading.Quantities;

        public string Folded => reading.Folded;

        public bool IsLabel => reading.IsLabel;

        public DraftSource Source => new(Unit.Unit.ReportId!.Value, Unit.Unit.Code, Text);
    }

    private static List<Candidate> Synthesize(SectionTemplate section, Context context)
    {
        var sentences = new List<Sentence>();
        foreach (var unit in context.Sent)
        {
            if (!context.Input.Texts[unit.Unit.ReportId!.Value].TryGetValue(section.Key, out var written) || string.IsNullOrWhiteSpace(written))
            {
                continue;
            }

            var list = NearDuplicates.Sentences(written);
            for (var i = 0; i < list.Count; i++)
            {
                sentences.Add(new Sentence(unit, list[i], list.Count == 1 ? 0 : (double)i / (list.Count - 1), context.Read.GetOrAdd(list[i], Reading.Of)));
            }
        }

        if (sentences.Count == 0)
        {
            return [];
        }

        var tasks = section.Key == ReportTemplate.NextTasksKey || section.Heading.Contains("PHƯƠNG HƯỚNG", StringComparison.OrdinalIgnoreCase);
        var assessment = section.Key == "II" || section.Heading.Contains("ĐÁNH GIÁ", StringComparison.OrdinalIgnoreCase) || section.Heading.Contains("HẠN CHẾ", StringComparison.OrdinalIgnoreCase);
        // Headings and lead-ins the unit laid out ("Nguyên nhân", "… nhiệm vụ trọng tâm sau:") say nothing of their own.
        var labels = sentences.Where(s => s.IsLabel).ToList();
        var used = new HashSet<Sentence>(labels, ReferenceEqualityComparer.Instance);
        var parts = new List<Candidate>();

        if (tasks)
        {
            parts.Add(new Candidate(new DraftPart($"Trên cơ sở phương hướng, nhiệm vụ các đơn vị đề ra, những nhiệm vụ trọng tâm {context.Next}:", PartKind.Summary, [], []), 0, 0));
        }

        // 1. Like facts added up, the activities most units report first.
        var (aggregates, covered) = Aggregates(sentences.Where(s => !tasks && s.Quantities.Any(q => q.Activity is not null)).ToList(), context);
        parts.AddRange(aggregates);
        used.UnionWith(covered);

        // 2. Difficulties and proposals in the units' own words, grouped by what they are about.
        var proposals = new HashSet<Sentence>(sentences.Where(s => !used.Contains(s) && Themes.Proposal.In(s.Folded)), ReferenceEqualityComparer.Instance);
        var difficulties = assessment
            ? sentences.Where(s => !used.Contains(s) && !proposals.Contains(s) && (Themes.Limitation.In(s.Folded) || Themes.Cause.In(s.Folded)) && Themes.Difficulties.Any(t => t.In(s.Folded))).ToList()
            : [];
        var causes = difficulties.Where(s => Themes.Cause.In(s.Folded)).ToList();
        difficulties = difficulties.Where(s => !Themes.Cause.In(s.Folded)).ToList();
        used.UnionWith(proposals);
        used.UnionWith(difficulties);
        used.UnionWith(causes);

        // 3. What several units wrote alike, once; the rest is each unit's own.
        var text = sentences.Where(s => !used.Contains(s)).ToList();
        var groups = NearDuplicates.Group(text.Select(s => new UnitSentence(s.Unit.Unit.UnitId, tasks ? context.Task(s.Text) : s.Text, s.Position)).ToList(), id => Own(context, id));
        var shared = groups.Where(g => g.Shared).OrderByDescending(g => g.Units.Count).ThenBy(g => g.Position).ToList();
        var mine = new HashSet<Sentence>(groups.Where(g => !g.Shared).SelectMany(g => g.Members).Select(i => text[i]), ReferenceEqualityComparer.Instance);
        var sharedParts = shared.Select((g, rank) => new Candidate(
                new DraftPart(tasks ? "- " + TaskLine(g, context) : SharedText(g, context), PartKind.Shared, Codes(g.Members.Select(i => text[i])), g.Members.Select(i => text[i].Source).ToList()),
                g.Units.Count * 2 >= context.SentCount || rank < 2 ? 2 : 3,
                g.Units.Count))
            .ToList();

        if (assessment && difficulties.Count + causes.Count > 0)
        {
            parts.AddRange(sharedParts.Where(p => !Themes.Limitation.In(Phrasing.Fold(p.Part.Text))));
            sharedParts = sharedParts.Where(p => Themes.Limitation.In(Phrasing.Fold(p.Part.Text))).ToList();
            parts.AddRange(Grouped(difficulties, Themes.Difficulties, context, "Bên cạnh những kết quả đạt được, các đơn vị nêu một số hạn chế, khó khăn:", cause: false));
            parts.AddRange(Grouped(causes, Themes.Difficulties, context, "Nguyên nhân chủ yếu các đơn vị nêu:", cause: true));
        }

        parts.AddRange(sharedParts);

        // 4. A few named examples worth a leader's attention; then each unit's own sentences, for the appendix.
        var examples = Examples(sentences.Where(s => !tasks && (mine.Contains(s) || covered.Contains(s))).ToList(), aggregates, context);
        parts.AddRange(examples.Select((s, rank) => new Candidate(
            new DraftPart(Phrasing.Attributed(ShortName(s.Unit.Unit.Name), s.Text, s.Unit.OwnNames), PartKind.Example, [s.Unit.Unit.Code], [s.Source]),
            rank < 2 ? 2 : 3,
            context.SentCount)));
        used.UnionWith(examples);

        if (proposals.Count > 0)
        {
            parts.AddRange(Grouped(proposals.ToList(), Themes.Proposals, context, "Kiến nghị, đề xuất của các đơn vị:", cause: false));
        }

        foreach (var unit in mine.Where(s => !used.Contains(s)).GroupBy(s => s.Unit))
        {
            var own = unit.OrderBy(s => s.Position).ToList();
            var body = tasks
                ? string.Join(" ", own.Select(s => context.Task(s.Text)))
                : string.Join(" ", own.Select((s, i) => i == 0 ? Phrasing.Attributed(ShortName(unit.Key.Unit.Name), s.Text, unit.Key.OwnNames) : Phrasing.Clean(s.Text)));
            parts.Add(new Candidate(
                new DraftPart(tasks ? $"- {ShortName(unit.Key.Unit.Name)}: {Phrasing.LowerFirst(body)}" : body, PartKind.Own, [unit.Key.Unit.Code], own.Select(s => s.Source).ToList()),
                4,
                0));
        }

        if (labels.Count > 0 && parts.Count > 0)
        {
            // They stand with the section's first paragraph, so every sentence a unit wrote is some paragraph's source.
            var first = parts[0];
            parts[0] = new Candidate(first.Part with { Sources = [.. first.Part.Sources, .. labels.Select(l => l.Source)] }, first.Tier, first.Weight);
        }
        else if (labels.Count > 0)
        {
            parts.AddRange(labels.GroupBy(l => l.Unit).Select(g => new Candidate(
                new DraftPart($"{ShortName(g.Key.Unit.Name)}: {string.Join(" ", g.Select(l => Phrasing.Clean(l.Text)))}", PartKind.Own, [g.Key.Unit.Code], g.Select(l => l.Source).ToList()), 4, 0)));
        }

        return parts;
    }

    private static IReadOnlyList<string> Own(Context context, int unitId) =>
        context.ById.TryGetValue(unitId, out var unit) ? unit.OwnNames : [];

    private static List<string> Codes(IEnumerable<Sentence> sentences) => sentences.Select(s => s.Unit.Unit.Code).Distinct().ToList();

    /// <summary>
    /// "Tất cả các đơn vị", "215/349 đơn vị", or the units' names when there are few: always when only a few units
    /// sent, and for a paragraph few units wrote when <paramref name="nameFew"/> (added-up facts count their units).
    /// </summary>
    private static string Subject(List<ConsolidationUnit> units, Context context, bool nameFew = true) =>
        units.Count == context.SentCount && units.Count > NamesShown ? "tất cả các đơn vị"
        : units.Count <= NamesShown && (nameFew || context.SentCount <= NamesShown) ? Phrasing.List(units.Select(u => ShortName(u.Unit.Name)).ToList())
        : $"{Phrasing.Count(units.Count)}/{Phrasing.Count(context.SentCount)} đơn vị";

    private static string SharedText(SentenceGroup group, Context context)
    {
        var units = group.Units.Select(id => context.ById[id]).ToList();
        var text = group.Text;
        if (text.StartsWith(NearDuplicates.OwnNamePlaceholder + " ", StringComparison.Ordinal))
        {
            text = text[(NearDuplicates.OwnNamePlaceholder.Length + 1)..];
        }

        text = text.Replace(NearDuplicates.OwnNamePlaceholder, "đơn vị", StringComparison.Ordinal);
        return Phrasing.WithSubject(Subject(units, context), text);
    }

    private static string TaskLine(SentenceGroup group, Context context) =>
        group.Units.Count == context.SentCount && context.SentCount > NamesShown
            ? context.Task(group.Text)
            : Phrasing.EndWith(context.Task(group.Text), ' ').TrimEnd() + $" ({Phrasing.Count(group.Units.Count)} đơn vị).";

    /// <summary>Sentences grouped by theme, a line per theme with how many units and a few of them: difficulties, causes, proposals.</summary>
    private static List<Candidate> Grouped(IReadOnlyList<Sentence> sentences, IReadOnlyList<Theme> themes, Context context, string lead, bool cause)
    {
        var lines = new List<(Theme Theme, List<Sentence> Members)>();
        var rest = new List<Sentence>();
        foreach (var theme in themes)
        {
            var members = sentences.Where(s => theme.In(s.Folded)).ToList();
            if (members.Count > 0)
            {
                lines.Add((theme, members));
            }
        }

        var parts = new List<Candidate>();
        var themed = new HashSet<Sentence>(lines.SelectMany(l => l.Members), ReferenceEqualityComparer.Instance);
        lines = lines.OrderByDescending(l => l.Members.Select(s => s.Unit).Distinct().Count()).ToList();
        if (lines.Count > 0)
        {
            parts.Add(new Candidate(new DraftPart(lead, PartKind.Summary, [], []), 1, double.MaxValue));
        }

        foreach (var ((theme, members), rank) in lines.Select((l, i) => (l, i)))
        {
            var writers = members.Select(s => s.Unit).Distinct().ToList();
            // The shortest names read best as examples ("UBND xã An Bình" rather than a sub-department's full title).
            var named = writers.Select(u => ShortName(u.Unit.Name)).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).Take(NamesShown).ToList();
            var who = writers.Count <= NamesShown
                ? Phrasing.List(named)
                : $"{Phrasing.Count(writers.Count)} đơn vị, như: {string.Join(", ", named)}";
            var phrase = cause ? theme.Phrase : Phrasing.UpperFirst(theme.Phrase);
            parts.Add(new Candidate(
                new DraftPart($"- {Phrasing.UpperFirst(phrase)} ({who}).", writers.Count > 1 ? PartKind.Shared : PartKind.Own, writers.Select(u => u.Unit.Code).ToList(), members.Select(s => s.Source).ToList()),
                rank < 6 ? 1 : 3,
                writers.Count));
        }

        rest.AddRange(sentences.Where(s => !themed.Contains(s)));
        foreach (var group in NearDuplicates.Group(rest.Select(s => new UnitSentence(s.Unit.Unit.UnitId, s.Text, s.Position)).ToList(), id => Own(context, id)))
        {
            var members = group.Members.Select(i => rest[i]).ToList();
            var writers = members.Select(s => s.Unit).Distinct().ToList();
            var text = writers.Count == 1 ? $"- {ShortName(writers[0].Unit.Name)}: {Phrasing.LowerFirst(Phrasing.Clean(group.Text))}" : "- " + Phrasing.WithSubject(Subject(writers, context), group.Text);
            parts.Add(new Candidate(new DraftPart(text, writers.Count > 1 ? PartKind.Shared : PartKind.Own, writers.Select(u => u.Unit.Code).ToList(), members.Select(s => s.Source).ToList()), writers.Count > 1 ? 3 : 4, writers.Count));
        }

        return parts;
    }

    /// <summary>
    /// One paragraph per activity several units report with numbers: how many units, the quantities summed per
    /// measure, rates as range and mean; the sentences it stands for are its sources.
    /// </summary>
    private static (List<Candidate> Parts, HashSet<Sentence> Covered) Aggregates(IReadOnlyList<Sentence> facts, Context context)
    {
        var byActivity = facts
            .SelectMany(s => s.Quantities.Where(q => q.Activity is not null).Select(q => (Sentence: s, Quantity: q)))
            .GroupBy(x => x.Quantity.Activity!.Key)
            .Select(g => (Activity: g.First().Quantity.Activity!, Items: g.ToList()))
            .Where(a => a.Items.Select(x => x.Sentence.Unit).Distinct().Count() >= Math.Min(2, context.SentCount))
            .ToList();
        var added = new List<(Activity Activity, List<ConsolidationUnit> Units, List<DraftQuantity> Quantities, List<DraftRate> Rates, List<Sentence> Sources)>();
        foreach (var (activity, items) in byActivity)
        {
            var quantities = new List<DraftQuantity>();
            var rates = new List<DraftRate>();
            foreach (var measure in items.Select(x => x.Quantity.Measure).Distinct().OrderBy(m => activity.Measures.Keys.ToList().IndexOf(m)))
            {
                // A unit that repeats the same number for the same thing in two sentences counts it once.
                var values = items.Where(x => x.Quantity.Measure == measure)
                    .Select(x => (x.Sentence.Unit, x.Quantity.Value))
                    .Distinct()
                    .Select(x => new QuantitySource(x.Unit.Unit.ReportId!.Value, x.Unit.Unit.Code, x.Value))
                    .ToList();
                if (measure == Measures.Percent)
                {
                    rates.Add(new DraftRate(values.Min(v => v.Value), values.Max(v => v.Value), Math.Round(values.Average(v => v.Value), 1), measure, values));
                }
                else
                {
                    quantities.Add(new DraftQuantity(values.Sum(v => v.Value), measure, values));
                }
            }

            // "Tiếp nhận 0 đơn" is a source, but the unit did not do it.
            var units = items.Where(x => x.Quantity.IsRate || x.Quantity.Value != 0).Select(x => x.Sentence.Unit).Distinct().ToList();
            if (units.Count > 0)
            {
                added.Add((activity, units, quantities, rates, items.Select(x => x.Sentence).Distinct().ToList()));
            }
        }

        var perReport = added.SelectMany(a => a.Quantities.Select(q => (a.Activity.Key, q)))
            .ToDictionary(x => (x.Key, x.q.Measure), x => x.q.Sources.GroupBy(s => s.ReportId).ToDictionary(g => g.Key, g => g.Sum(s => s.Value)));
        var parts = new List<Candidate>();
        var covered = new HashSet<Sentence>(ReferenceEqualityComparer.Instance);
        foreach (var (activity, units, quantities, rates, sources) in added.OrderByDescending(a => a.Units.Count).ThenBy(a => Activities.All.ToList().IndexOf(a.Activity)))
        {
            var subject = Phrasing.UpperFirst(Subject(units, context, nameFew: false));
            string text;
            if (rates.Count > 0 && quantities.Count == 0)
            {
                var r = rates[0];
                text = r.Min == r.Max
                    ? $"{subject} báo cáo {activity.Phrase} đạt {Percent(r.Min)}."
                    : $"{subject} báo cáo {activity.Phrase} từ {Percent(r.Min)} đến {Percent(r.Max)}, bình quân {Percent(r.Mean)}.";
            }
            else
            {
                var amounts = string.Join(", ", quantities.Where(q => q.Value != 0).Select(q => $"{Phrasing.Number(q.Value)} {activity.MeasureName(q.Measure)}"));
                text = $"{subject} {activity.Phrase}, {(units.Count > 1 ? "tổng cộng " : "")}{amounts}";
                foreach (var (part, whole, measure) in Activities.Ratios.Where(r => r.Part == activity.Key))
                {
                    if (perReport.GetValueOrDefault((whole, measure)) is { } wholes && perReport.GetValueOrDefault((part, measure)) is { } done)
                    {
                        var both = done.Keys.Where(wholes.ContainsKey).ToList();
                        var denominator = both.Sum(k => wholes[k]);
                        if (denominator > 0)
                        {
                            text += $", đạt {Percent(Math.Round(100 * both.Sum(k => done[k]) / denominator, 1))} số đơn tiếp nhận";
                        }
                    }
                }

                text += ".";
            }

            covered.UnionWith(sources);
            parts.Add(new Candidate(
                new DraftPart(text, PartKind.Aggregate, units.Select(u => u.Unit.Code).ToList(), sources.Select(s => s.Source).ToList(), quantities, rates.Count > 0 ? rates : null, activity.Key),
                1,
                units.Count));
        }

        // Sentences of activities too few units reported stay their units' own.
        return (parts, covered);
    }

    private static string Percent(decimal value) => Phrasing.Number(value) + " %";

    /// <summary>
    /// Facts worth a leader's attention: a named model, a first-time or long-awaited result, or a number far above what
    /// other units reported for the same activity. At most <see cref="ExamplesPerSection"/>, each from another unit.
    /// </summary>
    private static List<Sentence> Examples(IReadOnlyList<Sentence> candidates, IReadOnlyList<Candidate> aggregates, Context context)
    {
        // A unit's number far above the median of the units that reported the same activity in the same measure.
        var outliers = new Dictionary<(int ReportId, string Measure, decimal Value), double>();
        foreach (var q in aggregates.SelectMany(a => a.Part.Quantities ?? []).Where(q => q.Sources.Count >= 5))
        {
            var median = Median(q.Sources.Select(s => s.Value).ToList());
            var top = q.Sources.Select(s => s.Value).OrderDescending().Distinct().Take(3).ToHashSet();
            foreach (var source in q.Sources.Where(s => top.Contains(s.Value) && s.Value >= Math.Max(3 * median, median + 10)))
            {
                outliers[(source.ReportId, q.Measure, source.Value)] = 2 + ((double)(source.Value / Math.Max(median, 1)) / 10);
            }
        }

        var scored = new List<(Sentence Sentence, double Score)>();
        foreach (var s in candidates)
        {
            double score = 0;
            if (Distinctive.Any(d => s.Folded.Contains(d, StringComparison.Ordinal)))
            {
                score += 2;
            }

            if ((s.Text.Contains('“', StringComparison.Ordinal) || s.Text.Contains('"', StringComparison.Ordinal)) && s.Folded.Contains("mo hinh", StringComparison.Ordinal)
                && !s.Folded.Contains("dan van kheo\"", StringComparison.Ordinal) || NamedModel(s.Text))
            {
                score += 3;
            }

            foreach (var q in s.Quantities.Where(q => !q.IsRate))
            {
                if (outliers.TryGetValue((s.Unit.Unit.ReportId!.Value, q.Measure, q.Value), out var outlier))
                {
                    score = Math.Max(score, outlier);
                }
            }

            if (score >= 2)
            {
                scored.Add((s, score + (s.Text.Length is > 60 and < 300 ? 0.5 : 0)));
            }
        }

        var chosen = new List<Sentence>();
        foreach (var (sentence, _) in scored.OrderByDescending(x => x.Score).ThenBy(x => x.Sentence.Unit.Unit.Code, StringComparer.Ordinal))
        {
            if (chosen.Count < ExamplesPerSection && chosen.All(c => c.Unit != sentence.Unit) && context.SentCount > 1)
            {
                chosen.Add(sentence);
            }
        }

        return chosen;
    }

    /// <summary>A model named in quotation marks other than the movement's own name: mô hình “Camera an ninh”.</summary>
    private static bool NamedModel(string text)
    {
        var folded = Phrasing.Fold(text);
        var at = folded.IndexOf("mo hinh", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        foreach (var open in new[] { '“', '"' })
        {
            for (var i = text.IndexOf(open, at); i >= 0 && i < text.Length - 1; i = text.IndexOf(open, i + 1))
            {
                var close = text.IndexOfAny(['”', '"'], i + 1);
                if (close < 0)
                {
                    break;
                }

                var name = Phrasing.Fold(text[(i + 1)..close]);
                if (name.Length > 3 && name != "dan van kheo")
                {
                    return true;
                }

                i = close;
            }
        }

        return false;
    }

    private static readonly string[] Distinctive =
    [
        "lan dau", "dau tien", "dut diem", "keo dai", "dien hinh", "tieu bieu", "sang kien", "noi bat", "ky luc", "nhan rong", "bang khen", "giay khen",
    ];

    private static decimal Median(List<decimal> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>The opening: what the report answers, who reported on time or late, and who did not.</summary>
    private static List<Candidate> Opening(ConsolidationInput input, List<DraftUnit> units, IReadOnlyList<ConsolidationUnit> sent, ConsolidationAppendix.Labels labels)
    {
        var sources = Sources(input, sent, ReportTemplate.Default[0].Key);
        var sentUnits = units.Where(u => u.Sent).ToList();
        var late = sentUnits.Where(u => u.Timeliness == Timeliness.Late).ToList();
        var missing = units.Where(u => !u.Sent).ToList();
        var parts = new List<Candidate>
        {
            new(new DraftPart($"Thực hiện {input.Plan.Citation} về {Phrasing.LowerFirst(input.Plan.Summary)}, trên cơ sở báo cáo của các đơn vị, {input.OwnerName} tổng hợp kết quả thực hiện công tác dân vận chính quyền {input.PeriodText} như sau:", PartKind.Summary, sent.Select(u => u.Unit.Code).ToList(), sources), 0, 0),
            new(new DraftPart($"Số đơn vị phải báo cáo: {Phrasing.Count(units.Count)}; đã gửi báo cáo: {Phrasing.Count(sentUnits.Count)} (đúng hạn {Phrasing.Count(sentUnits.Count - late.Count)}, trễ hạn {Phrasing.Count(late.Count)}); chưa gửi báo cáo: {Phrasing.Count(missing.Count)}.", PartKind.Summary, units.Select(u => u.Code).ToList(), []), 0, 0),
        };
        if (labels.Status is { } status)
        {
            parts.Add(new Candidate(new DraftPart($"Danh sách đơn vị gửi báo cáo trễ hạn và chưa gửi báo cáo tại Phụ lục {status}.", PartKind.Summary, late.Concat(missing).Select(u => u.Code).ToList(), []), 0, 0));
        }
        else
        {
            if (late.Count > 0)
            {
                parts.Add(new Candidate(new DraftPart($"Đơn vị gửi báo cáo trễ hạn: {string.Join("; ", late.Select(u => ShortName(u.Name)))}.", PartKind.Summary, late.Select(u => u.Code).ToList(), []), 0, 0));
            }

            if (missing.Count > 0)
            {
                parts.Add(new Candidate(new DraftPart($"Đơn vị chưa gửi báo cáo: {string.Join("; ", missing.Select(u => ShortName(u.Name)))}.", PartKind.Summary, missing.Select(u => u.Code).ToList(), []), 0, 0));
            }
        }

        if (input.Comparison is { } comparison && ComparisonSentence(comparison) is { } compared)
        {
            parts.Add(new Candidate(new DraftPart(compared, PartKind.Summary, sent.Select(u => u.Unit.Code).ToList(), []), 0, 0));
        }

        if (sentUnits.Count > 0)
        {
            parts.Add(new Candidate(new DraftPart("Số liệu, kết quả cụ thể và các nội dung khác của từng đơn vị tại các phụ lục kèm theo báo cáo này.", PartKind.Summary, [], []), 0, 0));
        }

        return parts;
    }

    /// <summary>
    /// "Số liệu chủ yếu: Số lượt tiếp công dân 1.234 lượt, tăng 12 % so với cùng kỳ năm 2024, tăng 5 % so với kỳ trước
    /// (quý II năm 2025); …" — the figures that have a comparison, the same period last year first as reports say it;
    /// null when none has.
    /// </summary>
    public static string? ComparisonSentence(FigureComparisonTable comparison)
    {
        var said = comparison.Rows
            .Where(r => r.Value is not null && (r.LastYear.Compared || r.Previous.Compared))
            .Select(r =>
            {
                var unit = r.Figure.UnitOfMeasure.Trim();
                var value = Number(r.Value!.Value) + (unit.Length == 0 ? "" : unit == "%" ? " %" : " " + unit);
                var changes = new[] { r.LastYear, r.Previous }.Where(c => c.Compared).Select(c => c.Text);
                return $"{r.Figure.Name} {value}, {string.Join(", ", changes)}";
            })
            .ToList();
        return said.Count == 0 ? null : $"Số liệu chủ yếu: {string.Join("; ", said)}.";
    }

    private static List<Candidate> Closing(ConsolidationInput input, IReadOnlyList<ConsolidationUnit> sent)
    {
        var sources = Sources(input, sent, ReportTemplate.Default[^1].Key);
        return [new Candidate(new DraftPart($"Trên đây là báo cáo tổng hợp kết quả thực hiện công tác dân vận chính quyền {input.PeriodText} của {input.OwnerName}./.", PartKind.Summary, sources.Select(s => s.UnitCode).Distinct().ToList(), sources), 0, 0)];
    }

    /// <summary>Every sentence the units wrote in one section: the consolidated report's own opening and closing stand for them.</summary>
    private static List<DraftSource> Sources(ConsolidationInput input, IReadOnlyList<ConsolidationUnit> sent, string key) =>
        sent.SelectMany(u => input.Texts[u.Unit.ReportId!.Value].TryGetValue(key, out var t)
                ? NearDuplicates.Sentences(t).Select(s => new DraftSource(u.Unit.ReportId!.Value, u.Unit.Code, s))
                : [])
            .ToList();

    /// <summary>The plan's figures rolled up per their rule over the sent reports, and the table of every unit's answers.</summary>
    private static (IReadOnlyList<DraftFigure>, DraftAppendix) Figures(ConsolidationInput input, IReadOnlyList<DraftUnit> sent)
    {
        var figures = input.Plan.Figures.OrderBy(f => f.Order).ToList();
        var reports = sent.Select(u => u.ReportId!.Value).ToHashSet();
        var answers = input.Figures.Where(a => reports.Contains(a.ReportId)).ToList();
        var numeric = answers.Where(a => a.Text is null).Select(a => new AnsweredFigure(a.ReportId, a.PlanFigureId, a.Value)).ToList();
        var rolled = FigureRollup.RollUp(figures, numeric, input.UpperFigures)
            .Select(f => new DraftFigure(f.Name, f.UnitOfMeasure, f.Value, f.Reports, f.PlanFigureId))
            .ToList();

        // Headings number the table's columns but hold no values of their own.
        figures = figures.Where(f => f.Kind != FigureKind.Heading).ToList();
        var byReport = answers.GroupBy(a => a.ReportId).ToDictionary(g => g.Key, g => g.GroupBy(a => a.PlanFigureId).ToDictionary(x => x.Key, x => x.First()));
        var rows = sent.Select(u => new AppendixRow(u.UnitId, figures
                .Select(f => byReport.TryGetValue(u.ReportId!.Value, out var mine) && mine.TryGetValue(f.Id, out var a) ? a.Text ?? Number(a.Value) : "")
                .ToList()))
            .ToList();
        var own = FigureRollup.Roll(figures, f => [f.Id], numeric);
        var totals = figures.Select(f => own.TryGetValue(f, out var v) ? Number(v.Value) : "").ToList();
        var columns = figures.Select(f =>
            {
                var how = FigureRollup.Describe(f);
                var label = $"{f.Code}. {f.Name}";
                return (f.UnitOfMeasure.Length > 0 ? $"{label} ({f.UnitOfMeasure})" : label) + (how.Length > 0 ? $" – {how}" : "");
            })
            .ToList();
        return (rolled, new DraftAppendix(columns, rows, totals));
    }

    /// <summary>"Ủy ban nhân dân xã An Bình" is written "UBND xã An Bình", as officials abbreviate it in running text.</summary>
    public static string ShortName(string name) =>
        name.StartsWith("Ủy ban nhân dân ", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Uỷ ban nhân dân ", StringComparison.OrdinalIgnoreCase)
            ? "UBND " + name["Ủy ban nhân dân ".Length..]
            : name;

    public static string Number(decimal value) => value.ToString("#,##0.####", Vi);

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
}
