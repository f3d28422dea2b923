using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;

namespace DanVan.Core.Plans;

/// <summary>Who must report under a plan.</summary>
public enum AudienceKind
{
    /// <summary>Every unit below a unit ("toàn bộ đơn vị trực thuộc").</summary>
    Subtree,

    /// <summary>Units of one kind below the plan's owner (e.g. every commune).</summary>
    UnitKind,

    /// <summary>A hand-picked list.</summary>
    List,
}

public enum FigureKind
{
    WholeNumber,
    DecimalNumber,
    Text,
}

/// <summary>How a figure is combined across units when reports are consolidated.</summary>
public enum Rollup
{
    Sum,
    Min,
    Max,
    None,
}

public enum DeadlineKind
{
    /// <summary>"Trước ngày N" of the month after the cut-off.</summary>
    DayOfMonth,

    /// <summary>"Chậm nhất N ngày làm việc sau ngày chốt số liệu".</summary>
    WorkingDaysAfterCutoff,
}

/// <summary>
/// A consolidating body's reporting plan ("Kế hoạch số 42/KH-UBND ngày 21/3/2025"): who reports, how often, on
/// what outline, with which figures, and by when. Reports for a plan's period start from its template.
/// </summary>
public sealed class Plan
{
    public const int MaxSections = 60;
    public const int MaxFigures = 100;

    public int Id { get; set; }

    /// <summary>The consolidating level: its consolidators manage the plan and review the reports made under it.</summary>
    public int OwnerUnitId { get; set; }

    public OrgUnit? OwnerUnit { get; set; }

    /// <summary>Number and symbol as issued, e.g. "42/KH-UBND".</summary>
    public required string Number { get; set; }

    public DateOnly IssuedOn { get; set; }

    /// <summary>The plan's summary line (trích yếu).</summary>
    public required string Summary { get; set; }

    public PeriodType PeriodType { get; set; }

    public PeriodSemantics Semantics { get; set; }

    /// <summary>First period reported under the plan (canonical code).</summary>
    public required string FirstPeriod { get; set; }

    /// <summary>Last period, or null while the plan stays in force.</summary>
    public string? LastPeriod { get; set; }

    public AudienceKind Audience { get; set; }

    /// <summary>For <see cref="AudienceKind.Subtree"/>: the unit below which everyone reports (default: the owner).</summary>
    public int? AudienceRootId { get; set; }

    /// <summary>For <see cref="AudienceKind.UnitKind"/>.</summary>
    public UnitKind? AudienceUnitKind { get; set; }

    public List<PlanUnit> Units { get; set; } = [];

    public DeadlineKind UnitDeadlineKind { get; set; }

    public int UnitDeadlineValue { get; set; }

    /// <summary>The owner's own deadline to send the consolidated report up (to the province).</summary>
    public DeadlineKind OwnerDeadlineKind { get; set; }

    public int OwnerDeadlineValue { get; set; }

    /// <summary>Days after the units' deadline when reports lock; null never locks.</summary>
    public int? LockAfterDays { get; set; }

    /// <summary>Days before the deadline on which units that have not sent get a reminder.</summary>
    public int RemindDaysBefore { get; set; } = 3;

    /// <summary>
    /// "Kính gửi" of the plan's consolidated report ("Bộ Nội vụ", "Ban Dân vận Tỉnh ủy"); empty, it goes up the review
    /// chain like any unit's report. The units' own reports are addressed to the plan's consolidator.
    /// </summary>
    public List<string> Addressees { get; set; } = [];

    /// <summary>"Nơi nhận" of the consolidated report in order ("Như trên", "Thường trực UBND tỉnh"), without the "Lưu" line the export adds.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>The most A4 pages the body of the plan's consolidated report may take (before the signature and appendices).</summary>
    public int ConsolidatedBodyPages { get; set; } = Consolidation.Consolidator.DefaultBodyPages;

    /// <summary>The range a plan may set for <see cref="ConsolidatedBodyPages"/>.</summary>
    public const int MinBodyPages = 3, MaxBodyPages = 60;

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public List<PlanSection> Sections { get; set; } = [];

    public List<PlanFigure> Figures { get; set; } = [];

    /// <summary>Where a province's consolidated report goes: the ministry that collects every province's, and the Party's body for dân vận.</summary>
    public static IReadOnlyList<string> ProvinceAddressees { get; } = ["Bộ Nội vụ", "Ban Dân vận Tỉnh ủy"];

    /// <summary>A province's consolidated report is also sent to the province's standing bodies.</summary>
    public static IReadOnlyList<string> ProvinceRecipients { get; } = ["Như trên", "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Thường trực UBND tỉnh"];

    /// <summary>"Kế hoạch số 42/KH-UBND ngày 21/3/2025".</summary>
    public string Citation => $"Kế hoạch số {Number} ngày {IssuedOn.Day}/{IssuedOn.Month}/{IssuedOn.Year}";

    public DeadlineRule UnitDeadline => Rule(UnitDeadlineKind, UnitDeadlineValue);

    public DeadlineRule OwnerDeadline => Rule(OwnerDeadlineKind, OwnerDeadlineValue);

    public ReportingPeriod First => ReportingPeriod.Parse(FirstPeriod);

    public ReportingPeriod? Last => LastPeriod is null ? null : ReportingPeriod.Parse(LastPeriod);

    public bool Covers(ReportingPeriod period) =>
        period.Type == PeriodType && period >= First && (Last is not { } last || period <= last);

    private static DeadlineRule Rule(DeadlineKind kind, int value) => kind == DeadlineKind.DayOfMonth
        ? new DeadlineRule.DayOfMonth(value)
        : new DeadlineRule.WorkingDaysAfterCutoff(value);
}

public sealed class PlanUnit
{
    public int PlanId { get; set; }

    public int UnitId { get; set; }
}

/// <summary>One heading of the plan's outline, with what units should write under it.</summary>
public sealed class PlanSection
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Order { get; set; }

    /// <summary>Outline key ("I", "I.1", "III"); "III" is the next period's tasks, carried forward.</summary>
    public required string Key { get; set; }

    public required string Heading { get; set; }

    public int Level { get; set; }

    public string Guidance { get; set; } = "";

    public bool Required { get; set; }
}

public sealed class PlanFigure
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Order { get; set; }

    public required string Name { get; set; }

    public string UnitOfMeasure { get; set; } = "";

    public FigureKind Kind { get; set; }

    public Rollup Rollup { get; set; }
}

/// <summary>After a plan's lock date, a consolidator lets one unit edit and send one period's report until a date.</summary>
public sealed class LockException
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int UnitId { get; set; }

    public required string Period { get; set; }

    public DateOnly Until { get; set; }

    public required string Reason { get; set; }

    public required string GrantedBy { get; set; }

    public DateTime GrantedAt { get; set; }
}
