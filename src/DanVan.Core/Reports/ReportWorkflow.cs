using DanVan.Core.Access;

namespace DanVan.Core.Reports;

/// <summary>
/// Who may move a report from which state to which: staff draft → leader submits (or returns to staff) →
/// the consolidating body accepts or returns it. Pure, so pages can show exactly the buttons the service allows.
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
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Role and unit check only; the caller has already established the report is in the actor's scope.</summary>
    public static bool MayAct(ReportAction action, int reportUnitId, Actor actor)
    {
        var own = reportUnitId == actor.UnitId;
        return action switch
        {
            ReportAction.SendToLeader => own && (actor.IsIn(Roles.Staff) || actor.IsIn(Roles.Leader)),
            ReportAction.Submit or ReportAction.ReturnToStaff => own && actor.IsIn(Roles.Leader),
            _ => !own && actor.IsIn(Roles.Consolidator),
        };
    }

    /// <summary>Only the writing unit's own staff and leader ever edit its report.</summary>
    public static bool MayEditUnit(int reportUnitId, Actor actor) =>
        reportUnitId == actor.UnitId && (actor.IsIn(Roles.Staff) || actor.IsIn(Roles.Leader));

    public static bool MayEdit(int reportUnitId, ReportStatus status, Actor actor) =>
        MayEditUnit(reportUnitId, actor) && status is ReportStatus.Draft or ReportStatus.AwaitingLeader or ReportStatus.Returned;

    public static IReadOnlyList<ReportAction> Available(int reportUnitId, ReportStatus status, Actor actor) =>
        Enum.GetValues<ReportAction>()
            .Where(a => MayAct(a, reportUnitId, actor) && Rule(a).From.Contains(status))
            .ToList();
}
