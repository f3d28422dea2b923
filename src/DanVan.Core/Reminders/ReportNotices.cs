using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reminders;

/// <summary>What a report's move tells the people who must act next, as the bell line and the e-mail subject.</summary>
public sealed record ReportNotice(string Subject, string Text);

/// <summary>
/// Who learns of a report's move and what they read: the leader that staff sent it for approval, the staff author
/// (and the leader who sent it) that it came back with the reason or was accepted, the reviewing consolidators that
/// one arrived. Each notice links to the report.
/// </summary>
public sealed class ReportNotices(DanVanDbContext db, NotificationService notifications, OrgUnitService units, TimeProvider clock)
{
    /// <summary>Enough parent links to climb any real hierarchy (province → district → commune), and a stop for a cycle.</summary>
    private const int MaxDepth = 10;

    public static string Url(int reportId) => $"/reports/{reportId}";

    /// <summary>Pure: the notice for <paramref name="action"/> on the unit's report for the period (in words).</summary>
    public static ReportNotice For(ReportAction action, string period, string unit, string actor, string? comment, string? documentNumber) => action switch
    {
        ReportAction.SendToLeader => new($"Báo cáo {period} chờ lãnh đạo duyệt", $"Báo cáo {period} của {unit} chờ lãnh đạo duyệt ({actor} trình)."),
        ReportAction.ReturnToStaff => new(
            $"Báo cáo {period} được lãnh đạo trả lại để sửa",
            comment is null ? $"Lãnh đạo {actor} trả lại báo cáo {period} của {unit} để sửa." : $"Lãnh đạo {actor} trả lại báo cáo {period} của {unit} để sửa. Ý kiến: {comment}"),
        ReportAction.Submit => new(
            $"Báo cáo {period} của {unit} đã gửi đến",
            $"Báo cáo {period} của {unit}{(documentNumber is null ? "" : $" (số {documentNumber})")} đã gửi đến, chờ tiếp nhận."),
        ReportAction.Accept => new($"Báo cáo {period} đã được tiếp nhận", $"Báo cáo {period} của {unit} đã được tiếp nhận."),
        ReportAction.Return => new($"Báo cáo {period} bị trả lại", $"Báo cáo {period} của {unit} bị trả lại. Lý do: {comment}"),
        ReportAction.Reopen => new($"Báo cáo {period} được mở lại để sửa", $"Báo cáo {period} của {unit} được mở lại để sửa. Lý do: {comment}"),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>
    /// Pure: the notice of a remark on a section (or of an answer to one). The bell line carries the text so the unit
    /// reads what to fix without opening the report.
    /// </summary>
    public static ReportNotice ForComment(bool answer, string period, string unit, string heading, string actor, string text) => answer
        ? new($"Trả lời ý kiến về báo cáo {period}", $"{actor} trả lời ý kiến ở mục \"{heading}\" của báo cáo {period} của {unit}: {text}")
        : new($"Ý kiến về báo cáo {period}", $"{actor} ghi ý kiến vào mục \"{heading}\" của báo cáo {period} của {unit}: {text}");

    /// <summary>Where a remark leads: the report, at its section.</summary>
    public static string SectionUrl(int reportId, string sectionKey) => $"{Url(reportId)}#section-{sectionKey}";

    /// <summary>
    /// Puts a new remark in the bells (and the e-mail outbox) of the unit's staff and leader, or an answer in those of
    /// everyone who wrote in its thread (<paramref name="thread"/>, user names); saved with the remark.
    /// </summary>
    public async Task AddCommentAsync(Report report, string heading, SectionComment comment, IReadOnlyCollection<string> thread, Actor actor, CancellationToken ct = default)
    {
        var recipients = comment.ParentId is null
            ? await notifications.InRolesAsync([report.UnitId], [Roles.Staff, Roles.Leader], ct)
            : await notifications.NamedAsync(thread, ct);
        recipients = recipients.Where(r => r.UserId != actor.UserId).ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var period = ReportingPeriod.Parse(report.Period);
        var unit = await units.NameAsync(report.UnitId, period.CalendarWindow().End, ct) ?? "";
        var notice = ForComment(comment.ParentId is not null, period.ToVietnamese(), unit, heading, actor.FullName, comment.Text);
        var url = SectionUrl(report.Id, comment.SectionKey);
        notifications.Add(recipients, notice.Text, url);
        notifications.Mail(recipients, notice.Subject, notice.Text, url);
    }

    /// <summary>Puts the notice of the move just made in the recipients' bells and the e-mail outbox, saved with the move.</summary>
    public async Task AddAsync(Report report, ReportAction action, Actor actor, string? comment, CancellationToken ct = default)
    {
        var recipients = (await RecipientsAsync(report, action, ct)).Where(r => r.UserId != actor.UserId).ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var period = ReportingPeriod.Parse(report.Period);
        var unit = await units.NameAsync(report.UnitId, period.CalendarWindow().End, ct) ?? "";
        var notice = For(action, period.ToVietnamese(), unit, actor.FullName, comment, report.DocumentNumber);
        notifications.Add(recipients, notice.Text, Url(report.Id));
        notifications.Mail(recipients, notice.Subject, notice.Text, Url(report.Id));
    }

    private async Task<List<Recipient>> RecipientsAsync(Report report, ReportAction action, CancellationToken ct)
    {
        switch (action)
        {
            case ReportAction.SendToLeader:
                return await notifications.InRolesAsync([report.UnitId], [Roles.Leader], ct);
            case ReportAction.ReturnToStaff:
                return await notifications.NamedAsync(await LastActorsAsync(report.Id, [ReportStatus.AwaitingLeader], ct), ct);
            case ReportAction.Submit:
                return await notifications.InRolesAsync(await ReviewingUnitsAsync(report, ct), [Roles.Consolidator], ct);
            default:
                // Whoever drafted it and whoever sent it up; a report sent without either (imported) tells its unit.
                var authors = await notifications.NamedAsync(await LastActorsAsync(report.Id, [ReportStatus.AwaitingLeader, ReportStatus.Submitted], ct), ct);
                return authors.Count > 0 ? authors : await notifications.InRolesAsync([report.UnitId], [Roles.Staff, Roles.Leader], ct);
        }
    }

    /// <summary>The user names of the latest moves into each of the statuses.</summary>
    private async Task<List<string>> LastActorsAsync(int reportId, ReportStatus[] statuses, CancellationToken ct)
    {
        var moves = await db.ReportTransitions.AsNoTracking()
            .Where(t => t.ReportId == reportId && statuses.Contains(t.ToStatus))
            .Select(t => new { t.Id, t.ToStatus, t.UserName })
            .ToListAsync(ct);
        return moves.GroupBy(t => t.ToStatus).Select(g => g.MaxBy(t => t.Id)!.UserName).Distinct().ToList();
    }

    /// <summary>The names of the bodies a submitted report goes to, consolidating bodies (Sở Nội vụ) first.</summary>
    public async Task<IReadOnlyList<string>> ReviewingBodiesAsync(Report report, CancellationToken ct = default)
    {
        var ids = await ReviewingUnitsAsync(report, ct);
        var consolidating = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id) && u.ConsolidatesForId != null).Select(u => u.Id).ToListAsync(ct);
        var names = new List<string>();
        foreach (var id in consolidating.Count > 0 ? consolidating : ids)
        {
            names.Add(await units.NameAsync(id, ct: ct) ?? "");
        }

        return names;
    }

    /// <summary>
    /// The units whose consolidators review the report (<see cref="ReportStandingService.IsReviewerAsync"/>): those of
    /// the plan's owner (its heir once closed), or without a plan those of every unit above it; read from the unit
    /// upwards, not the whole tree.
    /// </summary>
    private async Task<List<int>> ReviewingUnitsAsync(Report report, CancellationToken ct)
    {
        List<int> roots;
        if (report.PlanId is { } planId)
        {
            roots = [];
            foreach (var owner in await db.Plans.Where(p => p.Id == planId).Select(p => p.OwnerUnitId).ToListAsync(ct))
            {
                roots.Add(await units.HeirAsync(owner, ct));
            }
        }
        else
        {
            roots = [];
            var day = VietnamTime.Today(clock);
            for (int? parent = report.UnitId; roots.Count < MaxDepth && parent is { } id;)
            {
                parent = await db.UnitParentLinks.AsNoTracking()
                    .Where(l => l.UnitId == id && l.ValidFrom <= day)
                    .OrderByDescending(l => l.ValidFrom)
                    .Select(l => (int?)l.ParentId)
                    .FirstOrDefaultAsync(ct);
                if (parent is { } p && !roots.Contains(p))
                {
                    roots.Add(p);
                }
                else
                {
                    break;
                }
            }
        }

        // A consolidating body sits beside the unit it consolidates for (Sở Nội vụ for the province).
        return await db.Units.AsNoTracking()
            .Where(u => u.Id != report.UnitId && (roots.Contains(u.Id) || (u.ConsolidatesForId != null && roots.Contains(u.ConsolidatesForId.Value))))
            .Select(u => u.Id)
            .ToListAsync(ct);
    }
}
