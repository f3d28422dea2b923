using DanVan.Core.Access;

namespace DanVan.Core.Reports;

/// <summary>
/// A reviewer's remark pinned to one section of a report, or (with <see cref="ParentId"/>) an answer to one. Only a
/// remark is resolved; its answers follow it.
/// </summary>
public sealed class SectionComment
{
    public const int MaxTextLength = 2000;

    public int Id { get; set; }

    public int ReportId { get; set; }

    public required string SectionKey { get; set; }

    /// <summary>The remark this answers; null for a remark.</summary>
    public int? ParentId { get; set; }

    public required string UserName { get; set; }

    public string? UserFullName { get; set; }

    /// <summary>Written as the report's reviewer (the leader or the consolidating body), so the unit tells remarks from its own answers.</summary>
    public bool ByReviewer { get; set; }

    public required string Text { get; set; }

    public DateTime At { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedAt { get; set; }
}

/// <summary>An open remark as a return reason lists it.</summary>
public sealed record OpenRemark(string Heading, string Text);

/// <summary>
/// Who may remark on a report's sections, answer and resolve, and what a return says of the remarks still open.
/// Pure, so the page shows exactly the forms the service allows.
/// </summary>
public static class SectionComments
{
    /// <summary>
    /// The report's reviewers: its unit's leader (who signs it) and the consolidators the review chain sends it to
    /// (<paramref name="isReviewer"/>, see <see cref="ReportStandingService.IsReviewerAsync"/>).
    /// </summary>
    public static bool IsReviewer(int reportUnitId, Actor actor, bool isReviewer) =>
        (reportUnitId == actor.UnitId && actor.IsIn(Roles.Leader)) || (reportUnitId != actor.UnitId && actor.IsIn(Roles.Consolidator) && isReviewer);

    /// <summary>An accepted report is closed: remarks on it wait until the consolidating body reopens it.</summary>
    public static bool IsOpen(ReportStatus status) => status != ReportStatus.Accepted;

    /// <summary>
    /// Remarks go to the content sections: the opening ("Mở đầu": which plan, who reports) and the closing formula are
    /// the document's frame, written once from the plan, with nothing for a reviewer to weigh.
    /// </summary>
    public static bool TakesRemarks(string sectionKey) => sectionKey is not ("intro" or "closing");

    public static bool MayRemark(int reportUnitId, ReportStatus status, Actor actor, bool isReviewer) =>
        IsOpen(status) && IsReviewer(reportUnitId, actor, isReviewer);

    /// <summary>The unit's own staff and leader answer; a reviewer may answer too (to follow up).</summary>
    public static bool MayAnswer(int reportUnitId, ReportStatus status, Actor actor, bool isReviewer) =>
        IsOpen(status) && (ReportWorkflow.MayEditUnit(reportUnitId, actor) || IsReviewer(reportUnitId, actor, isReviewer));

    public static bool MayResolve(int reportUnitId, Actor actor, bool isReviewer) => IsReviewer(reportUnitId, actor, isReviewer);

    /// <summary>
    /// The reason a return carries: what the reviewer typed, then the open remarks by section, so the unit reads in one
    /// place (the bell, the e-mail, the history) everything it must fix. Null when there is neither. Remarks that do not
    /// fit in <paramref name="maxLength"/> are counted instead; they stay in full beside their sections.
    /// </summary>
    public static string? ReturnReason(string? typed, IReadOnlyList<OpenRemark> open, int maxLength)
    {
        typed = string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
        if (open.Count == 0)
        {
            return typed;
        }

        var text = new System.Text.StringBuilder(typed is null ? "" : typed + "\n");
        text.Append("Ý kiến theo mục chưa giải quyết:");
        for (var i = 0; i < open.Count; i++)
        {
            var line = $"\n- {open[i].Heading}: {open[i].Text}";
            var rest = open.Count - i - 1;
            // Room is kept for the count of the remarks left out, should the next one not fit.
            var tail = rest == 0 ? 0 : MoreLine(rest).Length;
            if (text.Length + line.Length + tail > maxLength)
            {
                text.Append(MoreLine(open.Count - i));
                break;
            }

            text.Append(line);
        }

        return text.Length <= maxLength ? text.ToString() : text.ToString(0, maxLength);
    }

    private static string MoreLine(int count) => $"\n- … và {count} ý kiến khác (xem bên cạnh các mục của báo cáo).";
}
