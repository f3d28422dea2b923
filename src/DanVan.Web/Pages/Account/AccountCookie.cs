using System.Security.Claims;
using DanVan.Core.Access;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Web.Pages.Account;

public static class AccountCookie
{
    /// <summary>
    /// A change to one's own password or two-step verification renews the security stamp, which ends the account's
    /// other sessions; this browser gets a new cookie, in the same server-side session, and stays signed in.
    /// </summary>
    public static async Task RenewAsync(HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var user = await users.FindByIdAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "") ?? throw new Core.NotFoundException("User");
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(Actor.SessionClaim, http.User.FindFirstValue(Actor.SessionClaim) ?? "")]);
    }
}
