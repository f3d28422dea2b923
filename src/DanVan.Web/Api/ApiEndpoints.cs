using System.Security.Claims;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace DanVan.Web.Api;

public sealed record ReportSummaryDto(int Id, int UnitId, string UnitCode, string Period, string Title, ReportStatus Status, int Version, DateTime? SubmittedAt, DateTime? AcceptedAt);

public sealed record SectionDto(string Key, string Heading, int Level, string Text, int Version, DateTime? UpdatedAt, string? UpdatedBy);

public sealed record FigureDto(string Name, decimal Value, string UnitOfMeasure, int? PlanFigureId = null, string? Text = null);

public sealed record TransitionDto(DateTime At, string UserName, string? UserFullName, ReportStatus? From, ReportStatus To, string? Comment);

public sealed record ReportDto(
    int Id, int UnitId, string UnitCode, string Period, string Title, ReportStatus Status, int Version, int? PlanId,
    DateTime CreatedAt, DateTime? SubmittedAt, DateTime? AcceptedAt,
    IReadOnlyList<SectionDto> Sections, IReadOnlyList<FigureDto> Figures, IReadOnlyList<TransitionDto> History,
    IReadOnlyList<DraftedFromPartDto>? DraftedFrom = null);

/// <summary>A shorter report of the unit that a 6-month, 9-month or annual report was drafted from.</summary>
public sealed record DraftedFromPartDto(string Label, int ReportId, bool Sent);

/// <param name="Period">2025-Q1, 2025-H1, 2025-9M, 2025 …</param>
/// <param name="FromParts">For a 6-month, 9-month or annual period: start from the unit's quarterly (or monthly) reports; true when omitted, false starts an empty report.</param>
public sealed record CreateReportRequest(string? Period, bool? FromParts = null);

public sealed record SectionUpdate(string? Text, int Version);

public sealed record FiguresUpdate(IReadOnlyList<FigureDto>? Figures, int Version);

public sealed record ActionRequest(string? Comment, int? Version);

public sealed record StatusResponse(ReportStatus Status, int Version);

public sealed record SectionSavedDto(string Key, int Version, int ReportVersion);

/// <summary>The report's version after a save: send it with the next change.</summary>
public sealed record ReportVersionDto(int Version);

/// <summary>What was created: read it at the address in the Location header.</summary>
public sealed record CreatedDto(int Id);

public sealed record NotificationDto(int Id, DateTime CreatedAt, string Text, string? Url, DateTime? ReadAt);

public sealed record NotificationsReadDto(int Marked);

/// <summary>/api/v1: bearer tokens only (no cookies, so no cross-site requests), the same services and scope as the UI.</summary>
public static class ApiEndpoints
{
    public static void MapDanVanApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPost("/tokens", TokenEndpoints.CreateAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.LogInPolicy).WithTags("Tokens")
            .Describe("CreateToken", 400, 401, 403, 429);

        // Every secured operation answers 401 when the token is missing, expired, revoked or outlived by a change to the account.
        var secured = api.MapGroup("").RequireAuthorization(Policies.Api).AddEndpointFilter(CurrentAccountAsync).AddEndpointFilter(TranslateErrorsAsync)
            .AddEndpointFilter(AsOfChangesAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        secured.MapDelete("/tokens/current", TokenEndpoints.RevokeCurrentAsync).WithTags("Tokens").Describe("RevokeToken");
        secured.MapUnits();
        secured.MapCompleteness();

        var reports = secured.MapGroup("").WithTags("Reports");
        reports.MapGet("/reports", ListReportsAsync).Describe(
            "ListReports",
            "Reports the caller may see",
            "The reports of the caller's unit and, for a consolidator or an administrator, of the units below it; filtered by period (2025-Q1) and unit code. With on= (yyyy-mm-dd), only the units in the caller's scope that day, before or after a reorganisation.",
            400);
        reports.MapPost("/reports", CreateReportAsync).Describe(
            "CreateReport",
            "Start the unit's report for a period",
            "A new draft (Dự thảo) of the caller's unit with the plan's sections, or the sections of the standard outline when no plan asks for the period. A 6-month, 9-month or annual report starts from the unit's quarterly (or monthly) reports — figures rolled up by each indicator's rule, sections with the parts' text by period — listed in draftedFrom; fromParts: false starts it empty.",
            400, 403);
        reports.MapGet("/reports/{id:int}", GetReportAsync).Describe(
            "GetReport",
            "A report with its sections, figures and history",
            "Its version is what the next change must send (optimistic locking).",
            404);
        reports.MapPut("/reports/{id:int}/sections/{key}", SaveSectionAsync).Describe(
            "SaveSection",
            "Save the text of one section",
            "Send the section's version as read; 409 with latestVersion when someone saved it in between. Only staff and leaders of the report's unit change it (403), and not once it is submitted or accepted or past its plan's lock date (400).",
            400, 403, 404, 409);
        reports.MapPut("/reports/{id:int}/figures", SaveFiguresAsync).Describe(
            "SaveFigures",
            "Replace the report's figures (số liệu)",
            "All figures at once, with the report's version. A plan figure is named by planFigureId; whole-number figures refuse fractions, text figures take text. Who may change it and when: as SaveSection.",
            400, 403, 404, 409);

        // The review chain (Decree 09 reports go staff → leader → the unit above); each step returns the new status and version.
        MapAction(reports, "/send-to-leader", ReportAction.SendToLeader, "SendToLeader", "Send the draft to the unit's leader (Trình lãnh đạo)", "Staff send a draft or returned report to their leader for signing.");
        MapAction(reports, "/submit", ReportAction.Submit, "SubmitReport", "Submit the report to the unit above (Gửi báo cáo)", "The unit's leader submits it; it is then locked for the unit.");
        MapAction(reports, "/return-to-staff", ReportAction.ReturnToStaff, "ReturnToStaff", "Return the draft to staff with remarks", "The unit's leader sends it back to a draft; comment says what to change.");
        MapAction(reports, "/return", ReportAction.Return, "ReturnReport", "Return a submitted report to its unit (Trả lại)", "The consolidator above returns it for correction; comment says why.");
        MapAction(reports, "/accept", ReportAction.Accept, "AcceptReport", "Accept a submitted report (Tiếp nhận)", "The consolidator above accepts it; it then counts in the consolidated report.");
        MapAction(reports, "/reopen", ReportAction.Reopen, "ReopenReport", "Reopen an accepted report for correction", "The consolidator above sends an accepted report back to its unit as returned (Trả lại); comment says why.");

        secured.MapPlans();
        secured.MapReview();
        secured.MapExports();
        secured.MapFigures();
        secured.MapSearch();
        secured.MapImport();

        var notifications = secured.MapGroup("").WithTags("Notifications");
        notifications.MapGet("/notifications", async (HttpContext http, Core.Reminders.NotificationService service, CancellationToken ct) =>
                TypedResults.Ok((await service.ListAsync(http.Actor().UserId, ct)).Select(n => new NotificationDto(n.Id, n.CreatedAt, n.Text, n.Url, n.ReadAt)).ToList()))
            .Describe("ListNotifications", "The caller's notifications", "Reminders of deadlines and other messages about the caller's reports: newest first, the latest page only.");
        notifications.MapPost("/notifications/read", async (HttpContext http, Core.Reminders.NotificationService service, CancellationToken ct) =>
                TypedResults.Ok(new NotificationsReadDto(await service.MarkReadAsync(http.Actor().UserId, null, ct))))
            .Describe("MarkNotificationsRead", "Mark all the caller's notifications read", "Answers how many were marked.");
    }

    private const string BearerScheme = "Bearer";

    private static readonly Dictionary<string, string> ProblemMeanings = new()
    {
        ["400"] = "The request breaks a rule; title says what to do, errors says it per field (Vietnamese, or English with Accept-Language: en).",
        ["401"] = "No valid token: log in again (missing, expired or revoked token, or the account changed since it was issued).",
        ["403"] = "The caller's role or unit may not do this.",
        ["404"] = "Not found among what the caller may see.",
        ["409"] = "Changed by someone else since it was read: read it again (latestVersion) and redo the change.",
        ["413"] = "The request body is larger than the server takes (Uploads:MaxRequestBytes).",
        ["429"] = "Too many failed log-ins: wait for Retry-After.",
        ["503"] = "Not available on this server.",
    };

    /// <summary>/openapi/v1.json: its title, and enums stated as the strings they travel as (JsonStringEnumConverter).</summary>
    public static void DescribeApi(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The token from CreateToken, as Authorization: Bearer <token>.",
            };
            document.Info.Title = "DanVan API";
            document.Info.Description = "Periodic reports on công tác dân vận chính quyền: log in for a bearer token (CreateToken), then draft, "
                + "review, submit and consolidate reports as in the web pages, with the same rules and scope. Problems are RFC 9457 ProblemDetails.";
            return Task.CompletedTask;
        });
        // Secured operations name the bearer scheme; whatever has a body can be refused as too large; the problems mean
        // the same in every operation, said once here rather than "Bad Request" and the like.
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            }

            if (operation.RequestBody is not null && operation.Responses is { } answers)
            {
                answers["413"] = new OpenApiResponse
                {
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                    },
                };
            }

            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response is OpenApiResponse answer && ProblemMeanings.TryGetValue(status, out var meaning))
                {
                    answer.Description = meaning;
                }
            }

            return Task.CompletedTask;
        });
        // Without "type": "string" client generators read the enums as numbers and fail on "Submitted".
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema.Enum is { Count: > 0 } values && (Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type).IsEnum)
            {
                schema.Type = values.Any(v => v is null) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Names an operation (its id is the method name a generated client gets), explains it and lists the problems its
    /// handler answers besides 401: 400 is a validation problem (errors by field), the others plain ProblemDetails.
    /// </summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string operationId, string summary, string description, params int[] problems) =>
        endpoint.WithSummary(summary).WithDescription(description).Describe(operationId, problems);

    /// <summary>For an operation whose summary and description are attributes on its handler.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string operationId, params int[] problems)
    {
        endpoint.WithName(operationId);
        foreach (var status in problems)
        {
            if (status == StatusCodes.Status400BadRequest)
            {
                endpoint.ProducesValidationProblem();
            }
            else
            {
                endpoint.ProducesProblem(status);
            }
        }

        return endpoint;
    }

    private static void MapAction(RouteGroupBuilder reports, string path, ReportAction action, string operationId, string summary, string description) =>
        reports.MapPost("/reports/{id:int}" + path, (int id, ActionRequest? body, HttpContext http, ReportService service) => ActAsync(id, action, body, http, service)).Describe(
            operationId,
            summary,
            description + " Send the report's version to refuse the step when it changed since it was read (409).",
            400, 403, 404, 409);

    private static async Task<Results<Ok<IReadOnlyList<ReportSummaryDto>>, ProblemHttpResult>> ListReportsAsync(string? period, string? unit, string? on, HttpContext http, ReportList list, CancellationToken ct)
    {
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(on))
        {
            day = Core.OrgUnits.ReorganisationFile.ParseDate(on);
            if (day is null)
            {
                return TypedResults.Problem(statusCode: 400, title: "on must be a date: yyyy-mm-dd or dd/mm/yyyy.");
            }
        }

        ReportingPeriod? chosen = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!ReportingPeriod.TryParse(period, out var p))
            {
                return TypedResults.Problem(statusCode: 400, title: "period must look like 2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025.");
            }

            chosen = p;
        }

        var rows = await list.ListAsync(new ReportListFilter(chosen, unit, On: day), http.Actor(), ReportListOrder.UnitThenPeriod, 5000, ct);
        return TypedResults.Ok<IReadOnlyList<ReportSummaryDto>>([.. rows.Select(r => new ReportSummaryDto(r.Id, r.UnitId, r.UnitCode, r.Period, r.Title, r.Status, r.Version, r.SubmittedAt, r.AcceptedAt))]);
    }

    private static async Task<Created<ReportDto>> CreateReportAsync(CreateReportRequest body, HttpContext http, ReportService reports, CancellationToken ct)
    {
        var id = await reports.CreateAsync(new CreateReport { Period = body.Period ?? "", FromParts = body.FromParts ?? true }, http.Actor(), ct);
        return TypedResults.Created($"/api/v1/reports/{id}", ToDto(await reports.GetAsync(id, http.Actor(), ct)));
    }

    private static async Task<Ok<ReportDto>> GetReportAsync(int id, HttpContext http, ReportService reports, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await reports.GetAsync(id, http.Actor(), ct)));

    private static async Task<Ok<SectionSavedDto>> SaveSectionAsync(int id, string key, SectionUpdate body, HttpContext http, ReportService reports, CancellationToken ct)
    {
        var saved = await reports.SaveSectionAsync(
            new SaveSection { ReportId = id, Key = key, Text = body.Text ?? "", ExpectedVersion = body.Version }, http.Actor(), ct);
        return TypedResults.Ok(new SectionSavedDto(key, saved.Version, saved.ReportVersion));
    }

    private static async Task<Ok<ReportVersionDto>> SaveFiguresAsync(int id, FiguresUpdate body, HttpContext http, ReportService reports, CancellationToken ct)
    {
        var figures = (body.Figures ?? []).Select(f => new FigureInput(f.Name, f.Value, f.UnitOfMeasure, f.PlanFigureId, f.Text)).ToList();
        var version = await reports.SaveFiguresAsync(new SaveFigures { ReportId = id, Figures = figures, ExpectedVersion = body.Version }, http.Actor(), ct);
        return TypedResults.Ok(new ReportVersionDto(version));
    }

    private static async Task<Ok<StatusResponse>> ActAsync(int id, ReportAction action, ActionRequest? body, HttpContext http, ReportService reports)
    {
        var status = await reports.ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = action, Comment = body?.Comment, ExpectedVersion = body?.Version }, http.Actor(), http.RequestAborted);
        var report = await reports.GetAsync(id, http.Actor(), http.RequestAborted);
        return TypedResults.Ok(new StatusResponse(status, report.Version));
    }

    private static ReportDto ToDto(Report r) => new(
        r.Id, r.UnitId, r.Unit?.Code ?? "", r.Period, r.Title, r.Status, r.Version, r.PlanId, r.CreatedAt, r.SubmittedAt, r.AcceptedAt,
        r.Sections.Select(s => new SectionDto(s.Key, s.Heading, s.Level, s.Text, s.Version, s.UpdatedAt, s.UpdatedBy)).ToList(),
        r.Figures.Select(f => new FigureDto(f.Name, f.Value, f.UnitOfMeasure, f.PlanFigureId, f.TextValue)).ToList(),
        r.Transitions.Select(t => new TransitionDto(t.At, t.UserName, t.UserFullName, t.FromStatus, t.ToStatus, t.Comment)).ToList(),
        FromParts.Read(r.Transitions.FirstOrDefault()?.Comment)?.Parts.Select(p => new DraftedFromPartDto(p.Label, p.ReportId, p.Sent)).ToList());

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

    /// <summary>A change sent with on= another day is refused, as the pages' forms are (<see cref="AsOf.RequireToday"/>).</summary>
    private static ValueTask<object?> AsOfChangesAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        AsOf.RequireToday(AsOfPageFilter.PostedOn(context.HttpContext.Request), context.HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        return next(context);
    }

    /// <summary>English when the UI is in English or the script asks for it first (Accept-Language: en); else Vietnamese.</summary>
    public static bool WantsEnglish(HttpContext http) =>
        Bilingual.IsEnglish || http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first && first.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Business-rule breaches as ProblemDetails: 404 outside scope (or a staged file gone), 403 not allowed, 409 stale
    /// version, 413 a file over the limit, 400 otherwise.
    /// The message is Vietnamese unless the script asks for English first (Accept-Language: en) or the UI is in English.
    /// </summary>
    private static async ValueTask<object?> TranslateErrorsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var english = WantsEnglish(context.HttpContext);
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
        catch (Core.Import.FileTooLargeException tooLarge)
        {
            return Results.Problem(statusCode: 413, title: Bilingual.Said(tooLarge, english));
        }
        catch (Core.Import.StagedFileGoneException gone)
        {
            return Results.Problem(statusCode: 404, title: Bilingual.Said(gone, english));
        }
        catch (DomainException breach)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [breach.Field is "" ? "request" : breach.Field] = [Bilingual.Said(breach, english)] },
                title: Bilingual.Said(breach, english));
        }
    }
}
