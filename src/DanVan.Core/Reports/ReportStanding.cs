using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

/// <summary>
/// Where a report stands today for one actor (not its <see cref="ReportStatus"/>, which is one field of it): its plan's
/// deadline and whether it is late, whether the lock date has passed (and a consolidator's exception lifts it), whether
/// the actor reviews it, may edit it and which moves they may make. Pages show exactly what the service allows.
/// </summary>
public sealed record ReportStanding(
    Plan? Plan,
    PlanSchedule? Schedule,
    bool Late,
    bool Locked,
    LockException? Exception,
    bool IsReviewer,
    bool CanEdit,
    IReadOnlyList<ReportAction> Actions)
{
    /// <summary>Who the reader acts as on this report (<see cref="ReportStandingService.AsDrafterAsync"/>).</summary>
    public required Actor ActAs { get; init; }
}

public sealed class ReportStandingService(DanVanDbContext db, AccessService access, CalendarService calendar, TimeProvider clock)
{
    public async Task<ReportStanding> StandingAsync(Report report, Actor actor, CancellationToken ct = default)
    {
        actor = await AsDrafterAsync(report, actor, ct);
        var plan = report.PlanId is { } planId
            ? await db.Plans.AsNoTracking().FirstAsync(p => p.Id == planId, ct)
            : null;
        var today = VietnamTime.Today(clock);
        var (schedule, exception, locked) = plan is null ? default : await LockAsync(plan, report.UnitId, ReportingPeriod.Parse(report.Period), ct);
        var late = schedule is not null && (report.SubmittedAt is { } sent ? VietnamTime.DateOf(sent) > schedule.UnitDeadline : today > schedule.UnitDeadline);
        var isReviewer = await IsReviewerAsync(report.UnitId, plan, actor, ct);
        var canEdit = ReportWorkflow.MayEdit(report.UnitId, report.Status, actor) && !locked;
        var actions = ReportWorkflow.Available(report.UnitId, report.Status, actor, isReviewer)
            .Where(a => !locked || a is not (ReportAction.SendToLeader or ReportAction.Submit))
            .ToList();
        return new ReportStanding(plan, schedule, late, locked, exception, isReviewer, canEdit, actions) { ActAs = actor };
    }

    /// <summary>
    /// Sở Nội vụ drafts the consolidated report its province's People's Committee issues: on that report its
    /// consolidators act as the committee's staff (edit, send to the leader); issuing stays with the committee's leader.
    /// Anyone else, and on any other report, acts as themselves.
    /// </summary>
    public async Task<Actor> AsDrafterAsync(Report report, Actor actor, CancellationToken ct = default) =>
        actor.IsIn(Roles.Consolidator) && actor.UnitId != report.UnitId
            && await db.ConsolidationDrafts.AnyAsync(d => d.ReportId == report.Id, ct)
            && await access.ScopeRootAsync(actor, ct) == report.UnitId
            ? actor with { UnitId = report.UnitId, Roles = new HashSet<string>(actor.Roles) { Roles.Staff } }
            : actor;

    /// <summary>Whether the actor may edit the report's content as one of its unit's users (or as its drafter, <see cref="AsDrafterAsync"/>), whatever its status.</summary>
    public async Task<bool> MayEditUnitAsync(Report report, Actor actor, CancellationToken ct = default) =>
        ReportWorkflow.MayEditUnit(report.UnitId, await AsDrafterAsync(report, actor, ct));

    /// <summary>
    /// The review chain follows plans: a report made under a plan is reviewed by the consolidators of the plan's owner
    /// (a commune's by its district or province, the district's own by the province); without a plan, by any
    /// consolidator above the unit. A plan whose owner has closed is reviewed by the owner's heir
    /// (<see cref="AccessService.ConsolidatesForAsync"/>).
    /// </summary>
    public async Task<bool> IsReviewerAsync(int reportUnitId, Plan? plan, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Consolidator) || reportUnitId == actor.UnitId || !await access.CanSeeUnitAsync(actor, reportUnitId, ct))
        {
            return false;
        }

        return plan is null || await access.ConsolidatesForAsync(actor, plan.OwnerUnitId, ct);
    }

    /// <summary>Throws the reason a unit's user cannot change the report now.</summary>
    public async Task<ReportStanding> RequireEditableAsync(Report report, Actor actor, CancellationToken ct = default)
    {
        actor = await AsDrafterAsync(report, actor, ct);
        if (!ReportWorkflow.MayEditUnit(report.UnitId, actor))
        {
            throw new ForbiddenException("Chỉ cán bộ, lãnh đạo của đơn vị lập báo cáo được sửa nội dung.")
            {
                English = "Only staff or a leader of the report's unit may change its text.",
            };
        }

        if (!ReportWorkflow.MayEdit(report.UnitId, report.Status, actor))
        {
            throw new DomainException("", report.Status switch
            {
                ReportStatus.Accepted => "Báo cáo đã được tiếp nhận nên chỉ đọc. Muốn sửa, đề nghị cơ quan tổng hợp mở lại báo cáo.",
                ReportStatus.AwaitingLeader => "Báo cáo đang chờ lãnh đạo duyệt nên cán bộ không sửa được. Muốn sửa, đề nghị lãnh đạo trả lại báo cáo.",
                _ => $"Báo cáo đang ở trạng thái \"{ReportStatusText.Of(report.Status)}\" nên không sửa được.",
            })
            {
                English = report.Status == ReportStatus.AwaitingLeader
                    ? "The report is with the leader; only the leader may change it until they return it to staff."
                    : $"A report in status {report.Status} cannot be changed.",
            };
        }

        var state = await StandingAsync(report, actor, ct);
        if (state.Locked)
        {
            throw LockedError(state.Schedule!);
        }

        return state;
    }

    /// <summary>The period's schedule when its lock date has passed and no consolidator's exception lifts it for the unit; else null.</summary>
    public async Task<PlanSchedule?> LockedAsync(Plan plan, int unitId, ReportingPeriod period, CancellationToken ct = default) =>
        await LockAsync(plan, unitId, period, ct) is { Locked: true } state ? state.Schedule : null;

    /// <summary>The one statement of the lock: the plan's lock date for the period has passed and no exception granted to the unit still runs.</summary>
    private async Task<(PlanSchedule? Schedule, LockException? Exception, bool Locked)> LockAsync(Plan plan, int unitId, ReportingPeriod period, CancellationToken ct)
    {
        var schedule = PlanSchedule.For(plan, period, await calendar.LoadAsync(ct));
        var today = VietnamTime.Today(clock);
        var code = period.ToString();
        var exception = await db.LockExceptions.AsNoTracking()
            .Where(x => x.PlanId == plan.Id && x.UnitId == unitId && x.Period == code && x.Until >= today)
            .OrderByDescending(x => x.Until)
            .FirstOrDefaultAsync(ct);
        return (schedule, exception, schedule.IsLocked(today) && exception is null);
    }

    public static DomainException LockedError(PlanSchedule schedule) => new(
        "",
        $"Kỳ báo cáo đã khoá sổ sau ngày {schedule.LockedAfter:dd/MM/yyyy}. Muốn sửa hoặc gửi, đề nghị cơ quan tổng hợp cho phép ngoại lệ cho đơn vị.")
    {
        English = $"The period was locked after {schedule.LockedAfter:dd/MM/yyyy}; the consolidator must grant the unit an exception first.",
    };
}
