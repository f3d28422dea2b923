using System.Security.Claims;
using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Account;

public sealed class IndexModel(UserAdminService admin, SessionService sessions, LogInService logIn, TwoFactorService twoFactor, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public TwoFactorStatus TwoFactor { get; private set; } = null!;

    public AccountView Account { get; private set; } = null!;

    /// <summary>This user's browsers and API tokens still signed in.</summary>
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public string? CurrentSessionId => User.FindFirstValue(Core.Access.Actor.SessionClaim);

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        await LoadAsync(ct);
        await admin.ChangeOwnPasswordAsync(actor, Input.CurrentPassword ?? "", Input.NewPassword ?? "", Input.ConfirmPassword ?? "");

        await AccountCookie.RenewAsync(HttpContext, users, signIn);
        TempData["Flash"] = Bilingual.Text("Đã đổi mật khẩu.");
        return Redirect("/account");
    }

    /// <summary>"Đăng xuất khỏi mọi thiết bị": every browser and token of the user ends, this one included.</summary>
    public async Task<IActionResult> OnPostLogOutEverywhereAsync(CancellationToken ct)
    {
        await logIn.LogOutEverywhereAsync(HttpContext.Actor(), ct);
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Account = await admin.AccountAsync(actor, ct);
        Sessions = await sessions.ActiveAsync(actor.UserId, ct);
        TwoFactor = await twoFactor.StatusAsync(actor);
    }

    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
