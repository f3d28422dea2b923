using System.Security.Claims;
using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Account;

/// <summary>
/// A log-in half done: the password was right, and the code or a new password comes next. It lives in Identity's
/// short-lived two-factor cookie (signed, 5 minutes), so the password is never carried from page to page and nothing
/// else opens until the log-in is complete.
/// </summary>
public static class PendingLogIn
{
    public const string Code = "code";
    public const string NewPassword = "new-password";

    private const string StageClaim = "danvan:pending";

    public static async Task<IActionResult> StartAsync(HttpContext http, AppUser user, string stage, string? returnUrl)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(StageClaim, stage)], IdentityConstants.TwoFactorUserIdScheme);
        await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
        return new RedirectResult($"/account/login/{stage}" + (string.IsNullOrEmpty(returnUrl) ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
    }

    /// <summary>The next step for the account the cookie names, or null when there is none at <paramref name="stage"/> (expired, other step).</summary>
    public static async Task<LogInStep?> ReadAsync(HttpContext http, string stage)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return result.Succeeded
            && result.Principal.FindFirstValue(StageClaim) == stage
            && result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? new LogInStep
            {
                UserId = userId,
                Kind = SessionKind.Web,
                Lifetime = Program.CookieLifetime,
                Address = http.Connection.RemoteIpAddress?.ToString(),
                Device = http.Request.Headers.UserAgent.ToString(),
            }
            : null;
    }

    public static Task EndAsync(HttpContext http) => http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);

    /// <summary>Where a log-in's answer leads: signed in, the next step, or back to the form with the reason.</summary>
    public static async Task<IActionResult?> ContinueAsync(HttpContext http, LogInResult result, SignInManager<AppUser> signIn, string? returnUrl, Func<string, bool> isLocal)
    {
        switch (result)
        {
            case { Outcome: LogInOutcome.Succeeded, User: { } user, Session: { } session }:
                await EndAsync(http);
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(Actor.SessionClaim, session.Id)]);
                return new LocalRedirectResult(returnUrl is not null && isLocal(returnUrl) ? returnUrl : "/");
            case { Outcome: LogInOutcome.CodeRequired, User: { } user }:
                return await StartAsync(http, user, Code, returnUrl);
            case { Outcome: LogInOutcome.PasswordChangeRequired, User: { } user }:
                return await StartAsync(http, user, NewPassword, returnUrl);
            default:
                return null;
        }
    }

    /// <summary>Back to the form with the reason: 429 with Retry-After when the log-in is throttled, 400 otherwise.</summary>
    public static IActionResult Refused(PageModel page, LogInResult result)
    {
        page.ModelState.AddModelError("", result.Message);
        if (result.Outcome == LogInOutcome.Throttled)
        {
            SecuritySetup.RetryAfter(page.Response, result.RetryAfter!.Value);
            page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return page.Page();
        }

        page.Response.StatusCode = StatusCodes.Status400BadRequest;
        return page.Page();
    }
}
