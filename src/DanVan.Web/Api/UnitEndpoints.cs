using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace DanVan.Web.Api;

public sealed record UnitDto(int Id, string Code, string Name, UnitKind Kind, string PlaceName, int? ParentId, DateOnly? ClosedOn);

/// <summary>A predecessor: whole (merged) when <see cref="Share"/> is null, else the part (0–1) a split passes on.</summary>
public sealed record PredecessorDto(string Code, decimal? Share);

public sealed record ReorganisationRowDto(
    string? Code, string? Name, string? Kind, string? PlaceName, string? Parent, DateOnly? EffectiveOn,
    IReadOnlyList<PredecessorDto>? Predecessors, string? LegalBasis, bool Dissolve = false);

/// <summary>Users of a closed unit, by id; or <see cref="All"/> (moving only).</summary>
public sealed record UnitPeopleRequest(IReadOnlyList<string>? UserIds, bool All = false);

public sealed record UnitPeopleDone(int Count);

public sealed record ReorganisationRequest(IReadOnlyList<ReorganisationRowDto>? Rows, bool DryRun = false);

public sealed record ReorganisationPreviewDto(
    IReadOnlyList<string> Changes, IReadOnlyList<PlanEffect> Plans, int ReportCount, IReadOnlyList<ReportEffect> Reports,
    IReadOnlyList<UserEffect> Users, IReadOnlyList<ScopeEffect> Consolidators);

/// <summary>
/// /api/v1/units and /api/v1/reorganisations: the tree as of a day, a unit's lineage, and arrangements checked and
/// applied by the same <see cref="ReorganisationService"/> as the admin page and the CLI.
/// </summary>
public static class UnitEndpoints
{
    public static void MapUnits(this RouteGroupBuilder secured)
    {
        var api = secured.MapGroup("").WithTags("Units");
        api.MapGet("/units", async Task<Results<Ok<IReadOnlyList<UnitDto>>, ProblemHttpResult>> (string? on, HttpContext http, AccessService access, OrgUnitService units, CancellationToken ct) =>
        {
            IReadOnlyList<UnitRow> rows;
            if (string.IsNullOrWhiteSpace(on))
            {
                rows = await units.ListAsync(ct);
            }
            else if (ReorganisationFile.ParseDate(on) is { } day)
            {
                rows = await units.ListOnAsync(day, ct: ct);
            }
            else
            {
                return TypedResults.Problem(statusCode: 400, title: "on must be a date: yyyy-mm-dd or dd/mm/yyyy.");
            }

            var visible = await access.VisibleUnitIdsAsync(http.Actor(), ct);
            return TypedResults.Ok<IReadOnlyList<UnitDto>>([.. rows.Where(u => visible is null || visible.Contains(u.Id))
                .Select(u => new UnitDto(u.Id, u.Code, u.Name, u.Kind, u.PlaceName, u.ParentId, u.ClosedOn))]);
        }).Describe(
            "ListUnits",
            "Units the caller may see",
            "The caller's unit and the units below it (all units for an administrator); with on=, the tree as it stood that day, before or after a reorganisation (sắp xếp đơn vị hành chính).",
            400);

        api.MapGet("/units/{id:int}/lineage", async (int id, HttpContext http, AccessService access, ReorganisationService reorganisations, CancellationToken ct) =>
        {
            // Asked about the one unit, as its page is, so the answer costs the same in any scope.
            if (!await access.CanReadUnitAsync(http.Actor(), id, ct))
            {
                throw new NotFoundException("Unit");
            }

            return TypedResults.Ok(await reorganisations.LineageAsync(id, ct));
        }).Describe(
            "GetUnitLineage",
            "What a unit was formed from and became",
            "Its predecessors and successors through mergers (sáp nhập), splits and dissolutions, with the day and legal basis of each.",
            404);

        api.MapGet("/units/{id:int}/reports", async (int id, bool? withPredecessors, HttpContext http, UnitReportsService units, CancellationToken ct) =>
            TypedResults.Ok(await units.GetAsync(new UnitReportsQuery { UnitId = id, WithPredecessors = withPredecessors ?? true }, http.Actor(), ct)))
        .Describe(
            "GetUnitReports",
            "A unit's reports, its predecessors' and who reported each period",
            "The unit's reports the caller may read; with withPredecessors (default true) also those of the units it was formed from through mergers (sáp nhập) and splits, each until the day it passed on and under the name it had then, and per period of the plans the unit and its predecessors reported under whether the report came on time, late or not at all.",
            404);

        api.MapGet("/units/{id:int}/people", async (int id, HttpContext http, UnitPeopleService people, CancellationToken ct) =>
            TypedResults.Ok(await people.OfUnitAsync(id, http.Actor(), ct)))
        .Describe(
            "ListUnitPeople",
            "Users left in a closed unit (administrators)",
            "After a merger (sáp nhập) each user carries the successor unit to confirm; after a dissolution or split none, so the administrator gives another unit (the admin page) or disables the account. Empty for a unit still open.",
            403, 404);

        api.MapPost("/units/{id:int}/people/move", async Task<Results<Ok<UnitPeopleDone>, ProblemHttpResult>> (int id, UnitPeopleRequest body, HttpContext http, UnitPeopleService people, CancellationToken ct) =>
        {
            if (body.All == (body.UserIds is not null))
            {
                return TypedResults.Problem(statusCode: 400, title: "Give either userIds or all: true.");
            }

            return TypedResults.Ok(new UnitPeopleDone(await people.MoveToSuccessorAsync(id, body.All ? null : body.UserIds, http.Actor(), ct)));
        }).Describe(
            "MoveUnitPeople",
            "Confirm users' move to the successor unit (administrators)",
            "The users named by userIds, or with all every user of the closed unit but the disabled ones, move to the unit it merged into; each must log in again and their old API tokens stop working. Refused (400) for a unit without a successor or a user not of this unit.",
            400, 403, 404);

        api.MapPost("/units/{id:int}/people/disable", async Task<Results<Ok<UnitPeopleDone>, ProblemHttpResult>> (int id, UnitPeopleRequest body, HttpContext http, UnitPeopleService people, CancellationToken ct) =>
        {
            if (body.All || body.UserIds is null)
            {
                return TypedResults.Problem(statusCode: 400, title: "Name the users to disable with userIds.");
            }

            return TypedResults.Ok(new UnitPeopleDone(await people.DisableAsync(id, body.UserIds, http.Actor(), ct)));
        }).Describe(
            "DisableUnitPeople",
            "Disable users of a closed unit (administrators)",
            "As the user administration disables an account (vô hiệu hóa): it can no longer log in, its sessions and tokens end, it gets no notices; enabling it gives it back.",
            400, 403, 404);

        api.MapPost("/reorganisations", async Task<Results<Ok<ReorganisationResult>, Ok<ReorganisationPreviewDto>, ValidationProblem>> (ReorganisationRequest body, HttpContext http, ReorganisationService reorganisations, CancellationToken ct) =>
        {
            var actor = http.Actor();
            if (!actor.IsIn(Roles.Admin))
            {
                throw new ForbiddenException("Chỉ quản trị hệ thống được thay đổi danh mục đơn vị.") { English = "Only an administrator may change the list of units." };
            }

            var rows = (body.Rows ?? []).Select((r, i) => new ReorganisationRow
            {
                Row = i + 1,
                Code = r.Code ?? "",
                Name = r.Name,
                Kind = r.Kind,
                PlaceName = r.PlaceName,
                ParentCode = r.Parent,
                EffectiveOn = r.EffectiveOn,
                Predecessors = (r.Predecessors ?? []).Select(p => new Predecessor(p.Code, p.Share)).ToList(),
                LegalBasis = r.LegalBasis,
                Dissolve = r.Dissolve,
            }).ToList();
            try
            {
                if (body.DryRun)
                {
                    var preview = await reorganisations.PreviewAsync(rows, ct);
                    if (!preview.Plan.Valid)
                    {
                        return Refused(preview.Plan.Errors);
                    }

                    return TypedResults.Ok(new ReorganisationPreviewDto(preview.Changes, preview.Plans, preview.ReportCount, preview.Reports, preview.Users, preview.Consolidators));
                }

                return TypedResults.Ok(await reorganisations.ApplyAsync(rows, actor, ct));
            }
            catch (ReorganisationException refused)
            {
                return Refused(refused.Errors);
            }
        }).Describe(
            "Reorganise",
            "Apply an arrangement of units (administrators)",
            "Rows create, rename, move, merge, split or dissolve units from a day on, as the admin page's file does; the whole arrangement is checked first and refused whole (400, errors by row). With dryRun the answer is the preview of its effect (ReorganisationPreviewDto) and nothing changes; otherwise the counts of what changed (ReorganisationResult).",
            400, 403)
        // Two answers under one 200 (the preview or the counts, by dryRun): the document says so with oneOf.
        .AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var document = context.Document!;
            document.AddComponent(nameof(ReorganisationResult), await context.GetOrCreateSchemaAsync(typeof(ReorganisationResult), null, ct));
            document.AddComponent(nameof(ReorganisationPreviewDto), await context.GetOrCreateSchemaAsync(typeof(ReorganisationPreviewDto), null, ct));
            operation.Responses!["200"].Content!["application/json"].Schema = new OpenApiSchema
            {
                OneOf = [new OpenApiSchemaReference(nameof(ReorganisationPreviewDto), document), new OpenApiSchemaReference(nameof(ReorganisationResult), document)],
            };
        });
    }

    /// <summary>Every reason, keyed by row ("row 3"), so a client can put each beside its line.</summary>
    private static ValidationProblem Refused(IReadOnlyList<ReorganisationError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Row == 0 ? "request" : $"row {e.Row}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: $"Phương án sắp xếp có {errors.Count} lỗi; chưa thay đổi gì.");
}
