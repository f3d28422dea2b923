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

    /// <summary>A group's title in the biểu mẫu ("1. Tiếp công dân"): numbers its children, holds no value.</summary>
    Heading,
}

/// <summary>
/// How a figure is combined across units when reports are consolidated. A rate is never added up nor taken as the
/// lowest or highest unit's: a percentage figure rolls up by <see cref="Recompute"/>, <see cref="WeightedMean"/>,
/// <see cref="Mean"/> or not at all (<see cref="PlanIndicators.RollupsFor"/>).
/// </summary>
public enum Rollup
{
    Sum,

    /// <summary>The lowest unit's value, for "lowest" indicators (never a rate).</summary>
    Min,

    /// <summary>The highest unit's value, for "highest" indicators (never a rate).</summary>
    Max,

    None,

    /// <summary>The plain mean of the units' values.</summary>
    Mean,

    /// <summary>The units' values weighted by another figure (<see cref="PlanFigure.WeightBy"/>), e.g. a rate by the files received.</summary>
    WeightedMean,

    /// <summary>A derived figure: its formula over the rolled-up inputs (a rate from the summed numerator and denominator).</summary>
    Recompute,
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

    /// <summary>Checks between figures ("[2.2] <= [2.1]") every report's figures must pass when saved.</summary>
    public List<PlanRule> Rules { get; set; } = [];

    public const int MaxRules = 50;

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

    /// <summary>The figure's number in the biểu mẫu ("1", "1.2"); "1.2" belongs to group "1". Formulas and rules cite it as "[1.2]".</summary>
    public string Code { get; set; } = "";

    /// <summary>For a derived figure: how it is computed ("[1.2] / [1.1] × 100"); units do not type it.</summary>
    public string? Formula { get; set; }

    /// <summary>For <see cref="Rollup.WeightedMean"/>: the number of the figure that weighs each unit's value.</summary>
    public string? WeightBy { get; set; }

    /// <summary>The level the plan aims at ("chỉ tiêu kế hoạch"), shown beside the value; optional.</summary>
    public decimal? Target { get; set; }

    /// <summary>
    /// A count at a moment ("Số tổ hòa giải đang hoạt động"), not a flow: a longer period takes its last part's value
    /// rather than the sum of its parts. Across units it still rolls up by <see cref="Rollup"/>.
    /// </summary>
    public bool IsStock { get; set; }

    public bool IsDerived => !string.IsNullOrWhiteSpace(Formula);

    /// <summary>Units type a value for it: not a heading, not derived.</summary>
    public bool IsTyped => Kind != FigureKind.Heading && !IsDerived;
}

/// <summary>A check between a plan's figures, e.g. "[2.2] <= [2.1]" with "Số đơn đã giải quyết không vượt số đơn tiếp nhận".</summary>
public sealed class PlanRule
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Order { get; set; }

    /// <summary>Two formulas compared by &lt;, &lt;=, =, &gt;=, &gt; (≤ ≥ too).</summary>
    public required string Expression { get; set; }

    /// <summary>What to tell the user when it fails, in Vietnamese; optional.</summary>
    public string Message { get; set; } = "";
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
