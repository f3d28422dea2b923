using DanVan.Core.Periods;

namespace DanVan.Core.Plans;

/// <summary>A figure's value in one period, or why it has none (said without the period: the point is that period).</summary>
public sealed record SeriesPoint(ReportingPeriod Period, decimal? Value, Refusal? Why);

/// <summary>A numeric figure over the last periods, oldest first, the last being the period charted.</summary>
public sealed record FigureSeries(PlanFigure Figure, IReadOnlyList<SeriesPoint> Points);

/// <summary>One bar of a breakdown: a unit, or the other units together (<see cref="Units"/> &gt; 1).</summary>
public sealed record BreakdownBar(string Label, decimal Value, int Units)
{
    public bool IsOthers => Units > 1;
}

/// <summary>
/// A figure by sub-unit for one period: the largest values, then the other units combined by the figure's roll-up
/// rule; <see cref="NotShown"/> units are left out when the rule cannot combine them, <see cref="WithoutValue"/> had none.
/// </summary>
public sealed record FigureBreakdown(PlanFigure Figure, ReportingPeriod Period, IReadOnlyList<BreakdownBar> Bars, int WithoutValue, int NotShown = 0);

/// <summary>Every numeric figure's series and, for a scope, its breakdown by sub-unit.</summary>
public sealed record FigureCharts(ReportingPeriod Period, IReadOnlyList<FigureSeries> Series, IReadOnlyList<FigureBreakdown> Breakdowns)
{
    public FigureBreakdown? Breakdown(int planFigureId) => Breakdowns.FirstOrDefault(b => b.Figure.Id == planFigureId);
}

/// <summary>
/// The numbers a figure's charts draw: each period's side valued as <see cref="FigureComparison.Evaluate"/> values it
/// (roll-up rules, rates recomputed, a merged unit's predecessors summed), and one period split by sub-unit. Pure.
/// </summary>
public static class FigureCharting
{
    /// <summary>How many periods a series shows: a year of months, three years of quarters.</summary>
    public const int Periods = 12;

    /// <summary>How many sub-units a breakdown names before the rest are shown together (a province has thousands).</summary>
    public const int TopUnits = 10;

    /// <summary>The <paramref name="count"/> periods of <paramref name="end"/>'s kind ending with it, oldest first.</summary>
    public static IReadOnlyList<ReportingPeriod> Last(ReportingPeriod end, int count = Periods)
    {
        var periods = new List<ReportingPeriod> { end };
        for (var p = end; periods.Count < count && p.Year > ReportingPeriod.EarliestYear; periods.Add(p = p.Previous()))
        {
        }

        periods.Reverse();
        return periods;
    }

    /// <summary>Each numeric figure's value on each side (sides in period order); <paramref name="whole"/> as in <see cref="FigureComparison.Compare"/>.</summary>
    public static IReadOnlyList<FigureSeries> Series(IReadOnlyList<PlanFigure> figures, IReadOnlyList<ComparedSide> sides, bool whole)
    {
        var valued = sides.Select(s => (s.Period, Values: FigureComparison.Evaluate(figures, s, whole))).ToList();
        return Numeric(figures)
            .Select(f => new FigureSeries(f, [.. valued.Select(v => new SeriesPoint(v.Period, v.Values[f.Code].Value, v.Values[f.Code].Why is { } why ? why.WithoutPeriod ?? why : null))]))
            .ToList();
    }

    /// <summary>
    /// Each numeric figure by unit in <paramref name="period"/>: every unit's own value (a rate its own), the
    /// <paramref name="top"/> largest named, the rest as one bar when more than one is left.
    /// </summary>
    public static IReadOnlyList<FigureBreakdown> Breakdown(IReadOnlyList<PlanFigure> figures, ReportingPeriod period, IReadOnlyList<ComparedPart> parts, int top = TopUnits)
    {
        var own = parts.Select(p => (Part: p, Values: FigureComparison.Evaluate(figures, new ComparedSide(period, [p], []), whole: true))).ToList();
        var result = new List<FigureBreakdown>();
        foreach (var f in Numeric(figures))
        {
            var ranked = own.Where(o => o.Values[f.Code].Value is not null)
                .Select(o => (o.Part, Value: o.Values[f.Code].Value!.Value))
                .OrderByDescending(o => o.Value).ThenBy(o => o.Part.UnitName, StringComparer.Ordinal)
                .ToList();
            var named = ranked.Count <= top + 1 ? ranked : ranked.Take(top).ToList();
            var bars = named.Select(o => new BreakdownBar(o.Part.UnitName, o.Value, 1)).ToList();
            var rest = ranked.Skip(named.Count).Select(o => o.Part).ToList();
            var others = rest.Count == 0 ? null : FigureComparison.Evaluate(figures, new ComparedSide(period, rest, []), whole: false)[f.Code].Value;
            if (others is { } combined)
            {
                bars.Add(new BreakdownBar("", combined, rest.Count));
            }

            result.Add(new FigureBreakdown(f, period, bars, parts.Count - ranked.Count, others is null ? rest.Count : 0));
        }

        return result;
    }

    private static IEnumerable<PlanFigure> Numeric(IReadOnlyList<PlanFigure> figures) =>
        figures.Where(f => f.Kind is not (FigureKind.Text or FigureKind.Heading)).OrderBy(f => f.Order);
}
