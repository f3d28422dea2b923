using System.ComponentModel.DataAnnotations;
using DanVan.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Account;

public sealed class LoginModel(LogInService logIn, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Nhập tên đăng nhập.")]
        [MaxLength(256)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Nhập mật khẩu.")]
        [MaxLength(256)]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }

        var result = await logIn.LogInAsync(
            new LogInAttempt
            {
                UserName = Input.UserName,
                Password = Input.Password,
                Kind = SessionKind.Web,
                Lifetime = Program.CookieLifetime,
                Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
                Device = Request.Headers.UserAgent.ToString(),
            },
            ct);
        return await PendingLogIn.ContinueAsync(HttpContext, result, signIn, ReturnUrl, Url.IsLocalUrl) ?? PendingLogIn.Refused(this, result);
    }
}
