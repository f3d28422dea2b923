using System.Globalization;
using System.Text.Json.Serialization;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Web;
using DanVan.Web.Api;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
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
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/status/403";
    o.Cookie.Name = "DanVan.Auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
});
// Unit and role live in the cookie: re-checked against the account every minute (not Identity's default 30), so a
// user an administrator moved, demoted or locked out of a password loses the old scope within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
    .AddPolicy(Policies.Consolidation, p => p.RequireRole(Roles.Consolidator, Roles.Admin))
    .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());

var keysPath = builder.Configuration["DataProtection:KeysPath"]
    ?? (DanVanDatabase.FromConfiguration(builder.Configuration).SqliteDirectory() is { } dataDir ? Path.Combine(dataDir, "keys") : null);
if (keysPath is not null)
{
    // Log-in cookies and API tokens survive a restart only if the keys that sign them do. Linux has no key
    // encryption to offer, so the folder is the protection: readable by the app's account only (README).
    var keys = Directory.CreateDirectory(keysPath);
    if (!OperatingSystem.IsWindows())
    {
        keys.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    }

    builder.Services.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("DanVan");
}

// Vietnamese text is written as characters, not &#x…; entities (still HTML-escaped where it matters).
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AuthorizeFolder("/");
        o.Conventions.AllowAnonymousToPage("/Account/Login");
        o.Conventions.AllowAnonymousToPage("/Status");
        o.Conventions.AllowAnonymousToPage("/Language");
        o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        o.Conventions.AuthorizeFolder("/Consolidation", Policies.Consolidation);
    })
    .AddMvcOptions(o =>
    {
        o.Filters.Add<DomainExceptionPageFilter>();
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
builder.Services.AddOpenApi();
builder.Services.AddScoped<ImportStaging>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
if (builder.Configuration.GetValue("Reminders:Enabled", true))
{
    builder.Services.AddHostedService<ReminderJob>();
}

builder.Services.AddHostedService<MailOutboxJob>();

builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Uploads:MaxRequestBytes", 2_000_000L));

var app = builder.Build();

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

app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/status/{0}"));
app.Use(async (context, next) =>
{
    var headers = context.Response.Headers;
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "same-origin";
    headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
    await next();
});
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapDanVanApi();
app.MapRazorPages();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
