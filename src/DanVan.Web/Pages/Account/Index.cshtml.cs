using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Account;

public sealed class IndexModel(UserAdminService admin, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public AccountView Account { get; private set; } = null!;

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Account = await admin.AccountAsync(HttpContext.Actor(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Account = await admin.AccountAsync(actor, ct);
        await admin.ChangeOwnPasswordAsync(actor, Input.CurrentPassword ?? "", Input.NewPassword ?? "", Input.ConfirmPassword ?? "");

        // The change renews the security stamp; signing in again keeps this browser signed in with the new one.
        await signIn.RefreshSignInAsync((await users.FindByIdAsync(actor.UserId))!);
        TempData["Flash"] = "Đã đổi mật khẩu.";
        return Redirect("/account");
    }

    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
