using DanVan.Core.Periods;

namespace DanVan.Core.OrgUnits;

/// <summary>The units rearranged on one day inside a period's data window, and the decisions that day rests on.</summary>
public sealed record UnitChangeDay(DateOnly EffectiveOn, IReadOnlyList<string> LegalBases);

/// <summary>
/// A period that straddles a reorganisation. Who owes its report is decided on its data cut-off day
/// (<see cref="Plans.Audience.Resolve"/>): units created after it start with the next period, and units closed by it
/// are reported for by their successors. Pages say so with <see cref="Days"/> and <see cref="Cutoff"/>.
/// </summary>
public sealed record PeriodReorganisation(IReadOnlyList<UnitChangeDay> Days, DateOnly Cutoff)
{
    /// <summary>What changes who reports: a rename does not.</summary>
    public static bool ChangesAudience(UnitEventKind kind) => kind != UnitEventKind.Renamed;

    /// <summary>
    /// The changes that took effect after the window's first day and by its cut-off (and by <paramref name="seenOn"/>,
    /// for a view as of an earlier day); null when there are none. A change on the first day holds for the whole window,
    /// so the period does not straddle it.
    /// </summary>
    public static PeriodReorganisation? Of(ReportingPeriod period, PeriodSemantics semantics, IEnumerable<(UnitEventKind Kind, DateOnly EffectiveOn, string? LegalBasis)> events, DateOnly? seenOn = null)
    {
        var (start, cutoff) = period.Window(semantics);
        var until = seenOn is { } day && day < cutoff ? day : cutoff;
        var days = events
            .Where(e => ChangesAudience(e.Kind) && e.EffectiveOn > start && e.EffectiveOn <= until)
            .GroupBy(e => e.EffectiveOn)
            .OrderBy(g => g.Key)
            .Select(g => new UnitChangeDay(g.Key, g.Select(e => e.LegalBasis?.Trim()).OfType<string>().Where(b => b.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList()))
            .ToList();
        return days.Count == 0 ? null : new PeriodReorganisation(days, cutoff);
    }
}
