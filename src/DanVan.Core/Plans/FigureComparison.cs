using System.Globalization;
using DanVan.Core.Periods;

namespace DanVan.Core.Plans;

/// <summary>One sent report's numeric answers (by figure number), counted whole (1) or in a split's share.</summary>
public sealed record ComparedPart(string UnitName, decimal Share, IReadOnlyDictionary<string, decimal> Values);

/// <summary>
/// A period's side of a comparison: the reports that make it up and, for units whose part could not be counted (a
/// predecessor without a report, a split without a share), why.
/// </summary>
public sealed record ComparedSide(ReportingPeriod Period, IReadOnlyList<ComparedPart> Parts, IReadOnlyList<Refusal> Gaps);

/// <summary>
/// A figure's change against an earlier period: the earlier value, the difference and the percentage, or null with
/// <see cref="Text"/> saying why there is no comparison. <see cref="Text"/> is the phrase a report prints ("tăng 12 %
/// so với cùng kỳ năm 2024").
/// </summary>
public sealed record FigureChange(decimal? Base, decimal? Difference, decimal? Percent, string Text, string English)
{
    public bool Compared => Difference is not null;

    /// <summary>"+5" / "−3" / "0" in the figure's own unit, for a table column; empty when not compared.</summary>
    public string SignedDifference => Difference is { } d ? FigureComparison.WithSign(d) : "";

    /// <summary>"+12,5 %" / "−3 %", for a table column; empty when not compared or the base is zero.</summary>
    public string SignedPercent => Percent is { } p ? FigureComparison.WithSign(p) + " %" : "";
}

public sealed record FigureComparisonRow(PlanFigure Figure, decimal? Value, FigureChange Previous, FigureChange LastYear);

/// <summary>Every figure of a report or a scope beside the previous period and the same period last year.</summary>
public sealed record FigureComparisonTable(
    ReportingPeriod Period,
    ReportingPeriod Previous,
    ReportingPeriod LastYear,
    IReadOnlyList<FigureComparisonRow> Rows,
    IReadOnlyList<Refusal> Notes)
{
    /// <summary>How many reports (or parts of reports) each side is made of: this period, the previous, last year's.</summary>
    public (int Current, int Previous, int LastYear) Reports { get; init; }

    public FigureComparisonRow? Row(int planFigureId) => Rows.FirstOrDefault(r => r.Figure.Id == planFigureId);
}

/// <summary>
/// Compares a period's figures with the previous period and the same period last year. Each side is the sum of the
/// parts it is made of — one report, or the reports of a merged unit's predecessors, a split predecessor in its share —
/// combined by each figure's roll-up rule; derived figures (rates) are recomputed from the compared components, never
/// added. Where no comparison is possible the change says why in words. Pure.
/// </summary>
public static class FigureComparison
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The same period a year before: Q3/2025 → Q3/2024, 2025-9M → 2024-9M.</summary>
    public static ReportingPeriod SamePeriodLastYear(ReportingPeriod period) => ReportingPeriod.Create(period.Type, period.Year - 1, period.Index);

    /// <summary>"kỳ trước (quý II năm 2025)" / "cùng kỳ năm 2024": how the change names the period it is against.</summary>
    public static (string Vietnamese, string English) Against(ReportingPeriod period, ReportingPeriod earlier) =>
        earlier == SamePeriodLastYear(period)
            ? ($"cùng kỳ năm {earlier.Year}", $"the same period of {earlier.Year}")
            : ($"kỳ trước ({earlier.ToVietnamese()})", $"the previous period ({earlier})");

    /// <summary>
    /// The table: <paramref name="current"/> against <paramref name="previous"/> and <paramref name="lastYear"/>.
    /// <paramref name="whole"/>: a unit's comparison, where a missing part makes a side unusable (a sum of what is there
    /// would be invented); false: a scope's, rolled up over the reports there are, as the consolidation does, with the
    /// parts left out named in <see cref="FigureComparisonTable.Notes"/>.
    /// </summary>
    public static FigureComparisonTable Compare(IReadOnlyList<PlanFigure> figures, ComparedSide current, ComparedSide previous, ComparedSide lastYear, bool whole)
    {
        var now = Evaluate(figures, current, whole);
        var before = Evaluate(figures, previous, whole);
        var yearAgo = Evaluate(figures, lastYear, whole);
        var rows = figures.Where(f => f.Kind != FigureKind.Heading).OrderBy(f => f.Order)
            .Select(f => new FigureComparisonRow(
                f,
                now[f.Code].Value,
                Change(f, now[f.Code], before[f.Code], current.Period, previous.Period),
                Change(f, now[f.Code], yearAgo[f.Code], current.Period, lastYear.Period)))
            .ToList();
        var notes = whole ? [] : current.Gaps.Concat(previous.Gaps).Concat(lastYear.Gaps).Distinct().ToList();
        return new FigureComparisonTable(current.Period, previous.Period, lastYear.Period, rows, notes)
        {
            Reports = (current.Parts.Count, previous.Parts.Count, lastYear.Parts.Count),
        };
    }

    /// <summary>Every figure's value on one side, or why it has none.</summary>
    public static IReadOnlyDictionary<string, (decimal? Value, Refusal? Why)> Evaluate(IReadOnlyList<PlanFigure> figures, ComparedSide side, bool whole)
    {
        var result = new Dictionary<string, (decimal?, Refusal?)>(StringComparer.Ordinal);
        var period = side.Period.ToVietnamese();
        Refusal? sideProblem = side.Parts.Count == 0
            ? (side.Gaps.Count > 0 ? side.Gaps[0] : null) ?? new($"không có báo cáo đã gửi {period}", $"no report was sent for {side.Period}") { WithoutPeriod = new("không có báo cáo đã gửi", "no report was sent") }
            : whole && side.Gaps.Count > 0 ? side.Gaps[0] : null;
        var numeric = figures.Where(f => f.Kind is not (FigureKind.Text or FigureKind.Heading)).ToList();
        foreach (var f in figures.Where(f => f.Kind is FigureKind.Text or FigureKind.Heading))
        {
            result[f.Code] = (null, new("chỉ tiêu dạng chữ, không so sánh số", "a text figure has no number to compare"));
        }

        if (sideProblem is not null)
        {
            numeric.ForEach(f => result[f.Code] = (null, sideProblem));
            return result;
        }

        // Counts are taken in a split's share; a rate or an average is the unit's own whatever the share.
        var answers = side.Parts
            .SelectMany((p, i) => numeric.Where(f => f.IsTyped && p.Values.ContainsKey(f.Code))
                .Select(f => new AnsweredFigure(i, f.Id, Scaled(f, p))))
            .ToList();
        var rolled = FigureRollup.Roll(numeric.Where(f => f.IsTyped).ToList(), f => [f.Id], answers);
        var typed = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var f in numeric.Where(f => f.IsTyped))
        {
            var lacking = side.Parts.FirstOrDefault(p => !p.Values.ContainsKey(f.Code));
            if (side.Parts.All(p => !p.Values.ContainsKey(f.Code)) || (whole && lacking is not null))
            {
                var who = side.Parts.Count == 1 ? "" : $" của {lacking!.UnitName}";
                var from = side.Parts.Count == 1 ? "" : $" from {lacking!.UnitName}";
                result[f.Code] = (null, new($"không có số liệu chỉ tiêu này{who} {period}", $"no value for this figure{from} in {side.Period}")
                {
                    WithoutPeriod = new($"không có số liệu chỉ tiêu này{who}", $"no value for this figure{from}"),
                });
                continue;
            }

            decimal? value = side.Parts.Count == 1 && side.Parts[0].Share == 1m ? side.Parts[0].Values[f.Code]
                : rolled.TryGetValue(f, out var r) ? r.Value : null;
            if (value is { } v)
            {
                typed[f.Code] = v;
                result[f.Code] = (v, null);
            }
            else
            {
                result[f.Code] = (null, new("chỉ tiêu này không cộng gộp được giữa các đơn vị", "this figure does not combine across units"));
            }
        }

        var derived = PlanIndicators.Derive(figures, c => typed.TryGetValue(c, out var v) ? v : null);
        foreach (var f in numeric.Where(f => f.IsDerived))
        {
            var d = derived[f.Code];
            result[f.Code] = d.Value is { } v ? (v, null)
                : (null, new($"không tính được {period}: {d.Reason ?? "thiếu số liệu"}", $"cannot be computed for {side.Period}: values missing or a division by zero")
                {
                    WithoutPeriod = new($"không tính được: {d.Reason ?? "thiếu số liệu"}", "cannot be computed: values missing or a division by zero"),
                });
        }

        return result;
    }

    /// <summary>The change from <paramref name="then"/> to <paramref name="now"/>, in words when there is none to give.</summary>
    public static FigureChange Change(PlanFigure figure, (decimal? Value, Refusal? Why) now, (decimal? Value, Refusal? Why) then, ReportingPeriod period, ReportingPeriod earlier)
    {
        var (against, againstEnglish) = Against(period, earlier);
        if (figure.Kind is FigureKind.Text or FigureKind.Heading)
        {
            return new(null, null, null, "Không so sánh (chỉ tiêu dạng chữ)", "Not compared (a text figure)");
        }

        if (now.Value is not { } value)
        {
            return new(then.Value, null, null, "Không so sánh được: kỳ này chưa có số liệu", "No comparison: no value this period");
        }

        if (then.Value is not { } baseValue)
        {
            var why = then.Why ?? new("không có số liệu", "no value");
            return new(null, null, null, $"Không so sánh được: {why.Message}", $"No comparison: {why.English}");
        }

        var difference = value - baseValue;
        var unit = figure.UnitOfMeasure.Trim();
        if (difference == 0)
        {
            return new(baseValue, 0, 0, $"bằng {against}", $"the same as {againstEnglish}");
        }

        var (word, english) = difference > 0 ? ("tăng", "up") : ("giảm", "down");
        var amount = Number(Math.Abs(difference)) + (unit.Length > 0 && unit != "%" ? " " + unit : unit == "%" ? " điểm %" : "");
        var amountEnglish = Number(Math.Abs(difference)) + (unit.Length > 0 && unit != "%" ? " " + unit : unit == "%" ? " percentage points" : "");
        if (baseValue == 0)
        {
            // A percentage of nothing is no number: the change is given in the figure's unit and the reason said.
            return new(baseValue, difference, null, $"{word} {amount} so với {against} (kỳ so sánh bằng 0, không tính được tỷ lệ %)", $"{english} {amountEnglish} on {againstEnglish} (the base is 0, so no percentage)");
        }

        var percent = decimal.Round(difference / Math.Abs(baseValue) * 100, 1, MidpointRounding.AwayFromZero);
        // A rate's change is read in points ("tăng 5 điểm %"): "tăng 6,7 %" of a rate is easily misread as points.
        return unit == "%"
            ? new(baseValue, difference, percent, $"{word} {amount} so với {against}", $"{english} {amountEnglish} on {againstEnglish}")
            : new(baseValue, difference, percent, $"{word} {Number(Math.Abs(percent))} % so với {against}", $"{english} {Math.Abs(percent).ToString("0.#", CultureInfo.InvariantCulture)} % on {againstEnglish}");
    }

    /// <summary>"+1.234", "−3,5", "0" as Vietnamese write numbers, with a true minus sign.</summary>
    public static string WithSign(decimal value) => value switch
    {
        > 0 => "+" + Number(value),
        < 0 => "−" + Number(-value),
        _ => "0",
    };

    private static string Number(decimal value) => value.ToString("#,##0.##", Vi);

    private static decimal Scaled(PlanFigure figure, ComparedPart part) =>
        part.Share == 1m || figure.Rollup is not Rollup.Sum ? part.Values[figure.Code] : part.Values[figure.Code] * part.Share;
}
