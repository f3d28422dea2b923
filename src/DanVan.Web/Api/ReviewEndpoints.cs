using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;

namespace DanVan.Web.Api;

public sealed record CommentDto(int Id, string SectionKey, int? ParentId, string UserName, string? UserFullName, bool ByReviewer, string Text, DateTime At, string? ResolvedBy, DateTime? ResolvedAt);

public sealed record CommentRequest(string? SectionKey, string? Text, int? ParentId);

public sealed record BulkAcceptRequest(IReadOnlyList<int>? ReportIds);

public sealed record NudgeRequest(string? Period);

public sealed record NudgeDto(int PlanId, string Period, DateTime SentAt, int Units, int Notified, int Emailed);

/// <summary>/api/v1: remarks on sections, bulk acceptance and "Đôn đốc", through the same services as the pages.</summary>
public static class ReviewEndpoints
{
    public static void MapReview(this RouteGroupBuilder secured)
    {
        var api = secured.MapGroup("").WithTags("Review");
        api.MapGet("/reports/{id:int}/comments", async (int id, HttpContext http, SectionCommentService comments, CancellationToken ct) =>
            {
                var list = await comments.ListAsync(id, http.Actor(), ct);
                return TypedResults.Ok<IReadOnlyList<CommentDto>>([.. list.BySection.Values.SelectMany(t => t).SelectMany(t => t.Answers.Prepend(t.Remark)).Select(Dto)]);
            })
            .Describe("ListComments", "Remarks on a report's sections (ý kiến góp ý)", "Each remark followed by its answers; parentId names the remark an answer replies to.", 404);
        api.MapPost("/reports/{id:int}/comments", async (int id, CommentRequest body, HttpContext http, SectionCommentService comments, CancellationToken ct) =>
            {
                var commentId = await comments.AddAsync(new AddComment { ReportId = id, SectionKey = body.SectionKey ?? "", Text = body.Text ?? "", ParentId = body.ParentId }, http.Actor(), ct);
                return TypedResults.Created($"/api/v1/reports/{id}/comments", new CreatedDto(commentId));
            })
            .Describe("AddComment", "Remark on a section, or answer a remark", "The reviewer above remarks on a section; the unit answers with parentId.", 400, 403, 404);
        api.MapPost("/reports/{id:int}/comments/{commentId:int}/resolve", async (int id, int commentId, HttpContext http, SectionCommentService comments, CancellationToken ct) =>
            {
                await comments.ResolveAsync(id, commentId, http.Actor(), ct);
                return TypedResults.NoContent();
            })
            .Describe("ResolveComment", "Mark a remark resolved", "The remark and its answers stay, marked resolved.", 403, 404);
        api.MapPost("/reports/accept", async (BulkAcceptRequest body, HttpContext http, ReportService reports, CancellationToken ct) =>
                TypedResults.Ok(await reports.AcceptManyAsync(body.ReportIds ?? [], http.Actor(), ct)))
            .Describe(
                "AcceptReports",
                "Accept several submitted reports at once (consolidators)",
                "One outcome per report: its new status, or why it was refused (each report is accepted or refused on its own).",
                400, 403);
        api.MapPost("/plans/{id:int}/nudge", async (int id, NudgeRequest body, HttpContext http, ReminderService reminders, CancellationToken ct) =>
            {
                var n = await reminders.NudgeAsync(id, body.Period ?? "", http.Actor(), ct);
                return TypedResults.Ok(new NudgeDto(n.PlanId, n.Period, n.SentAt, n.Units, n.Notified, n.Emailed));
            })
            .Describe("NudgePlan", "Remind the units that have not reported (Đôn đốc)", "Notifies and e-mails the units of the plan whose report for the period is not yet submitted.", 400, 403, 404);
    }

    private static CommentDto Dto(SectionComment c) => new(c.Id, c.SectionKey, c.ParentId, c.UserName, c.UserFullName, c.ByReviewer, c.Text, c.At, c.ResolvedBy, c.ResolvedAt);
}
