namespace DanVan.Core.Plans;

/// <summary>
/// One figure of a consolidating unit's report, rolled up from its units' reports (or a longer period's, from its
/// parts); <paramref name="TakenFrom"/> is the report a stock's value was taken from over time.
/// </summary>
public sealed record RolledUpFigure(string Name, string UnitOfMeasure, decimal Value, int Reports, int? PlanFigureId, int? TakenFrom = null);

/// <summary>One unit's numeric answer to one of its plan's figures.</summary>
public readonly record struct AnsweredFigure(int ReportId, int PlanFigureId, decimal Value);

/// <summary>A figure's value across units and how many reports it comes from; for a stock over time, the report it was taken from.</summary>
public readonly record struct RolledValue(decimal Value, int Reports, int? TakenFrom = null);

/// <summary>
/// How a plan's figures combine across units: counts add up; a rate is recomputed from the rolled-up numerator and
/// denominator (its formula), or weighted by a named figure, or averaged — never the lowest unit's rate. Over time
/// (one unit's parts of a longer period) the same, except a stock (<see cref="PlanFigure.IsStock"/>): the value of the
/// latest part that has one. Pure.
/// </summary>
public static class FigureRollup
{
    /// <summary>The rule over values that need nothing else (sum, min, max, mean); null for no values or a rule that needs more.</summary>
    public static decimal? Combine(IEnumerable<decimal> values, Rollup rollup)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        return rollup switch
        {
            Rollup.Sum => list.Sum(),
            Rollup.Min => list.Min(),
            Rollup.Max => list.Max(),
            Rollup.Mean => Round(list.Average()),
            _ => null,
        };
    }

    /// <summary>
    /// Every target figure's value over the answers of its <paramref name="sources"/> (the lower plans' figures it
    /// gathers): typed figures by their rule, then derived ones by their formula over those results. With
    /// <paramref name="overTime"/> (the answering reports, oldest first, when they are one unit's parts of a longer
    /// period) a stock takes the latest part's value instead.
    /// </summary>
    public static IReadOnlyDictionary<PlanFigure, RolledValue> Roll(
        IReadOnlyList<PlanFigure> targets,
        Func<PlanFigure, IReadOnlyCollection<int>> sources,
        IReadOnlyList<AnsweredFigure> answers,
        IReadOnlyList<int>? overTime = null)
    {
        var byReport = targets.ToDictionary(t => t, t =>
        {
            var ids = sources(t);
            return answers.Where(a => ids.Contains(a.PlanFigureId)).GroupBy(a => a.ReportId).ToDictionary(g => g.Key, g => g.First().Value);
        });
        var byCode = targets.GroupBy(t => t.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = new Dictionary<PlanFigure, RolledValue>();
        foreach (var target in targets.Where(t => t.IsTyped && t.Kind != FigureKind.Text && t.Rollup != Rollup.None))
        {
            var values = byReport[target];
            if (overTime is not null && target.IsStock && overTime.LastOrDefault(values.ContainsKey, -1) is var latest and >= 0)
            {
                result[target] = new RolledValue(values[latest], values.Count, latest);
                continue;
            }

            var value = target.Rollup == Rollup.WeightedMean
                ? WeightedMean(values, target.WeightBy is { } w && byCode.TryGetValue(w, out var weight) ? byReport[weight] : [])
                : Combine(values.Values, target.Rollup);
            if (value is { } v)
            {
                result[target] = new RolledValue(v, values.Count);
            }
        }

        var typed = result.ToDictionary(r => r.Key.Code, r => r.Value, StringComparer.Ordinal);
        var derived = PlanIndicators.Derive(targets, code => typed.TryGetValue(code, out var r) ? r.Value : null);
        foreach (var target in targets.Where(t => t.IsDerived && t.Rollup == Rollup.Recompute))
        {
            if (derived.GetValueOrDefault(target.Code).Value is { } v)
            {
                // As representative as its best-covered input: "đạt 78,6 % (2 đơn vị)".
                var reports = Formula.Parse(target.Formula!).References.Select(c => typed.TryGetValue(c, out var r) ? r.Reports : 0).DefaultIfEmpty(0).Max();
                result[target] = new RolledValue(v, reports);
            }
        }

        return result;
    }

    /// <summary>
    /// Rolls the lower level's answers up into the figures the upper plan asks for, matching by name (what officials
    /// see on both forms); without an upper plan, every numeric figure of the lower plan is rolled up as it is.
    /// <paramref name="overTime"/> as for <see cref="Roll"/>.
    /// </summary>
    public static IReadOnlyList<RolledUpFigure> RollUp(
        IReadOnlyList<PlanFigure> lowerFigures,
        IReadOnlyList<AnsweredFigure> answers,
        IReadOnlyList<PlanFigure>? upperFigures,
        IReadOnlyList<int>? overTime = null)
    {
        var byName = lowerFigures
            .Where(f => f.Kind is not (FigureKind.Text or FigureKind.Heading))
            .GroupBy(f => Key(f.Name))
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<int>)g.Select(f => f.Id).ToHashSet());
        var targets = (upperFigures ?? lowerFigures).OrderBy(f => f.Order).ToList();
        var rolled = Roll(targets, t => upperFigures is null ? [t.Id] : byName.GetValueOrDefault(Key(t.Name)) ?? [], answers, overTime);
        return targets.Where(rolled.ContainsKey)
            .Select(t => new RolledUpFigure(t.Name, t.UnitOfMeasure, rolled[t].Value, rolled[t].Reports, upperFigures is null ? null : t.Id, rolled[t].TakenFrom))
            .ToList();
    }

    /// <summary>How the consolidated table labels a rolled-up column, so a mean or a minimum is never read as a total.</summary>
    public static string Describe(PlanFigure figure) => figure.Rollup switch
    {
        Rollup.Mean => "trung bình",
        Rollup.WeightedMean => $"bình quân theo [{figure.WeightBy}]",
        Rollup.Recompute => "tính lại từ số tổng hợp",
        Rollup.Min => "nhỏ nhất",
        Rollup.Max => "lớn nhất",
        _ => "",
    };

    private static decimal? WeightedMean(Dictionary<int, decimal> values, Dictionary<int, decimal> weights)
    {
        var pairs = values.Where(v => weights.ContainsKey(v.Key)).Select(v => (Value: v.Value, Weight: weights[v.Key])).ToList();
        var total = pairs.Sum(p => p.Weight);
        return total == 0 ? null : Round(pairs.Sum(p => p.Value * p.Weight) / total);
    }

    private static decimal Round(decimal value) => decimal.Round(value, PlanIndicators.DerivedDecimals, MidpointRounding.AwayFromZero);

    /// <summary>How figures are matched by name across plans: what officials see on both forms, folded.</summary>
    internal static string Key(string name) => Text.VietnameseText.Fold(name.Trim());
}
