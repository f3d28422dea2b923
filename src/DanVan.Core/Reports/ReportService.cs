using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

public enum ReportAction
{
    /// <summary>Staff hand the draft to their leader ("Trình lãnh đạo").</summary>
    SendToLeader,

    /// <summary>The leader sends it up ("Gửi báo cáo").</summary>
    Submit,

    /// <summary>The leader gives it back to staff ("Trả lại cán bộ").</summary>
    ReturnToStaff,

    /// <summary>The consolidating body accepts it ("Tiếp nhận").</summary>
    Accept,

    /// <summary>The consolidating body returns it with a reason ("Trả lại").</summary>
    Return,

    /// <summary>The consolidating body reopens an accepted report for corrections, with a reason ("Mở lại").</summary>
    Reopen,
}

public sealed record CreateReport
{
    public required string Period { get; init; }

    /// <summary>
    /// A 6-month, 9-month or annual report starts from the unit's reports of its quarters or months when it has any
    /// (<see cref="FromParts"/>); false starts it empty.
    /// </summary>
    public bool FromParts { get; init; } = true;
}

/// <summary>A period the unit may start a report for, with the plan the report would answer (none for a period outside plans).</summary>
public sealed record StartablePeriod(ReportingPeriod Period, Plan? Plan)
{
    /// <summary>The unit's shorter reports the new report would be drafted from (<see cref="FromParts"/>), oldest first.</summary>
    public IReadOnlyList<ReportingPeriod> Parts { get; init; } = [];
}

public sealed record SaveSection
{
    public required int ReportId { get; init; }
    public required string Key { get; init; }
    public required string Text { get; init; }
    public required int ExpectedVersion { get; init; }
}

/// <summary>A saved section's new version, and its report's: the report moves with each of its sections.</summary>
public sealed record SectionSaved(int Version, int ReportVersion);

public sealed record FigureInput(string Name, decimal Value, string UnitOfMeasure, int? PlanFigureId = null, string? Text = null);

public sealed record CarryForwardAnswer(int ItemId, CarryOutcome? Outcome, string? Note);

public sealed record SaveFigures
{
    public required int ReportId { get; init; }
    public required IReadOnlyList<FigureInput> Figures { get; init; }
    public required int ExpectedVersion { get; init; }
}

public sealed record ChangeStatus
{
    public required int ReportId { get; init; }
    public required ReportAction Action { get; init; }
    public string? Comment { get; init; }
    public int? ExpectedVersion { get; init; }
}

/// <summary>What became of one report of a bulk action: its new status, or why it was refused.</summary>
public sealed record BulkOutcome(int ReportId, ReportStatus? Status, string? Refusal, string? English = null);

public sealed partial class ReportService(DanVanDbContext db, AccessService access, PlanService plans, ReportStandingService states, DocumentRegister register, Reminders.ReportNotices notices, SectionCommentService comments, TimeProvider clock)
{
    public const int MaxFigures = 200;

    /// <summary>Reports accepted in one go at most; a page of the report list.</summary>
    public const int MaxBulk = 200;

    private const int ReportTransitionCommentMax = 4000;

    public async Task<int> CreateAsync(CreateReport command, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Staff) && !actor.IsIn(Roles.Leader))
        {
            throw new ForbiddenException("Chỉ cán bộ hoặc lãnh đạo đơn vị được lập báo cáo của đơn vị.")
            {
                English = "Only staff or a leader of the unit may start the unit's report.",
            };
        }

        var period = ReportingPeriod.ParseInput(command.Period, nameof(command.Period), clock);
        var (plan, refusal) = await StartAsync(actor.UnitId, period, ct);
        if (refusal is not null)
        {
            throw refusal;
        }

        var report = await NewAsync(actor.UnitId, period, plan, actor, plan is null ? "Lập báo cáo" : $"Lập báo cáo theo {plan.Citation}", ct);
        if (command.FromParts)
        {
            await DraftFromPartsAsync(report, period, plan, ct);
        }

        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people pressed "Lập báo cáo" at once; the unique (unit, period) index keeps one report.
            throw new DomainException(nameof(command.Period), $"Đơn vị đã có báo cáo kỳ {period.ToVietnamese()}. Mở báo cáo đó để tiếp tục.")
            {
                English = $"The unit already has a report for {period}. Open that report to continue.",
            };
        }

        return report.Id;
    }

    /// <summary>
    /// The periods the unit may start a report for now, in the order to offer them: its plans' open periods, then the
    /// current and last month, quarter, half, nine months and year, each only when <see cref="CreateAsync"/> would take it.
    /// </summary>
    public async Task<IReadOnlyList<StartablePeriod>> StartablePeriodsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Staff) && !actor.IsIn(Roles.Leader))
        {
            return [];
        }

        var today = VietnamTime.Today(clock);
        var month = ReportingPeriod.Month(today.Year, today.Month);
        var quarter = ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        var half = ReportingPeriod.Half(today.Year, today.Month <= 6 ? 1 : 2);
        var year = ReportingPeriod.FullYear(today.Year);
        var candidates = (await plans.OpenPeriodsAsync(actor.UnitId, ct)).Where(o => o.ReportId is null).Select(o => o.Schedule.Period)
            .Concat([month, month.Previous(), quarter, quarter.Previous(), half, half.Previous(), ReportingPeriod.NineMonths(today.Year), year, year.Previous()])
            .Distinct();
        var result = new List<StartablePeriod>();
        foreach (var period in candidates)
        {
            if (await StartAsync(actor.UnitId, period, ct) is (var plan, null))
            {
                result.Add(new StartablePeriod(period, plan) { Parts = (await PartsAsync(actor.UnitId, period, ct)).Chosen });
            }
        }

        return result;
    }

    /// <summary>
    /// Whether the unit may start the period's report now, with the plan it would answer: not when it already has one,
    /// before the period opens (its data window begins) or after the plan locked it.
    /// </summary>
    private async Task<(Plan? Plan, DomainException? Refusal)> StartAsync(int unitId, ReportingPeriod period, CancellationToken ct)
    {
        var code = period.ToString();
        var existing = await db.Reports.Where(r => r.UnitId == unitId && r.Period == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return (null, new DomainException(nameof(CreateReport.Period), $"Đơn vị đã có báo cáo kỳ {period.ToVietnamese()} (số hiệu {id}). Mở báo cáo đó để tiếp tục.")
            {
                English = $"The unit already has a report for {code} (id {id}).",
            });
        }

        var plan = await plans.PlanForAsync(unitId, period, ct);
        var opens = PlanSchedule.OpensOn(period, plan);
        if (VietnamTime.Today(clock) < opens)
        {
            return (plan, new DomainException(nameof(CreateReport.Period), $"Kỳ {period.ToVietnamese()} chưa mở: báo cáo kỳ này lập được từ ngày {opens:dd/MM/yyyy}. Chọn một kỳ đang mở.")
            {
                English = $"The period {code} is not open yet; its report can be started from {opens:yyyy-MM-dd}.",
            });
        }

        if (plan is not null && await states.LockedAsync(plan, unitId, period, ct) is { } locked)
        {
            return (plan, ReportStandingService.LockedError(locked));
        }

        return (plan, null);
    }

    /// <summary>
    /// A new draft of the unit for the period, on the plan's outline, with last period's tasks to answer and its first
    /// history line; not saved.
    /// </summary>
    internal async Task<Report> NewAsync(int unitId, ReportingPeriod period, Plan? plan, Actor actor, string comment, CancellationToken ct)
    {
        var now = Now();
        return new Report
        {
            UnitId = unitId,
            Period = period.ToString(),
            PlanId = plan?.Id,
            Title = ReportTemplate.DefaultTitle(period.ToVietnamese()),
            Status = ReportStatus.Draft,
            CreatedAt = now,
            Sections = ReportTemplate.Outline(plan),
            CarryForward = await CarryForwardAsync(unitId, period, ct),
            Transitions = [Transition(actor, null, ReportStatus.Draft, comment, at: now)],
        };
    }

    /// <summary>Last period's "Phương hướng, nhiệm vụ" items, one per line, to be answered in this report.</summary>
    private async Task<List<CarryForwardItem>> CarryForwardAsync(int unitId, ReportingPeriod period, CancellationToken ct)
    {
        var previous = period.Previous().ToString();
        var tasks = await db.ReportSections.AsNoTracking()
            .Where(s => s.Key == ReportTemplate.NextTasksKey && db.Reports.Any(r => r.Id == s.ReportId && r.UnitId == unitId && r.Period == previous))
            .Select(s => s.Text)
            .FirstOrDefaultAsync(ct);
        return CarryForward.Tasks(tasks ?? "").Select((t, i) => new CarryForwardItem { Task = t, Order = i }).ToList();
    }

    /// <summary>Answers last period's tasks: done, in progress or not done, with a note.</summary>
    public async Task SaveCarryForwardAsync(int reportId, IReadOnlyList<CarryForwardAnswer> answers, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(reportId, actor, ct);
        await states.RequireEditableAsync(report, actor, ct);
        if (report.Version != expectedVersion)
        {
            // The form sends every item: saved over a newer report it would put back what a colleague just changed.
            throw new ConcurrencyConflictException("Carry", "Báo cáo vừa được người khác thay đổi nên kết quả bạn chọn chưa được lưu. Bảng dưới đây là bản mới nhất; chọn lại rồi lưu.")
            {
                English = "The report was changed by someone else, so your choices were not saved. The table below is the latest version; choose again and save.",
            };
        }

        var items = await db.CarryForwardItems.Where(c => c.ReportId == report.Id).ToDictionaryAsync(c => c.Id, ct);
        foreach (var answer in answers)
        {
            if (!items.TryGetValue(answer.ItemId, out var item))
            {
                throw new NotFoundException("Carry-forward item");
            }

            var note = (answer.Note ?? "").Trim();
            if (note.Length > CarryForwardItem.MaxNoteLength)
            {
                throw new DomainException("Note", $"Ghi chú nhiệm vụ {item.Order + 1} tối đa {CarryForwardItem.MaxNoteLength:N0} ký tự.")
                {
                    English = $"The note on task {item.Order + 1} may have at most {CarryForwardItem.MaxNoteLength:N0} characters.",
                };
            }

            item.Outcome = answer.Outcome;
            item.Note = note;
        }

        report.Version++;
        await SaveReportAsync(ct);
    }

    /// <summary>The report with everything a reader needs, or <see cref="NotFoundException"/> outside the user's units.</summary>
    public async Task<Report> GetAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var visible = await access.VisibleReportAsync(actor, reportId, ct);
        return await visible.AsNoTracking()
            .Include(r => r.Unit)
            .Include(r => r.Sections.OrderBy(s => s.Order))
            .Include(r => r.Figures.OrderBy(f => f.Order))
            .Include(r => r.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id))
            .Include(r => r.CarryForward.OrderBy(c => c.Order))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Report");
    }

    /// <summary>The times the report was handed on, oldest first, with its text each time; <paramref name="report"/> comes from <see cref="GetAsync"/>.</summary>
    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(Report report, CancellationToken ct = default)
    {
        var versions = ReportVersions.Build(report.Transitions, await db.SectionRevisions.AsNoTracking().Where(r => r.ReportId == report.Id).ToListAsync(ct), report.Sections);
        if (versions is [{ Transition: null, SavedBy: { } userName } saved])
        {
            // The history names people by full name, as the moves do.
            var name = await db.Users.Where(u => u.UserName == userName).Select(u => u.FullName).FirstOrDefaultAsync(ct);
            return [saved with { SavedBy = string.IsNullOrEmpty(name) ? userName : $"{name} ({userName})" }];
        }

        return versions;
    }

    private async Task<Report> LoadForChangeAsync(int reportId, Actor actor, CancellationToken ct)
    {
        var visible = await access.VisibleReportAsync(actor, reportId, ct);
        return await visible.FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Report");
    }

    private async Task SaveReportAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("", "Báo cáo vừa được người khác thay đổi. Tải lại trang để xem bản mới; nội dung bạn nhập vẫn được giữ trên trang.")
            {
                English = "The report was changed by someone else meanwhile. Reload the page to see the new version; what you typed is kept on the page.",
            };
        }
    }

    private ReportTransition Transition(Actor actor, ReportStatus? from, ReportStatus to, string? comment, int reportId = 0, DateTime? at = null) => new()
    {
        ReportId = reportId,
        At = at ?? Now(),
        UserName = actor.UserName,
        UserFullName = actor.FullName,
        FromStatus = from,
        ToStatus = to,
        Comment = comment,
    };

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
