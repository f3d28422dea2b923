using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Web.Infrastructure;

namespace DanVan.Web.Api;

public sealed record UnitDto(int Id, string Code, string Name, UnitKind Kind, string PlaceName, int? ParentId, DateOnly? ClosedOn);

/// <summary>A predecessor: whole (merged) when <see cref="Share"/> is null, else the part (0–1) a split passes on.</summary>
public sealed record PredecessorDto(string Code, decimal? Share);

public sealed record ReorganisationRowDto(
    string? Code, string? Name, string? Kind, string? PlaceName, string? Parent, DateOnly? EffectiveOn,
    IReadOnlyList<PredecessorDto>? Predecessors, string? LegalBasis, bool Dissolve = false);

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
    public static void MapUnits(this RouteGroupBuilder api)
    {
        api.MapGet("/units", async (string? on, HttpContext http, AccessService access, OrgUnitService units, CancellationToken ct) =>
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
                return Results.Problem(statusCode: 400, title: "on must be a date: yyyy-mm-dd or dd/mm/yyyy.");
            }

            var visible = await access.VisibleUnitIdsAsync(http.Actor(), ct);
            return Results.Ok(rows.Where(u => visible is null || visible.Contains(u.Id))
                .Select(u => new UnitDto(u.Id, u.Code, u.Name, u.Kind, u.PlaceName, u.ParentId, u.ClosedOn)));
        });

        api.MapGet("/units/{id:int}/lineage", async (int id, HttpContext http, AccessService access, ReorganisationService reorganisations, CancellationToken ct) =>
        {
            var visible = await access.VisibleUnitIdsAsync(http.Actor(), ct);
            if (visible is not null && !visible.Contains(id))
            {
                throw new NotFoundException("Unit");
            }

            return Results.Ok(await reorganisations.LineageAsync(id, ct));
        });

        api.MapPost("/reorganisations", async (ReorganisationRequest body, HttpContext http, ReorganisationService reorganisations, CancellationToken ct) =>
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
                    return preview.Plan.Valid
                        ? Results.Ok(new ReorganisationPreviewDto(preview.Changes, preview.Plans, preview.ReportCount, preview.Reports, preview.Users, preview.Consolidators))
                        : Refused(preview.Plan.Errors);
                }

                return Results.Ok(await reorganisations.ApplyAsync(rows, actor, ct));
            }
            catch (ReorganisationException refused)
            {
                return Refused(refused.Errors);
            }
        });
    }

    /// <summary>Every reason, keyed by row ("row 3"), so a client can put each beside its line.</summary>
    private static IResult Refused(IReadOnlyList<ReorganisationError> errors) => Results.ValidationProblem(
        errors.GroupBy(e => e.Row == 0 ? "request" : $"row {e.Row}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: $"Phương án sắp xếp có {errors.Count} lỗi; chưa thay đổi gì.");
}
