using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DanVan.Web.Pages.Account;

/// <summary>The log-in's second step for an account with two-step verification: the app's code or a recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(SecuritySetup.LogInPolicy)]
public sealed class LoginCodeModel(LogInService logIn, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PendingLogIn.ReadAsync(HttpContext, PendingLogIn.Code) is null ? Redirect("/account/login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await PendingLogIn.ReadAsync(HttpContext, PendingLogIn.Code) is not { } step)
        {
            // The five minutes are over (or the log-in was finished elsewhere): start again from the password.
            TempData["Flash"] = Bilingual.Text("Phiên đăng nhập đã hết hạn. Nhập lại mật khẩu.");
            return Redirect("/account/login");
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError("", Bilingual.Text("Nhập mã 6 số trong ứng dụng xác thực (hoặc một mã khôi phục)."));
            Response.StatusCode = 400;
            return Page();
        }

        var result = await logIn.VerifyCodeAsync(step, Code, ct);
        return await PendingLogIn.ContinueAsync(HttpContext, result, signIn, ReturnUrl, Url.IsLocalUrl) ?? PendingLogIn.Refused(this, result);
    }
}
