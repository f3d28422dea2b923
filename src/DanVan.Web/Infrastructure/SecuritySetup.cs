using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using DanVan.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;

namespace DanVan.Web.Infrastructure;

public static class SecuritySetup
{
    /// <summary>The rate-limit policy of the log-in form's POST and of POST /api/v1/tokens.</summary>
    public const string LogInPolicy = "log-in";

    /// <summary>
    /// Log-in requests per client address per minute (<c>Security:RateLimit:LogInPerMinute</c>, 10 by default), answered
    /// 429 with Retry-After beyond that. Reading a page is not limited: only the POST that checks a password.
    /// </summary>
    public static void AddLogInRateLimit(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Security:RateLimit:LogInPerMinute", 10);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LogInPolicy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    RetryAfter(http.Response, wait);
                }

                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DanVan.Security")
                    .LogWarning("Log-in rate limit reached by {Address} on {Path}", http.Connection.RemoteIpAddress, http.Request.Path);
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều yêu cầu đăng nhập. Thử lại sau ít phút.")
                        .ExecuteAsync(http);
                }

                // The web form gets the 429 status page (status code pages re-execute it).
            };
        });
    }

    /// <summary>
    /// Where the keys that sign log-in cookies and API tokens live: <c>DataProtection:KeysPath</c> when set, else the
    /// SQLite file's folder, else (PostgreSQL) the database, so every instance shares them without a shared folder.
    /// With <c>DataProtection:Certificate:Path</c> (a .pfx, password in <c>DataProtection:Certificate:Password</c>)
    /// the keys are encrypted with that certificate wherever they are stored.
    /// </summary>
    public static void AddDanVanDataProtection(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var protection = builder.Services.AddDataProtection().SetApplicationName("DanVan");
        var keysPath = configuration["DataProtection:KeysPath"] is { Length: > 0 } configured
            ? configured
            : DanVanDatabase.FromConfiguration(configuration).SqliteDirectory() is { } dataDir ? Path.Combine(dataDir, "keys") : null;
        if (keysPath is not null)
        {
            // Readable by the app's account only: without a certificate the folder is the keys' only protection (README).
            var keys = Directory.CreateDirectory(keysPath);
            if (!OperatingSystem.IsWindows())
            {
                keys.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }

            protection.PersistKeysToFileSystem(keys);
        }
        else
        {
            protection.PersistKeysToDbContext<DanVanDbContext>();
        }

        if (configuration["DataProtection:Certificate:Path"] is { Length: > 0 } certificatePath)
        {
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:Certificate:Password"]));
        }
    }

    /// <summary>The Retry-After header in whole seconds, rounded up, as every log-in refusal (page, API, rate limiter) sends it.</summary>
    public static void RetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
