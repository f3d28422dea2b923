using DanVan.Core.Access;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Account;

/// <summary>
/// Two-step verification of one's own account: start (a key for the app), confirm with a code (10 recovery codes,
/// shown once, in this answer only), new recovery codes, switch off.
/// </summary>
public sealed class TwoFactorModel(TwoFactorService twoFactor, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public TwoFactorStatus Status { get; private set; } = null!;

    /// <summary>The key to enter in the app, while setting up.</summary>
    public AuthenticatorSetup? Setup { get; private set; }

    /// <summary>Recovery codes just made; never stored for a later page.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    public async Task OnGetAsync() => Status = await twoFactor.StatusAsync(HttpContext.Actor());

    public async Task<IActionResult> OnPostBeginAsync()
    {
        var actor = HttpContext.Actor();
        Status = await twoFactor.StatusAsync(actor);
        Setup = await twoFactor.BeginAsync(actor);
        await AccountCookie.RenewAsync(HttpContext, users, signIn);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var actor = HttpContext.Actor();
        Status = await twoFactor.StatusAsync(actor);
        Setup = await twoFactor.PendingAsync(actor);
        RecoveryCodes = await twoFactor.EnableAsync(actor, Input.Code);
        await AccountCookie.RenewAsync(HttpContext, users, signIn);
        Status = await twoFactor.StatusAsync(actor);
        Setup = null;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var actor = HttpContext.Actor();
        Status = await twoFactor.StatusAsync(actor);
        RecoveryCodes = await twoFactor.RenewRecoveryCodesAsync(actor, Input.Password);
        Status = await twoFactor.StatusAsync(actor);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var actor = HttpContext.Actor();
        Status = await twoFactor.StatusAsync(actor);
        await twoFactor.DisableAsync(actor, Input.Password);
        await AccountCookie.RenewAsync(HttpContext, users, signIn);
        TempData["Flash"] = Bilingual.Text("Đã tắt xác thực hai bước.");
        return Redirect("/account/two-factor");
    }

    public sealed class TwoFactorInput
    {
        public string? Code { get; set; }

        public string? Password { get; set; }
    }
}
