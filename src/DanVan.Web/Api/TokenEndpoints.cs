using System.Globalization;
using System.Security.Claims;
using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Api;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

public static class TokenEndpoints
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Issues the same protected bearer ticket ASP.NET Core's bearer handler validates, so the API shares the
    /// cookie log-in's users, throttling and claims without a separate token service; the ticket names a server-side
    /// session so the token can be revoked before it expires.
    /// </summary>
    public static async Task<IResult> CreateAsync(
        TokenRequest request,
        HttpContext http,
        LogInService logIn,
        SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Results.Problem(statusCode: 400, title: "userName and password are required.");
        }

        var result = await logIn.LogInAsync(
            new LogInAttempt
            {
                UserName = request.UserName,
                Password = request.Password,
                Kind = SessionKind.Api,
                Lifetime = Lifetime,
                Address = http.Connection.RemoteIpAddress?.ToString(),
                Device = http.Request.Headers.UserAgent.ToString(),
            },
            ct);
        if (result is not { Outcome: LogInOutcome.Succeeded, User: { } user, Session: { } session })
        {
            if (result.Outcome == LogInOutcome.Throttled)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: result.Message);
            }

            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: result.Message);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Actor.SessionClaim, session.Id));
        var expiresAt = new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        var token = bearerOptions.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
        return Results.Ok(new TokenResponse(token, expiresAt));
    }

    /// <summary>DELETE /api/v1/tokens/current: the token used for this request stops working at once.</summary>
    public static async Task<IResult> RevokeCurrentAsync(HttpContext http, LogInService logIn, CancellationToken ct)
    {
        await logIn.LogOutAsync(http.Actor(), http.User.FindFirstValue(Actor.SessionClaim), SessionKind.Api, ct);
        return Results.NoContent();
    }
}
