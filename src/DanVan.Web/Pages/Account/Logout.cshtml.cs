using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Account;

public sealed class LogoutModel(LogInService logIn, SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The session ends on the server, so a copy of this cookie no longer opens anything.
        await logIn.LogOutAsync(HttpContext.Actor(), User.FindFirst(Core.Access.Actor.SessionClaim)?.Value, SessionKind.Web, ct);
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}
