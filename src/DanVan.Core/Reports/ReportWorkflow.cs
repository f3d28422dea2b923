using DanVan.Core.Access;

namespace DanVan.Core.Reports;

/// <summary>
/// Who may move a report from which state to which: staff draft → leader submits (or returns to staff) →
/// the consolidating body accepts or returns it, and may reopen an accepted report. Pure, so pages can show exactly the buttons the service allows.
/// </summary>
public static class ReportWorkflow
{
    public static (ReportStatus[] From, ReportStatus To) Rule(ReportAction action) => action switch
    {
        ReportAction.SendToLeader => ([ReportStatus.Draft, ReportStatus.Returned], ReportStatus.AwaitingLeader),
        ReportAction.Submit => ([ReportStatus.Draft, ReportStatus.AwaitingLeader, ReportStatus.Returned], ReportStatus.Submitted),
        ReportAction.ReturnToStaff => ([ReportStatus.AwaitingLeader], ReportStatus.Draft),
        ReportAction.Accept => ([ReportStatus.Submitted], ReportStatus.Accepted),
        ReportAction.Return => ([ReportStatus.Submitted], ReportStatus.Returned),
        ReportAction.Reopen => ([ReportStatus.Accepted], ReportStatus.Returned),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>
    /// Role and unit check only; the caller has established the report is in the actor's scope and whether the actor
    /// is its reviewer (the consolidator of the level it reports to, see ReportStandingService).
    /// </summary>
    public static bool MayAct(ReportAction action, int reportUnitId, Actor actor, bool isReviewer)
    {
        var own = reportUnitId == actor.UnitId;
        return action switch
        {
            ReportAction.SendToLeader => own && (actor.IsIn(Roles.Staff) || actor.IsIn(Roles.Leader)),
            ReportAction.Submit or ReportAction.ReturnToStaff => own && actor.IsIn(Roles.Leader),
            _ => !own && actor.IsIn(Roles.Consolidator) && isReviewer,
        };
    }

    /// <summary>Only the writing unit's own staff and leader ever edit its report.</summary>
    public static bool MayEditUnit(int reportUnitId, Actor actor) =>
        reportUnitId == actor.UnitId && (actor.IsIn(Roles.Staff) || actor.IsIn(Roles.Leader));

    /// <summary>
    /// The unit edits while the report is with it; once staff hand it to the leader only the leader may still touch
    /// it, so what the leader reads is what they sign (to let staff edit again the leader returns it).
    /// </summary>
    public static bool MayEdit(int reportUnitId, ReportStatus status, Actor actor) =>
        MayEditUnit(reportUnitId, actor) && status switch
        {
            ReportStatus.Draft or ReportStatus.Returned => true,
            ReportStatus.AwaitingLeader => actor.IsIn(Roles.Leader),
            _ => false,
        };

    public static IReadOnlyList<ReportAction> Available(int reportUnitId, ReportStatus status, Actor actor, bool isReviewer) =>
        Enum.GetValues<ReportAction>()
            .Where(a => MayAct(a, reportUnitId, actor, isReviewer) && Rule(a).From.Contains(status))
            .ToList();
}
