using System.ComponentModel.DataAnnotations;
using DanVan.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, ILogger<LoginModel> log) : PageModel
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            log.LogWarning("Log-in refused for {UserName}: account locked out", Input.UserName);
            ModelState.AddModelError("", "Tài khoản đang bị tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau 15 phút hoặc liên hệ quản trị.");
        }
        else
        {
            ModelState.AddModelError("", "Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        Response.StatusCode = 400;
        return Page();
    }
}
