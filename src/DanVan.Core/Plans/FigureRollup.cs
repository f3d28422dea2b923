namespace DanVan.Core.Plans;

/// <summary>One figure of a consolidating unit's report, rolled up from its units' reports.</summary>
public sealed record RolledUpFigure(string Name, string UnitOfMeasure, decimal Value, int Reports, int? PlanFigureId);

/// <summary>How a plan's figures combine across units (sum, min, max). Pure.</summary>
public static class FigureRollup
{
    public static decimal? Combine(IEnumerable<decimal> values, Rollup rollup)
    {
        var list = values.ToList();
        if (list.Count == 0 || rollup == Rollup.None)
        {
            return null;
        }

        return rollup switch
        {
            Rollup.Sum => list.Sum(),
            Rollup.Min => list.Min(),
            _ => list.Max(),
        };
    }

    /// <summary>
    /// Rolls the lower level's answers up into the figures the upper plan asks for, matching by name (what officials
    /// see on both forms); without an upper plan, every numeric figure of the lower plan is rolled up as it is.
    /// </summary>
    public static IReadOnlyList<RolledUpFigure> RollUp(
        IReadOnlyList<PlanFigure> lowerFigures,
        IReadOnlyList<(int PlanFigureId, decimal Value)> answers,
        IReadOnlyList<PlanFigure>? upperFigures)
    {
        var byName = lowerFigures
            .Where(f => f.Kind != FigureKind.Text && f.Rollup != Rollup.None)
            .GroupBy(f => Key(f.Name))
            .ToDictionary(g => g.Key, g => g.ToList());
        var targets = upperFigures?.Where(f => f.Kind != FigureKind.Text).Select(f => (f.Name, f.UnitOfMeasure, (int?)f.Id, (Rollup?)f.Rollup))
            ?? lowerFigures.Where(f => f.Kind != FigureKind.Text && f.Rollup != Rollup.None).Select(f => (f.Name, f.UnitOfMeasure, (int?)null, (Rollup?)null));
        var result = new List<RolledUpFigure>();
        foreach (var (name, unit, upperId, upperRollup) in targets)
        {
            if (!byName.TryGetValue(Key(name), out var sources))
            {
                continue;
            }

            var ids = sources.Select(s => s.Id).ToHashSet();
            var values = answers.Where(a => ids.Contains(a.PlanFigureId)).Select(a => a.Value).ToList();
            var rollup = upperRollup is { } r && r != Rollup.None ? r : sources[0].Rollup;
            if (Combine(values, rollup) is { } value)
            {
                result.Add(new RolledUpFigure(name, unit, value, values.Count, upperId));
            }
        }

        return result;
    }

    private static string Key(string name) => Text.VietnameseText.Fold(name.Trim());
}
