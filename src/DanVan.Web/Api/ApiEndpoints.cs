using System.Security.Claims;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Api;

public sealed record ReportSummaryDto(int Id, int UnitId, string UnitCode, string Period, string Title, ReportStatus Status, int Version, DateTime? SubmittedAt, DateTime? AcceptedAt);

public sealed record SectionDto(string Key, string Heading, int Level, string Text, int Version, DateTime? UpdatedAt, string? UpdatedBy);

public sealed record FigureDto(string Name, decimal Value, string UnitOfMeasure, int? PlanFigureId = null, string? Text = null);

public sealed record TransitionDto(DateTime At, string UserName, string? UserFullName, ReportStatus? From, ReportStatus To, string? Comment);

public sealed record ReportDto(
    int Id, int UnitId, string UnitCode, string Period, string Title, ReportStatus Status, int Version, int? PlanId,
    DateTime CreatedAt, DateTime? SubmittedAt, DateTime? AcceptedAt,
    IReadOnlyList<SectionDto> Sections, IReadOnlyList<FigureDto> Figures, IReadOnlyList<TransitionDto> History);

public sealed record CreateReportRequest(string? Period);

public sealed record SectionUpdate(string? Text, int Version);

public sealed record FiguresUpdate(IReadOnlyList<FigureDto>? Figures, int Version);

public sealed record ActionRequest(string? Comment, int? Version);

public sealed record StatusResponse(ReportStatus Status, int Version);

/// <summary>/api/v1: bearer tokens only (no cookies, so no cross-site requests), the same services and scope as the UI.</summary>
public static class ApiEndpoints
{
    public static void MapDanVanApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("DanVan");
        api.MapPost("/tokens", TokenEndpoints.CreateAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.LogInPolicy);

        var secured = api.MapGroup("").RequireAuthorization(Policies.Api).AddEndpointFilter(CurrentAccountAsync).AddEndpointFilter(TranslateErrorsAsync);
        secured.MapDelete("/tokens/current", TokenEndpoints.RevokeCurrentAsync);
        secured.MapUnits();
        secured.MapGet("/reports", ListReportsAsync);
        secured.MapPost("/reports", CreateReportAsync);
        secured.MapGet("/reports/{id:int}", GetReportAsync);
        secured.MapPut("/reports/{id:int}/sections/{key}", SaveSectionAsync);
        secured.MapPut("/reports/{id:int}/figures", SaveFiguresAsync);
        secured.MapPost("/reports/{id:int}/send-to-leader", (int id, ActionRequest? body, HttpContext http, ReportService reports) => ActAsync(id, ReportAction.SendToLeader, body, http, reports));
        secured.MapPost("/reports/{id:int}/submit", (int id, ActionRequest? body, HttpContext http, ReportService reports) => ActAsync(id, ReportAction.Submit, body, http, reports));
        secured.MapPost("/reports/{id:int}/return-to-staff", (int id, ActionRequest? body, HttpContext http, ReportService reports) => ActAsync(id, ReportAction.ReturnToStaff, body, http, reports));
        secured.MapPost("/reports/{id:int}/return", (int id, ActionRequest? body, HttpContext http, ReportService reports) => ActAsync(id, ReportAction.Return, body, http, reports));
        secured.MapPost("/reports/{id:int}/accept", (int id, ActionRequest? body, HttpContext http, ReportService reports) => ActAsync(id, ReportAction.Accept, body, http, reports));
        secured.MapPost("/reports/{id:int}/reopen", (int id, ActionRequest? body, HttpContext http, ReportService reports) => ActAsync(id, ReportAction.Reopen, body, http, reports));
        secured.MapPlans();
        secured.MapReview();
        secured.MapExports();
        secured.MapFigures();
        secured.MapSearch();
        secured.MapGet("/notifications", async (HttpContext http, Core.Reminders.NotificationService notifications, CancellationToken ct) =>
            Results.Ok((await notifications.ListAsync(http.Actor().UserId, ct)).Select(n => new { n.Id, n.CreatedAt, n.Text, n.Url, n.ReadAt })));
        secured.MapPost("/notifications/read", async (HttpContext http, Core.Reminders.NotificationService notifications, CancellationToken ct) =>
            Results.Ok(new { marked = await notifications.MarkReadAsync(http.Actor().UserId, null, ct) }));
    }

    private static async Task<IResult> ListReportsAsync(string? period, string? unit, HttpContext http, ReportList list, CancellationToken ct)
    {
        ReportingPeriod? chosen = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!ReportingPeriod.TryParse(period, out var p))
            {
                return Results.Problem(statusCode: 400, title: "period must look like 2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025.");
            }

            chosen = p;
        }

        var rows = await list.ListAsync(new ReportListFilter(chosen, unit), http.Actor(), ReportListOrder.UnitThenPeriod, 5000, ct);
        return Results.Ok(rows.Select(r => new ReportSummaryDto(r.Id, r.UnitId, r.UnitCode, r.Period, r.Title, r.Status, r.Version, r.SubmittedAt, r.AcceptedAt)));
    }

    private static async Task<IResult> CreateReportAsync(CreateReportRequest body, HttpContext http, ReportService reports, CancellationToken ct)
    {
        var id = await reports.CreateAsync(new CreateReport { Period = body.Period ?? "" }, http.Actor(), ct);
        return Results.Created($"/api/v1/reports/{id}", ToDto(await reports.GetAsync(id, http.Actor(), ct)));
    }

    private static async Task<IResult> GetReportAsync(int id, HttpContext http, ReportService reports, CancellationToken ct) =>
        Results.Ok(ToDto(await reports.GetAsync(id, http.Actor(), ct)));

    private static async Task<IResult> SaveSectionAsync(int id, string key, SectionUpdate body, HttpContext http, ReportService reports, CancellationToken ct)
    {
        var saved = await reports.SaveSectionAsync(
            new SaveSection { ReportId = id, Key = key, Text = body.Text ?? "", ExpectedVersion = body.Version }, http.Actor(), ct);
        return Results.Ok(new { key, version = saved.Version, reportVersion = saved.ReportVersion });
    }

    private static async Task<IResult> SaveFiguresAsync(int id, FiguresUpdate body, HttpContext http, ReportService reports, CancellationToken ct)
    {
        var figures = (body.Figures ?? []).Select(f => new FigureInput(f.Name, f.Value, f.UnitOfMeasure, f.PlanFigureId, f.Text)).ToList();
        var version = await reports.SaveFiguresAsync(new SaveFigures { ReportId = id, Figures = figures, ExpectedVersion = body.Version }, http.Actor(), ct);
        return Results.Ok(new { version });
    }

    private static async Task<IResult> ActAsync(int id, ReportAction action, ActionRequest? body, HttpContext http, ReportService reports)
    {
        var status = await reports.ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = action, Comment = body?.Comment, ExpectedVersion = body?.Version }, http.Actor(), http.RequestAborted);
        var report = await reports.GetAsync(id, http.Actor(), http.RequestAborted);
        return Results.Ok(new StatusResponse(status, report.Version));
    }

    private static ReportDto ToDto(Report r) => new(
        r.Id, r.UnitId, r.Unit?.Code ?? "", r.Period, r.Title, r.Status, r.Version, r.PlanId, r.CreatedAt, r.SubmittedAt, r.AcceptedAt,
        r.Sections.Select(s => new SectionDto(s.Key, s.Heading, s.Level, s.Text, s.Version, s.UpdatedAt, s.UpdatedBy)).ToList(),
        r.Figures.Select(f => new FigureDto(f.Name, f.Value, f.UnitOfMeasure, f.PlanFigureId, f.TextValue)).ToList(),
        r.Transitions.Select(t => new TransitionDto(t.At, t.UserName, t.UserFullName, t.FromStatus, t.ToStatus, t.Comment)).ToList());

    /// <summary>
    /// A token names a server-side session: once revoked (DELETE /api/v1/tokens/current, "log out everywhere") it stops
    /// working at once. It also carries the unit and role it was issued with: once an administrator moves the user,
    /// changes their role or resets their password (each changes the account's security stamp), it stops working
    /// instead of keeping the old scope until it expires.
    /// </summary>
    private static async ValueTask<object?> CurrentAccountAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var sessions = http.RequestServices.GetRequiredService<SessionService>();
        if (!await sessions.IsActiveAsync(http.User.FindFirstValue(Actor.SessionClaim), http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", TokenEndpoints.Lifetime, http.RequestAborted))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Token này đã bị thu hồi (đăng xuất). Đăng nhập lại để lấy token mới.");
        }

        var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.ValidateSecurityStampAsync(http.User) is null
            ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Tài khoản đã được thay đổi (đơn vị, vai trò hoặc mật khẩu) sau khi cấp token này. Đăng nhập lại để lấy token mới.")
            : await next(context);
    }

    /// <summary>
    /// Business-rule breaches as ProblemDetails: 404 outside scope, 403 not allowed, 409 stale version, 400 otherwise.
    /// The message is Vietnamese unless the script asks for English first (Accept-Language: en) or the UI is in English.
    /// </summary>
    private static async ValueTask<object?> TranslateErrorsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var english = Bilingual.IsEnglish || context.HttpContext.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first && first.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        try
        {
            return await next(context);
        }
        catch (NotFoundException)
        {
            return Results.Problem(statusCode: 404, title: "Không tìm thấy.");
        }
        catch (ConcurrencyConflictException conflict)
        {
            var extensions = new Dictionary<string, object?>();
            if (conflict.LatestVersion is { } v)
            {
                extensions["latestVersion"] = v;
            }

            return Results.Problem(statusCode: 409, title: Bilingual.Said(conflict, english), extensions: extensions);
        }
        catch (ForbiddenException forbidden)
        {
            return Results.Problem(statusCode: 403, title: Bilingual.Said(forbidden, english));
        }
        catch (DomainException breach)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [breach.Field is "" ? "request" : breach.Field] = [Bilingual.Said(breach, english)] },
                title: Bilingual.Said(breach, english));
        }
    }
}
