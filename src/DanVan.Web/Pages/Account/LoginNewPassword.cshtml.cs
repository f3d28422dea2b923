using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DanVan.Web.Pages.Account;

/// <summary>After an administrator set the password: its owner chooses their own before anything else opens.</summary>
[AllowAnonymous]
[EnableRateLimiting(SecuritySetup.LogInPolicy)]
public sealed class LoginNewPasswordModel(LogInService logIn, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PendingLogIn.ReadAsync(HttpContext, PendingLogIn.NewPassword) is null ? Redirect("/account/login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await PendingLogIn.ReadAsync(HttpContext, PendingLogIn.NewPassword) is not { } step)
        {
            TempData["Flash"] = Bilingual.Text("Phiên đăng nhập đã hết hạn. Nhập lại mật khẩu.");
            return Redirect("/account/login");
        }

        var result = await logIn.SetOwnPasswordAsync(step, Input.NewPassword ?? "", Input.ConfirmPassword ?? "", ct);
        if (await PendingLogIn.ContinueAsync(HttpContext, result, signIn, ReturnUrl, Url.IsLocalUrl) is { } next)
        {
            TempData["Flash"] = Bilingual.Text("Đã đặt mật khẩu mới.");
            return next;
        }

        ModelState.AddModelError("", result.Message);
        Response.StatusCode = 400;
        return Page();
    }

    public sealed class PasswordInput
    {
        public string? NewPassword { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
