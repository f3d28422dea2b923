using DanVan.Core;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Web.Infrastructure;

namespace DanVan.Web.Api;

public sealed record PlanSummaryDto(int Id, int OwnerUnitId, string Number, DateOnly IssuedOn, string Summary, PeriodType PeriodType, PeriodSemantics Semantics, string FirstPeriod, string? LastPeriod);

public sealed record ScheduleDto(string Period, DateOnly Start, DateOnly End, DateOnly Deadline, DateOnly OwnerDeadline, DateOnly? LockedAfter);

public sealed record PlanDto(
    PlanSummaryDto Plan,
    AudienceKind Audience, int? AudienceRootId, Core.OrgUnits.UnitKind? AudienceUnitKind, IReadOnlyList<int> UnitIds,
    DeadlineKind UnitDeadlineKind, int UnitDeadlineValue, DeadlineKind OwnerDeadlineKind, int OwnerDeadlineValue, int? LockAfterDays, int RemindDaysBefore,
    IReadOnlyList<string> Addressees, IReadOnlyList<string> Recipients, int ConsolidatedBodyPages,
    IReadOnlyList<PlanSectionInput> Sections, IReadOnlyList<PlanFigureDto> Figures, IReadOnlyList<ScheduleDto> Schedule,
    IReadOnlyList<PlanRuleInput> Rules);

/// <summary>
/// A plan's figure; <see cref="FormulaInWords"/> is the formula with the figures' names, for clients to show as is;
/// <see cref="IsStock"/>: a count at a moment, which a longer period takes from its last part instead of adding up.
/// </summary>
public sealed record PlanFigureDto(int Id, string Name, string UnitOfMeasure, FigureKind Kind, Rollup Rollup,
    string Code, string? Formula, string? FormulaInWords, string? WeightBy, decimal? Target, bool IsStock);

public sealed record LockExceptionRequest(int UnitId, string? Period, DateOnly Until, string? Reason);

/// <summary>/api/v1/plans: the same PlanService as the pages; schedules come with the plan so clients never compute deadlines.</summary>
public static class PlanEndpoints
{
    public static void MapPlans(this RouteGroupBuilder secured)
    {
        var api = secured.MapGroup("").WithTags("Plans");
        api.MapGet("/plans", async (HttpContext http, PlanService plans, CancellationToken ct) =>
                TypedResults.Ok<IReadOnlyList<PlanSummaryDto>>([.. (await plans.ListAsync(http.Actor(), ct)).Select(Summary)]))
            .Describe("ListPlans", "Reporting plans (kế hoạch) that concern the caller", "The plans the caller's unit reports under or owns (every plan for an administrator), newest first.");
        api.MapGet("/plans/{id:int}", async (int id, HttpContext http, PlanService plans, CalendarService calendar, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await plans.GetAsync(id, http.Actor(), ct), await calendar.LoadAsync(ct), VietnamTime.Today(clock))))
            .Describe(
                "GetPlan",
                "A plan with its audience, outline, figures and schedule",
                "The schedule lists the recent periods with their deadlines on working days, so clients never compute deadlines.",
                404);
        api.MapPost("/plans", async (PlanInput body, HttpContext http, PlanService plans, CancellationToken ct) =>
            {
                var id = await plans.CreateAsync(body, http.Actor(), ct);
                return TypedResults.Created($"/api/v1/plans/{id}", new CreatedDto(id));
            })
            .Describe("CreatePlan", "Issue a reporting plan (consolidators)", "A consolidator's unit asks the units below it for periodic reports: audience, outline, figures and deadlines.", 400, 403);
        api.MapPut("/plans/{id:int}", async (int id, PlanInput body, HttpContext http, PlanService plans, CancellationToken ct) =>
            {
                await plans.UpdateAsync(id, body, http.Actor(), ct);
                return TypedResults.NoContent();
            })
            .Describe("UpdatePlan", "Change a plan (its owner's consolidators)", "The whole plan, as sent to CreatePlan.", 400, 403, 404);
        api.MapPost("/plans/{id:int}/exceptions", async (int id, LockExceptionRequest body, HttpContext http, PlanService plans, CancellationToken ct) =>
            {
                await plans.GrantExceptionAsync(id, body.UnitId, body.Period ?? "", body.Until, body.Reason ?? "", http.Actor(), ct);
                return TypedResults.NoContent();
            })
            .Describe("GrantLockException", "Let a unit change its report after the lock date", "Until the given day, with the reason recorded.", 400, 403, 404);
    }

    private static PlanSummaryDto Summary(Plan p) => new(p.Id, p.OwnerUnitId, p.Number, p.IssuedOn, p.Summary, p.PeriodType, p.Semantics, p.FirstPeriod, p.LastPeriod);

    private static PlanDto ToDto(Plan p, WorkingCalendar calendar, DateOnly today) => new(
        Summary(p), p.Audience, p.AudienceRootId, p.AudienceUnitKind, p.Units.Select(u => u.UnitId).ToList(),
        p.UnitDeadlineKind, p.UnitDeadlineValue, p.OwnerDeadlineKind, p.OwnerDeadlineValue, p.LockAfterDays, p.RemindDaysBefore,
        p.Addressees, p.Recipients, p.ConsolidatedBodyPages,
        p.Sections.Select(s => new PlanSectionInput(s.Key, s.Heading, s.Level, s.Guidance, s.Required)).ToList(),
        p.Figures.Select(f => new PlanFigureDto(f.Id, f.Name, f.UnitOfMeasure, f.Kind, f.Rollup, f.Code, f.Formula,
            f.Formula is null ? null : PlanIndicators.InWords(f.Formula, p.Figures), f.WeightBy, f.Target, f.IsStock)).ToList(),
        PlanSchedule.Recent(p, today, calendar, 12)
            .Select(s => new ScheduleDto(s.Period.ToString(), s.Start, s.End, s.UnitDeadline, s.OwnerDeadline, s.LockedAfter))
            .ToList(),
        p.Rules.OrderBy(r => r.Order).Select(r => new PlanRuleInput(r.Expression, r.Message)).ToList());
}
