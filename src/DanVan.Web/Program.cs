using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Serialization;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Web;
using DanVan.Web.Api;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

// Content (settings, static assets) comes from the app's own folder, so the working directory only decides
// where relative data paths such as the default ./data/danvan.db land.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddDanVanCore(builder.Configuration);
builder.Services.AddIdentity<AppUser, IdentityRole>(DanVanServices.ConfigureIdentity)
    .AddEntityFrameworkStores<DanVanDbContext>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<DanVanClaimsFactory>();
builder.Services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TokenEndpoints.Lifetime);
builder.Services.ConfigureApplicationCookie(o =>
{
    // The cookie names a server-side session: log-out and "log out everywhere" end it even though the cookie itself
    // stays validly signed until it expires. Then Identity's own check of the security stamp.
    var stampCheck = o.Events.OnValidatePrincipal;
    o.Events.OnValidatePrincipal = async context =>
    {
        var principal = context.Principal!;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        if (!await sessions.IsActiveAsync(principal.FindFirstValue(Actor.SessionClaim), principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", CookieLifetime, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await stampCheck(context);
    };
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/status/403";
    o.Cookie.Name = "DanVan.Auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.ExpireTimeSpan = CookieLifetime;
    o.SlidingExpiration = true;
});
// Unit and role live in the cookie: re-checked against the account every minute (not Identity's default 30), so a
// user an administrator moved, demoted or locked out of a password loses the old scope within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o =>
{
    o.ValidationInterval = TimeSpan.FromMinutes(1);
    // The re-issued cookie keeps naming the same session.
    o.OnRefreshingPrincipal = context =>
    {
        if (context.CurrentPrincipal?.FindFirst(Actor.SessionClaim) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(Actor.SessionClaim, session.Value));
        }

        return Task.CompletedTask;
    };
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
    .AddPolicy(Policies.Consolidation, p => p.RequireRole(Roles.Consolidator, Roles.Admin))
    .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());

builder.AddDanVanDataProtection();

// Vietnamese text is written as characters, not &#x…; entities (still HTML-escaped where it matters).
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AuthorizeFolder("/");
        o.Conventions.AllowAnonymousToPage("/Account/Login");
        o.Conventions.AddPageApplicationModelConvention("/Account/Login", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SecuritySetup.LogInPolicy)));
        o.Conventions.AllowAnonymousToPage("/Status");
        o.Conventions.AllowAnonymousToPage("/Language");
        o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        o.Conventions.AuthorizeFolder("/Consolidation", Policies.Consolidation);
    })
    .AddMvcOptions(o =>
    {
        o.Filters.Add<DomainExceptionPageFilter>();
        o.Filters.Add<AsOfPageFilter>();
        o.ModelBinderProviders.Insert(0, new VietnameseDateBinderProvider());
        VietnameseBindingMessages.Apply(o.ModelBindingMessageProvider);
    })
    // No client-side validation script ships, so the data-val-* attributes (English texts) and the summary's hidden
    // placeholder item (an inline style the Content-Security-Policy blocks) are left out; forms validate on the server.
    .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddProblemDetails();
builder.AddLogInRateLimit();
// Behind a reverse proxy on this machine (nginx) the client's address comes from X-Forwarded-For; the rate limits
// and the audit trail need the client's address, not the proxy's. Other proxies: ForwardedHeaders:KnownProxies.
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
    {
        o.KnownProxies.Add(IPAddress.Parse(proxy));
    }
});
builder.Services.AddOpenApi(ApiEndpoints.DescribeApi);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
if (builder.Configuration.GetValue("Reminders:Enabled", true))
{
    builder.Services.AddHostedService<ReminderJob>();
}

builder.Services.AddHostedService<MailOutboxJob>();

builder.WebHost.ConfigureKestrel(o =>
{
    o.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Uploads:MaxRequestBytes", 2_000_000L);
    o.AddServerHeader = false;
});

var app = builder.Build();

// Stylesheets and scripts reach wwwroot only through `dotnet publish`: a plain build (bin/Release) run in Production would
// serve every page unstyled and without its scripts, so it does not start at all.
if (app.Environment.IsProduction() && !app.Environment.WebRootFileProvider.GetFileInfo("css/site.css").Exists)
{
    app.Logger.LogCritical(
        "Static files are missing: {WebRoot} has no css/site.css. In Production run the published build (dotnet publish src/DanVan.Web -c Release -o DIR; dotnet DIR/DanVan.Web.dll), not a build output such as bin/Release.",
        app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"));
    await app.DisposeAsync();
    Environment.ExitCode = 1;
    return;
}

app.UseForwardedHeaders();

var cultures = new[] { new CultureInfo("vi-VN"), new CultureInfo("en") };
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("vi-VN"),
    SupportedCultures = cultures,
    SupportedUICultures = cultures,
    // Vietnamese first whatever the browser says; English only when the user picks it.
    RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
});

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/status/500");
    app.UseHsts();
}

// The API answers every failure as ProblemDetails JSON, in every environment: never an HTML page, never a stack trace.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler(new ExceptionHandlerOptions
{
    // A body past Uploads:MaxRequestBytes read by a handler itself (the .xlsx upload) is the client's 413, not a fault.
    StatusCodeSelector = e => e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status500InternalServerError,
}));

app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/status/{0}"));
app.Use(async (context, next) =>
{
    var headers = context.Response.Headers;
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "same-origin";
    headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
    // What a signed-in user sees (pages, API answers, downloads) stays out of browser and proxy caches, so the next
    // person at a shared computer cannot page back into it; static files stay cacheable.
    context.Response.OnStarting(() =>
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.User.Identity?.IsAuthenticated == true)
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
        }

        return Task.CompletedTask;
    });
    await next();
});
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();
// The API's map is no secret, but in production it is shown to signed-in users only.
var openApi = app.MapOpenApi();
if (app.Environment.IsProduction())
{
    openApi.RequireAuthorization();
}
else
{
    openApi.AllowAnonymous();
}

app.MapDanVanApi();
app.MapRazorPages();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program
{
    /// <summary>A browser's log-in lasts this long after its last request.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);
}
