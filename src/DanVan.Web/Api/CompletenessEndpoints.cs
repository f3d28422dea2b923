using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Api;

public sealed record TallyDto(int Expected, int Submitted, int OnTime, int Late, int Missing, int Pending)
{
    public static TallyDto From(Tally t) => new(t.Expected, t.Submitted, t.OnTime, t.Late, t.Missing, t.Pending);
}

/// <summary>A unit's report of the period: <see cref="Id"/> is null while it is a draft the caller may not read.</summary>
public sealed record CompletenessReportDto(int? Id, ReportStatus Status, DateTime? SubmittedAt);

/// <summary>
/// A unit under the one shown: whether it must report itself (<see cref="Reports"/>), its report if any, and the
/// tally of it and those below.
/// </summary>
public sealed record CompletenessRowDto(
    int UnitId, string UnitCode, string UnitName, UnitKind Kind, bool Reports, CompletenessReportDto? Report, Timeliness Timeliness, TallyDto Below);

/// <summary>The submission-tracking table: <see cref="AsOf"/> is the day it is seen as of; <see cref="Reorganisation"/> when the period straddles one.</summary>
public sealed record CompletenessDto(
    int ScopeUnitId, int UnitId, string UnitName, int? PlanId, string? PlanCitation, string Period, DateOnly? Deadline, DateOnly AsOf,
    TallyDto Totals, IReadOnlyList<CompletenessRowDto> Rows, PeriodReorganisation? Reorganisation);

/// <summary>/api/v1/completeness: the dashboard's table through the same <see cref="CompletenessService"/> as the page.</summary>
public static class CompletenessEndpoints
{
    public static void MapCompleteness(this RouteGroupBuilder secured)
    {
        secured.MapGet("/completeness", async Task<Results<Ok<CompletenessDto>, ProblemHttpResult>> (
            int? plan, string? period, int? unit, string? on, string? show, HttpContext http, CompletenessService completeness, CancellationToken ct) =>
        {
            var filter = RowFilter.All;
            if (!string.IsNullOrWhiteSpace(show) && (!Enum.TryParse(show, ignoreCase: true, out filter) || !Enum.IsDefined(filter)))
            {
                return TypedResults.Problem(statusCode: 400, title: "show must be all, unsent or late.");
            }

            DateOnly? day = null;
            if (!string.IsNullOrWhiteSpace(on))
            {
                day = ReorganisationFile.ParseDate(on);
                if (day is null)
                {
                    return TypedResults.Problem(statusCode: 400, title: "on must be a date: yyyy-mm-dd or dd/mm/yyyy.");
                }
            }

            var d = await completeness.DashboardAsync(new DashboardQuery { PlanId = plan, Period = period, UnitId = unit, On = day, History = false }, http.Actor(), ct);
            return TypedResults.Ok(new CompletenessDto(
                d.ScopeUnitId, d.Current.UnitId, d.Current.Name, d.Plan?.Id, d.Plan?.Citation, d.Period.ToString(), d.Deadline, d.Today,
                TallyDto.From(d.Totals),
                [.. d.Rows.Where(r => CompletenessRows.Matches(r, filter)).Select(r => new CompletenessRowDto(
                    r.UnitId, r.UnitCode, r.UnitName, r.Kind, r.Reports, r.Status is { } status ? new CompletenessReportDto(r.ReportId, status, r.SubmittedAt) : null, r.Timeliness, TallyDto.From(r.Below)))],
                d.Reorganisation));
        }).WithTags("Completeness").Describe(
            "GetCompleteness",
            "Who has sent their reports (consolidators)",
            "The submission-tracking table of a plan's period (plan=0: every unit in scope without a plan) under the scope's root or a unit below it. "
                + "With on=, as it stood that day: the latest period begun by then, overdue as of then, reports sent after it left out. The units are those "
                + "of the period's data cut-off; reorganisation says when the period straddles a reorganisation. show=unsent keeps the units "
                + "that, or one of whose units below, have not sent; show=late those with a report sent late (the dashboard's filters).",
            400, 403, 404);
    }
}
