using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

/// <summary>Moving a report between statuses (<see cref="ReportWorkflow"/>), numbering it when issued, accepting many at once.</summary>
public sealed partial class ReportService
{
    public async Task<ReportStatus> ChangeStatusAsync(ChangeStatus command, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(command.ReportId, actor, ct);
        actor = await states.AsDrafterAsync(report, actor, ct);
        if (command.ExpectedVersion is { } expected && expected != report.Version)
        {
            throw new ConcurrencyConflictException(nameof(command.Action), "Báo cáo vừa được người khác thay đổi. Tải lại trang để xem trạng thái mới.")
            {
                English = "The report was changed by someone else meanwhile. Reload the page to see its new status.",
            };
        }

        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        if (comment is { Length: > ReportTransitionCommentMax })
        {
            throw new DomainException(nameof(command.Comment), "Ý kiến tối đa 4.000 ký tự.")
            {
                English = "A comment may have at most 4,000 characters.",
            };
        }

        var (allowedFrom, to) = ReportWorkflow.Rule(command.Action);
        var state = await states.StandingAsync(report, actor, ct);
        if (!ReportWorkflow.MayAct(command.Action, report.UnitId, actor, state.IsReviewer))
        {
            throw new ForbiddenException(command.Action switch
            {
                ReportAction.SendToLeader => "Chỉ cán bộ của đơn vị lập báo cáo được trình lãnh đạo.",
                ReportAction.Submit => "Chỉ lãnh đạo của đơn vị lập báo cáo được gửi báo cáo.",
                ReportAction.ReturnToStaff => "Chỉ lãnh đạo của đơn vị lập báo cáo được trả lại cho cán bộ.",
                _ when state.Plan is { } plan => $"Báo cáo này gửi theo {plan.Citation}; chỉ cán bộ tổng hợp của cơ quan ban hành kế hoạch được tiếp nhận, trả lại hoặc mở lại.",
                _ => "Chỉ cơ quan tổng hợp cấp trên được tiếp nhận, trả lại hoặc mở lại báo cáo.",
            })
            {
                English = command.Action switch { ReportAction.SendToLeader => "Only staff of the report's unit may send it to the leader.", ReportAction.Submit => "Only a leader of the report's unit may submit the report.", ReportAction.ReturnToStaff => "Only a leader of the report's unit may return it to staff.", _ when state.Plan is { } plan => $"This report answers {plan.Citation}; only the consolidating staff of the body that issued the plan may accept, return or reopen it.", _ => "Only the consolidating body above may accept, return or reopen the report.", },
            };
        }

        if (!allowedFrom.Contains(report.Status))
        {
            throw new DomainException(nameof(command.Action), $"Không thể thực hiện thao tác này khi báo cáo đang ở trạng thái \"{ReportStatusText.Of(report.Status)}\".")
            {
                English = $"This cannot be done while the report's status is {report.Status}.",
            };
        }

        if (command.Action is ReportAction.Return or ReportAction.ReturnToStaff)
        {
            // The remarks still open on its sections go with a return, so the unit reads everything to fix in one place.
            comment = SectionComments.ReturnReason(comment, await comments.OpenRemarksAsync(report.Id, ct), ReportTransitionCommentMax);
        }

        if (command.Action is ReportAction.Return or ReportAction.Reopen && comment is null)
        {
            throw new DomainException(nameof(command.Comment), command.Action == ReportAction.Reopen
                ? "Nhập lý do mở lại báo cáo đã tiếp nhận."
                : "Nhập lý do trả lại hoặc ghi ý kiến vào các mục để đơn vị biết cần sửa gì.")
            {
                English = command.Action == ReportAction.Reopen ? "Enter why the accepted report is reopened." : "Enter why the report is returned, or comment on its sections so the unit knows what to fix.",
            };
        }

        if (command.Action is ReportAction.SendToLeader or ReportAction.Submit)
        {
            if (state.Locked)
            {
                throw ReportStandingService.LockedError(state.Schedule!);
            }

            var sections = await db.ReportSections.Where(s => s.ReportId == report.Id).OrderBy(s => s.Order)
                .Select(s => new OutlineSection(s.Heading, s.Level, s.Required, s.Text.Trim() != "")).ToListAsync(ct);
            var empty = EmptyRequired(sections);
            if (empty.Count > 0)
            {
                throw new DomainException(nameof(command.Action), $"Kế hoạch yêu cầu có nội dung ở các mục: {string.Join("; ", empty)}. Bổ sung rồi gửi lại.")
                {
                    English = $"The plan requires text in these sections: {string.Join("; ", empty)}. Fill them in, then send again.",
                };
            }
        }

        var now = Now();
        var transition = Transition(actor, report.Status, to, comment, report.Id, now);
        if (to == ReportStatus.Submitted)
        {
            // The signature block of the issued document is the signer as they were on the day.
            transition.UserJobTitle = await db.Users.Where(u => u.UserName == actor.UserName).Select(u => u.JobTitle).FirstOrDefaultAsync(ct);
        }

        db.ReportTransitions.Add(transition);
        if (ReportVersions.HandsOn(to))
        {
            // What is handed on is kept, so history can show what changed between sending and sending again.
            var sections = await db.ReportSections.AsNoTracking().Where(s => s.ReportId == report.Id).OrderBy(s => s.Order).Select(s => new { s.Key, s.Text }).ToListAsync(ct);
            var kept = await db.SectionRevisions.AsNoTracking().Where(r => r.ReportId == report.Id).ToListAsync(ct);
            db.SectionRevisions.AddRange(ReportVersions.Changed(sections.Select(s => (s.Key, s.Text)), kept)
                .Select(s => new SectionRevision { ReportId = report.Id, Transition = transition, Key = s.Key, Text = s.Text }));
        }

        report.Status = to;
        report.Version++;
        if (to == ReportStatus.Submitted)
        {
            report.SubmittedAt = now;
        }

        if (to == ReportStatus.Accepted)
        {
            report.AcceptedAt = now;
        }

        // The notices and their e-mails are saved with the move (after issuing, which gives the number they quote).
        async Task SaveWithNoticesAsync(CancellationToken c)
        {
            await notices.AddAsync(report, command.Action, actor, comment, c);
            await SaveReportAsync(c);
        }

        // Issuing draws the body's next document number in the same transaction as this save.
        await (command.Action == ReportAction.Submit ? IssueAsync(report, now, SaveWithNoticesAsync, ct) : SaveWithNoticesAsync(ct));
        return to;
    }

    /// <summary>
    /// Numbers the report in its body's register and saves it in the same transaction. A report returned and issued
    /// again keeps its number and date; a save that fails leaves it without one.
    /// </summary>
    private async Task IssueAsync(Report report, DateTime now, Func<CancellationToken, Task> save, CancellationToken ct)
    {
        if (report.DocumentNumber is not null)
        {
            await save(ct);
            return;
        }

        try
        {
            await register.IssueAsync(report.UnitId, now, (number, issuedOn, c) =>
            {
                (report.DocumentNumber, report.IssuedOn) = (number, issuedOn);
                return save(c);
            }, ct);
        }
        catch
        {
            (report.DocumentNumber, report.IssuedOn) = (null, null);
            throw;
        }
    }

    /// <summary>
    /// Accepts each report as its own page would, one transaction per report: one that cannot be accepted (a colleague
    /// took or returned it meanwhile, another body reviews it) is refused with its reason and keeps no other waiting.
    /// </summary>
    public async Task<IReadOnlyList<BulkOutcome>> AcceptManyAsync(IReadOnlyList<int> reportIds, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Consolidator))
        {
            throw new ForbiddenException("Chỉ cán bộ tổng hợp của cơ quan tiếp nhận được tiếp nhận báo cáo.")
            {
                English = "Only the consolidating staff of the receiving body may accept reports.",
            };
        }

        var ids = reportIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException("ReportIds", "Chọn ít nhất một báo cáo để tiếp nhận.") { English = "Choose at least one report to accept." };
        }

        if (ids.Count > MaxBulk)
        {
            throw new DomainException("ReportIds", $"Mỗi lần tiếp nhận tối đa {MaxBulk} báo cáo.") { English = $"At most {MaxBulk} reports at a time." };
        }

        var outcomes = new List<BulkOutcome>();
        foreach (var id in ids)
        {
            try
            {
                outcomes.Add(new BulkOutcome(id, await ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Accept }, actor, ct), null));
            }
            catch (Exception ex) when (ex is DomainException or NotFoundException)
            {
                // What the refused one left tracked must not ride along with the next report's save.
                db.ChangeTracker.Clear();
                outcomes.Add(ex is DomainException breach
                    ? new BulkOutcome(id, null, breach.Message, breach.English)
                    : new BulkOutcome(id, null, "Không tìm thấy báo cáo hoặc báo cáo ngoài phạm vi của bạn.", "The report was not found or is outside your scope."));
            }
        }

        return outcomes;
    }

    /// <summary>Of these reports, those the actor may accept now (<see cref="ReportWorkflow"/>, as each report's page would offer it).</summary>
    public async Task<IReadOnlySet<int>> AcceptableAsync(IReadOnlyCollection<int> reportIds, Actor actor, CancellationToken ct = default)
    {
        var (from, _) = ReportWorkflow.Rule(ReportAction.Accept);
        if (!actor.IsIn(Roles.Consolidator) || reportIds.Count == 0)
        {
            return new HashSet<int>();
        }

        var rows = await (await access.VisibleReportsAsync(actor, ct)).AsNoTracking()
            .Where(r => reportIds.Contains(r.Id) && from.Contains(r.Status))
            .Select(r => new { r.Id, r.UnitId, r.PlanId })
            .ToListAsync(ct);
        var planIds = rows.Where(r => r.PlanId != null).Select(r => r.PlanId!.Value).Distinct().ToList();
        var plansById = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var acceptable = new HashSet<int>();
        foreach (var r in rows)
        {
            var plan = r.PlanId is { } id ? plansById[id] : null;
            if (ReportWorkflow.MayAct(ReportAction.Accept, r.UnitId, actor, await states.IsReviewerAsync(r.UnitId, plan, actor, ct)))
            {
                acceptable.Add(r.Id);
            }
        }

        return acceptable;
    }

    /// <summary>One section of a report's outline, in order, as the submit check sees it.</summary>
    public sealed record OutlineSection(string Heading, int Level, bool Required, bool HasText);

    /// <summary>
    /// The headings of required sections with nothing written in them. A heading such as "I. KẾT QUẢ THỰC HIỆN" is
    /// usually written through its items 1.–7. (the following sections of greater level), so their text counts as its.
    /// </summary>
    public static IReadOnlyList<string> EmptyRequired(IReadOnlyList<OutlineSection> sections)
    {
        var empty = new List<string>();
        for (var i = 0; i < sections.Count; i++)
        {
            if (!sections[i].Required || sections[i].HasText)
            {
                continue;
            }

            var written = false;
            for (var j = i + 1; j < sections.Count && sections[j].Level > sections[i].Level && !written; j++)
            {
                written = sections[j].HasText;
            }

            if (!written)
            {
                empty.Add(sections[i].Heading);
            }
        }

        return empty;
    }
}
