using System.ComponentModel;
using System.Security.Claims;
using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Api;

public sealed record TokenRequest(
    string? UserName,
    string? Password,
    [property: Description("For an account with two-step verification: the 6-digit code the authenticator app shows now, or one unused recovery code (XXXXX-XXXXX). Leave out otherwise.")]
    string? Code = null);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

public static class TokenEndpoints
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Issues the same protected bearer ticket ASP.NET Core's bearer handler validates, so the API shares the
    /// cookie log-in's users, throttling and claims without a separate token service; the ticket names a server-side
    /// session so the token can be revoked before it expires.
    /// </summary>
    [EndpointSummary("Log in and get a bearer token (8 hours)")]
    [EndpointDescription(
        "Send userName and password. An account with two-step verification also sends code: the 6-digit code of its "
        + "authenticator app or one unused recovery code; without it the answer is 401 with twoFactorRequired: true. "
        + "An account whose password an administrator set answers 403 until its owner has chosen a new password at the "
        + "web log-in; a disabled account answers 403. Wrong passwords and codes are throttled (429 with Retry-After).")]
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> CreateAsync(
        TokenRequest request,
        HttpContext http,
        LogInService logIn,
        SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(statusCode: 400, title: "userName and password are required.");
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
                Code = request.Code,
            },
            ct);
        if (result is not { Outcome: LogInOutcome.Succeeded, User: { } user, Session: { } session })
        {
            switch (result.Outcome)
            {
                case LogInOutcome.Throttled:
                    SecuritySetup.RetryAfter(http.Response, result.RetryAfter!.Value);
                    return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: result.Message);
                case LogInOutcome.CodeRequired:
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "Tài khoản này dùng xác thực hai bước: gửi lại yêu cầu kèm trường code (mã 6 số trong ứng dụng xác thực hoặc một mã khôi phục).",
                        extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true });
                case LogInOutcome.PasswordChangeRequired:
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status403Forbidden,
                        title: "Mật khẩu của tài khoản này do quản trị đặt: đăng nhập trên trang web và đặt mật khẩu mới trước khi lấy token API.",
                        extensions: new Dictionary<string, object?> { ["passwordChangeRequired"] = true });
                case LogInOutcome.Disabled:
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: result.Message);
                default:
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: result.Message);
            }
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Actor.SessionClaim, session.Id));
        var expiresAt = new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        var token = bearerOptions.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
        return TypedResults.Ok(new TokenResponse(token, expiresAt));
    }

    [EndpointSummary("Log out: revoke the token of this request")]
    [EndpointDescription("The token sent with this request stops working at once, before it expires.")]
    public static async Task<NoContent> RevokeCurrentAsync(HttpContext http, LogInService logIn, CancellationToken ct)
    {
        await logIn.LogOutAsync(http.Actor(), http.User.FindFirstValue(Actor.SessionClaim), SessionKind.Api, ct);
        return TypedResults.NoContent();
    }
}
