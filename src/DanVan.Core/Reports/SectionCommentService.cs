using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

public sealed record AddComment
{
    public required int ReportId { get; init; }
    public required string SectionKey { get; init; }
    public required string Text { get; init; }

    /// <summary>The remark answered; null writes a new remark.</summary>
    public int? ParentId { get; init; }
}

/// <summary>A remark and its answers, oldest first.</summary>
public sealed record CommentThread(SectionComment Remark, IReadOnlyList<SectionComment> Answers)
{
    public bool Open => Remark.ResolvedAt is null;
}

/// <summary>A report's remarks by section key, and what the actor may do with them.</summary>
public sealed record ReportComments(IReadOnlyDictionary<string, IReadOnlyList<CommentThread>> BySection, bool MayRemark, bool MayAnswer, bool MayResolve)
{
    public IReadOnlyList<CommentThread> For(string sectionKey) => BySection.GetValueOrDefault(sectionKey) ?? [];

    public int OpenCount => BySection.Values.Sum(t => t.Count(x => x.Open));
}

/// <summary>Remarks pinned to a report's sections: reviewers remark and resolve, the unit answers, and each new one reaches the other side's bell.</summary>
public sealed class SectionCommentService(DanVanDbContext db, AccessService access, ReportStandingService states, Reminders.ReportNotices notices, TimeProvider clock)
{
    public async Task<ReportComments> ListAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var (report, actAs, isReviewer) = await LoadAsync(reportId, actor, ct);
        return await ListAsync(report, actAs, isReviewer, ct);
    }

    /// <summary>The same for a report the caller has already opened with its standing (the report page), without reading them again.</summary>
    public Task<ReportComments> ListAsync(Report report, ReportStanding standing, CancellationToken ct = default) =>
        ListAsync(report, standing.ActAs, standing.IsReviewer, ct);

    private async Task<ReportComments> ListAsync(Report report, Actor actAs, bool isReviewer, CancellationToken ct)
    {
        var reportId = report.Id;
        var rows = await db.SectionComments.AsNoTracking().Where(c => c.ReportId == reportId).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var answers = rows.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        var bySection = rows.Where(c => c.ParentId is null)
            .GroupBy(c => c.SectionKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CommentThread>)g.Select(r => new CommentThread(r, answers[r.Id].ToList())).ToList(), StringComparer.Ordinal);
        return new ReportComments(
            bySection,
            SectionComments.MayRemark(report.UnitId, report.Status, actAs, isReviewer),
            SectionComments.MayAnswer(report.UnitId, report.Status, actAs, isReviewer),
            SectionComments.MayResolve(report.UnitId, actAs, isReviewer));
    }

    public async Task<int> AddAsync(AddComment command, Actor actor, CancellationToken ct = default)
    {
        var (report, actAs, isReviewer) = await LoadAsync(command.ReportId, actor, ct);
        var text = VietnameseText.WithoutInvalidCharacters((command.Text ?? "").Trim());
        if (text.Length == 0)
        {
            throw new DomainException(nameof(command.Text), command.ParentId is null ? "Nhập ý kiến về mục này." : "Nhập nội dung trả lời.")
            {
                English = command.ParentId is null ? "Enter your comment on this section." : "Enter your reply.",
            };
        }

        if (text.Length > SectionComment.MaxTextLength)
        {
            throw new DomainException(nameof(command.Text), "Ý kiến tối đa 2.000 ký tự.")
            {
                English = "A comment may have at most 2,000 characters.",
            };
        }

        var section = await db.ReportSections.AsNoTracking().Where(s => s.ReportId == report.Id && s.Key == command.SectionKey)
            .Select(s => new { s.Key, s.Heading }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(nameof(command.SectionKey), "Báo cáo không có mục này; tải lại trang rồi chọn mục cần góp ý.")
            {
                English = "The report has no such section; reload the page and choose the section to comment on.",
            };

        if (command.ParentId is null && !SectionComments.TakesRemarks(section.Key))
        {
            throw new DomainException(nameof(command.SectionKey), $"Mục \"{section.Heading}\" là phần mở đầu hoặc kết thúc của văn bản; ghi ý kiến vào mục nội dung cần sửa.")
            {
                English = $"\"{section.Heading}\" is the document's opening or closing; remark on the content section to fix.",
            };
        }

        SectionComment? remark = null;
        if (command.ParentId is { } parentId)
        {
            remark = await db.SectionComments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId && c.ReportId == report.Id && c.ParentId == null, ct)
                ?? throw new DomainException(nameof(command.ParentId), "Không tìm thấy ý kiến cần trả lời; có thể đã bị xoá. Tải lại trang.")
                {
                    English = "The comment to reply to was not found; it may have been deleted. Reload the page.",
                };
            if (remark.SectionKey != section.Key)
            {
                throw new DomainException(nameof(command.ParentId), "Ý kiến này thuộc mục khác của báo cáo. Tải lại trang rồi trả lời ở đúng mục.")
                {
                    English = "This comment belongs to another section of the report. Reload the page and reply in the right section.",
                };
            }

            if (remark.ResolvedAt is not null)
            {
                throw new DomainException(nameof(command.Text), "Ý kiến này đã được giải quyết nên không trả lời thêm được. Nếu còn vấn đề, ghi ý kiến mới.")
                {
                    English = "This comment is resolved, so it takes no more replies. If something is still wrong, write a new comment.",
                };
            }
        }

        var reviewer = SectionComments.IsReviewer(report.UnitId, actAs, isReviewer);
        var allowed = remark is null
            ? SectionComments.MayRemark(report.UnitId, report.Status, actAs, isReviewer)
            : SectionComments.MayAnswer(report.UnitId, report.Status, actAs, isReviewer);
        if (!allowed)
        {
            throw !SectionComments.IsOpen(report.Status)
                ? new DomainException(nameof(command.Text), "Báo cáo đã được tiếp nhận nên không ghi thêm ý kiến. Muốn góp ý, cơ quan tổng hợp mở lại báo cáo.")
                {
                    English = "The report has been accepted, so it takes no more comments. To comment, the consolidating body reopens the report.",
                }
                : new ForbiddenException(remark is null
                    ? "Chỉ lãnh đạo đơn vị và cơ quan tổng hợp xem xét báo cáo được ghi ý kiến vào các mục."
                    : "Chỉ cán bộ, lãnh đạo của đơn vị lập báo cáo và người xem xét báo cáo được trả lời ý kiến.")
                {
                    English = remark is null ? "Only the unit's leader and the consolidating body reviewing the report may comment on its sections." : "Only staff and leaders of the report's unit and its reviewers may reply to comments.",
                };
        }

        var comment = new SectionComment
        {
            ReportId = report.Id,
            SectionKey = section.Key,
            ParentId = remark?.Id,
            UserName = actor.UserName,
            UserFullName = actor.FullName,
            ByReviewer = reviewer,
            Text = text,
            At = clock.GetUtcNow().UtcDateTime,
        };
        db.SectionComments.Add(comment);
        var thread = remark is null
            ? []
            : await db.SectionComments.AsNoTracking().Where(c => c.Id == remark.Id || c.ParentId == remark.Id).Select(c => c.UserName).Distinct().ToListAsync(ct);
        await notices.AddCommentAsync(report, section.Heading, comment, thread, actor, ct);
        await db.SaveChangesAsync(ct);
        return comment.Id;
    }

    public async Task ResolveAsync(int reportId, int commentId, Actor actor, CancellationToken ct = default)
    {
        var (report, actAs, isReviewer) = await LoadAsync(reportId, actor, ct);
        if (!SectionComments.MayResolve(report.UnitId, actAs, isReviewer))
        {
            throw new ForbiddenException("Chỉ lãnh đạo đơn vị và cơ quan tổng hợp xem xét báo cáo được đánh dấu ý kiến đã giải quyết.")
            {
                English = "Only the unit's leader and the consolidating body reviewing the report may mark comments resolved.",
            };
        }

        var remark = await db.SectionComments.FirstOrDefaultAsync(c => c.Id == commentId && c.ReportId == reportId && c.ParentId == null, ct)
            ?? throw new NotFoundException("Comment");
        if (remark.ResolvedAt is not null)
        {
            return;
        }

        remark.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        remark.ResolvedBy = actor.FullName;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The remarks not yet resolved, in the report's section order, as a return lists them.</summary>
    public async Task<IReadOnlyList<OpenRemark>> OpenRemarksAsync(int reportId, CancellationToken ct = default)
    {
        var rows = await (
                from c in db.SectionComments
                join s in db.ReportSections on new { c.ReportId, Key = c.SectionKey } equals new { s.ReportId, s.Key }
                where c.ReportId == reportId && c.ParentId == null && c.ResolvedAt == null
                select new { s.Order, c.At, c.Id, s.Heading, c.Text })
            .AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.Order).ThenBy(r => r.At).ThenBy(r => r.Id).Select(r => new OpenRemark(r.Heading, r.Text)).ToList();
    }

    /// <summary>The report in the actor's scope, whom they act as on it (<see cref="ReportStandingService.AsDrafterAsync"/>), and whether the review chain sends it to them.</summary>
    private async Task<(Report Report, Actor ActAs, bool IsReviewer)> LoadAsync(int reportId, Actor actor, CancellationToken ct)
    {
        var report = await (await access.VisibleReportAsync(actor, reportId, ct)).AsNoTracking().FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Report");
        var actAs = await states.AsDrafterAsync(report, actor, ct);
        var plan = report.PlanId is { } planId ? await db.Plans.AsNoTracking().FirstAsync(p => p.Id == planId, ct) : null;
        return (report, actAs, await states.IsReviewerAsync(report.UnitId, plan, actAs, ct));
    }
}
