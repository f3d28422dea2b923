namespace DanVan.Core.OrgUnits;

public enum UnitKind
{
    Province,
    Department,
    District,
    Commune,
    Board,
    Other,
}

/// <summary>
/// A reporting or consolidating body. Names and parent links are effective-dated so that reports filed under
/// an old name or an abolished parent stay readable after restructuring (docs/domain.md, "Units and the 2025
/// reorganisation").
/// </summary>
public sealed class OrgUnit
{
    public int Id { get; set; }

    /// <summary>Short code used in URLs, the CLI and imports (e.g. "LD-SNV").</summary>
    public required string Code { get; set; }

    public UnitKind Kind { get; set; }

    /// <summary>Official place name for the document's place-and-date line ("Trà Tân, ngày …").</summary>
    public required string PlaceName { get; set; }

    /// <summary>
    /// A consolidating body such as Sở Nội vụ works on behalf of its People's Committee: its consolidators see the
    /// subtree of that unit rather than their own.
    /// </summary>
    public int? ConsolidatesForId { get; set; }

    public OrgUnit? ConsolidatesFor { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public List<UnitName> Names { get; set; } = [];

    public List<UnitParentLink> ParentLinks { get; set; } = [];
}

public sealed class UnitName
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string Name { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>Exclusive end; null while the name is current.</summary>
    public DateOnly? ValidTo { get; set; }
}

public sealed class UnitParentLink
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public int ParentId { get; set; }

    public OrgUnit? Parent { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>Exclusive end; null while the link is current.</summary>
    public DateOnly? ValidTo { get; set; }
}

public enum UnitEventKind
{
    Created,
    Renamed,
    Moved,
    Closed,
    Merged,
    Split,
}

/// <summary>
/// What happened to a unit and when. Merges and splits are recorded with the related unit (the successor of a
/// merge, the origin of a split) so reports of a closed unit can be counted toward its successor.
/// </summary>
public sealed class UnitEvent
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }

    public UnitEventKind Kind { get; set; }

    public DateOnly EffectiveOn { get; set; }

    public int? RelatedUnitId { get; set; }

    public string? Note { get; set; }

    /// <summary>The decision the change rests on ("Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025").</summary>
    public string? LegalBasis { get; set; }

    /// <summary>
    /// On a split, the part of the origin's figures this successor takes over (0–1); null when the administrator gave
    /// none, so the origin's figures stay unassigned rather than guessed.
    /// </summary>
    public decimal? Share { get; set; }

    public DateTime RecordedAt { get; set; }

    public string? RecordedBy { get; set; }
}
