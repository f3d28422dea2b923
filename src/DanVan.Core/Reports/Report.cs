namespace DanVan.Core.Reports;

public enum ReportStatus
{
    /// <summary>Staff are writing it ("nháp").</summary>
    Draft,

    /// <summary>Staff handed it to the unit's leader for sign-off ("chờ lãnh đạo duyệt").</summary>
    AwaitingLeader,

    /// <summary>The leader sent it to the consolidating body ("đã gửi").</summary>
    Submitted,

    /// <summary>The consolidating body returned it with a reason ("bị trả lại").</summary>
    Returned,

    /// <summary>The consolidating body accepted it ("đã tiếp nhận").</summary>
    Accepted,
}

public sealed class Report
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public OrgUnits.OrgUnit? Unit { get; set; }

    /// <summary>Canonical period code, see <see cref="Periods.ReportingPeriod"/>.</summary>
    public required string Period { get; set; }

    /// <summary>The summary line under "BÁO CÁO" (trích yếu).</summary>
    public required string Title { get; set; }

    public ReportStatus Status { get; set; }

    /// <summary>The plan the report answers, when the unit reports under one for this period.</summary>
    public int? PlanId { get; set; }

    public Plans.Plan? Plan { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    /// <summary>"05/BC-UBND": the number in the issuing body's register, given when the leader first issues (submits) the report.</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>The Vietnamese calendar day the number was given; the date printed on the document.</summary>
    public DateOnly? IssuedOn { get; set; }

    /// <summary>Bumped on every status change and figures save; guards against two people acting at once.</summary>
    public int Version { get; set; }

    public List<ReportSection> Sections { get; set; } = [];

    public List<ReportFigure> Figures { get; set; } = [];

    public List<ReportTransition> Transitions { get; set; } = [];

    public List<CarryForwardItem> CarryForward { get; set; } = [];
}

public sealed class ReportSection
{
    public const int MaxTextLength = 100_000;

    public int Id { get; set; }

    public int ReportId { get; set; }

    /// <summary>Stable key within the report: "intro", "I", "I.1", "II", "III", "closing".</summary>
    public required string Key { get; set; }

    public required string Heading { get; set; }

    public int Level { get; set; }

    public int Order { get; set; }

    /// <summary>Plain text exactly as typed; pages always render it escaped.</summary>
    public string Text { get; set; } = "";

    /// <summary>What the plan asks units to write here.</summary>
    public string Guidance { get; set; } = "";

    /// <summary>The plan requires this section; a report cannot be sent with it empty.</summary>
    public bool Required { get; set; }

    /// <summary>Set when the text was copied from the previous period's report, so reviewers can see it.</summary>
    public int? CopiedFromReportId { get; set; }

    /// <summary>Optimistic concurrency: a save must name the version it was based on.</summary>
    public int Version { get; set; }

    public DateTime? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>Every write of the text, whichever path makes it, moves the version and records who wrote it and when.</summary>
    public void Write(string text, string? userName, DateTime at)
    {
        Text = text;
        Version++;
        UpdatedAt = at;
        UpdatedBy = userName;
    }
}

public sealed class ReportFigure
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public int Order { get; set; }

    public required string Name { get; set; }

    public decimal Value { get; set; }

    /// <summary>The longest answer to a text figure.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The answer to a text figure of the plan; null for numbers.</summary>
    public string? TextValue { get; set; }

    public string UnitOfMeasure { get; set; } = "";

    /// <summary>The plan's figure this answers, so consolidation matches figures by identity rather than by name.</summary>
    public int? PlanFigureId { get; set; }
}

public enum CarryOutcome
{
    Done,
    InProgress,
    NotDone,
}

/// <summary>
/// One task the unit set itself last period ("Phương hướng, nhiệm vụ kỳ tới"), answered in this period's report:
/// done, in progress or not done, with a note.
/// </summary>
public sealed class CarryForwardItem
{
    public const int MaxNoteLength = 2000;

    public int Id { get; set; }

    public int ReportId { get; set; }

    public int Order { get; set; }

    public required string Task { get; set; }

    public CarryOutcome? Outcome { get; set; }

    public string Note { get; set; } = "";
}

public sealed class ReportTransition
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public DateTime At { get; set; }

    public required string UserName { get; set; }

    public string? UserFullName { get; set; }

    /// <summary>The person's job title when they acted: an issued report's signature block must not follow later promotions.</summary>
    public string? UserJobTitle { get; set; }

    public ReportStatus? FromStatus { get; set; }

    public ReportStatus ToStatus { get; set; }

    public string? Comment { get; set; }
}

/// <summary>Per consolidating scope and period, the date by which units must submit.</summary>
public sealed class PeriodDeadline
{
    public int Id { get; set; }

    public int ScopeUnitId { get; set; }

    public required string Period { get; set; }

    public DateOnly DueOn { get; set; }
}

/// <summary>A file kept with a report, e.g. the Word original it was imported from.</summary>
public sealed class ReportAttachment
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public int Id { get; set; }

    public int ReportId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Hex SHA-256, to recognise the same file imported twice.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public DateTime UploadedAt { get; set; }

    public required string UploadedBy { get; set; }
}
