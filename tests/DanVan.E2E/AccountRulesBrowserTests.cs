using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.E2E;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// Issue 18 item 8 in Chromium: the administrator resets a user's password and the user, logging in, must choose a
/// new one first; the administrator switches on two-step verification with a code computed from the key the page
/// shows and logs in with a code; the administrator disables the user, whose open browser is signed out. At 1366 px
/// and on a 390 px phone.
/// </summary>
public sealed class AccountRulesBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Given = "Quan-tri-dat-2026";

    private readonly Screenshots _shots = new("account-rules-");

    [Fact]
    public async Task ResetForcesAChange_AdministratorLogsInWithACode_DisabledUsersBrowserSignedOut()
    {
        var province = await App.AddUnitAsync("E2E-ACC-TINH", "Ủy ban nhân dân tỉnh Thử Tài Khoản Hai", UnitKind.Province);
        await App.AddUserAsync("qt.e2eacc", province, Roles.Admin, "Quản trị Tài Khoản");
        await App.AddUserAsync("cb.e2eacc", province, Roles.Staff, "Cán bộ Đổi Mật Khẩu");
        var admin = await NewPageAsync();
        var staff = await NewPageAsync();
        try
        {
            await RunFlowAsync(admin, staff);
        }
        catch
        {
            foreach (var page in new[] { admin, staff }.Where(p => !p.IsClosed))
            {
                await _shots.TakeAsync(page, "failed");
            }

            throw;
        }
    }

    private async Task PhoneAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: {page.Url} scrolls sideways on a phone.");
        await _shots.TakeAsync(page, name);
        await page.SetViewportSizeAsync(1366, 768);
    }

    private async Task RunFlowAsync(IPage admin, IPage staff)
    {
        await admin.SetViewportSizeAsync(1366, 768);
        await staff.SetViewportSizeAsync(1366, 768);

        // The administrator sets a password for the user.
        await LogInAsync(admin, "qt.e2eacc");
        await admin.GotoAsync("/admin/users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "cb.e2eacc", Exact = true }).ClickAsync();
        await admin.Locator("#new-password").FillAsync(Given);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu", Exact = true }).ClickAsync();
        await Expect(admin.Locator(".flash")).ToContainTextAsync("phải đổi mật khẩu ở lần đăng nhập tới");
        await Expect(admin.Locator("#must-change")).ToBeVisibleAsync();
        await _shots.TakeAsync(admin, "reset");

        // The user logs in with it and must choose their own before anything else.
        await staff.GotoAsync("/account/login");
        await staff.Locator("input[name='Input.UserName']").FillAsync("cb.e2eacc");
        await staff.Locator("input[name='Input.Password']").FillAsync(Given);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await Expect(staff.Locator("h1")).ToHaveTextAsync("Đặt mật khẩu mới");
        await staff.GotoAsync("/reports");
        await Expect(staff.Locator("h1")).ToHaveTextAsync("Đăng nhập");
        await staff.GoBackAsync();
        await Expect(staff.Locator("h1")).ToHaveTextAsync("Đặt mật khẩu mới");
        await staff.Locator("#Input_NewPassword").FillAsync(Given);
        await staff.Locator("#Input_ConfirmPassword").FillAsync(Given);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu và đăng nhập" }).ClickAsync();
        await Expect(staff.Locator(".errors")).ToContainTextAsync("khác với mật khẩu quản trị đã đặt");
        await _shots.TakeAsync(staff, "forced-change");
        await PhoneAsync(staff, "forced-change-390");
        await staff.Locator("#Input_NewPassword").FillAsync("Cum-tu-rieng-cua-toi");
        await staff.Locator("#Input_ConfirmPassword").FillAsync("Cum-tu-rieng-cua-toi");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu và đăng nhập" }).ClickAsync();
        await Expect(staff.Locator(".flash")).ToHaveTextAsync("Đã đặt mật khẩu mới.");
        await Expect(staff.Locator("header a.username")).ToBeVisibleAsync();

        // The administrator switches on two-step verification with the key the page shows.
        await admin.GotoAsync("/account");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Bật xác thực hai bước" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Bật xác thực hai bước" }).ClickAsync();
        var key = (await admin.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await _shots.TakeAsync(admin, "two-factor-key");
        await PhoneAsync(admin, "two-factor-key-390");
        await admin.Locator("#Input_Code").FillAsync(Totp.Now(key));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Xác nhận và bật" }).ClickAsync();
        await Expect(admin.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await _shots.TakeAsync(admin, "recovery-codes");
        await PhoneAsync(admin, "recovery-codes-390");

        // Logging in again takes the password, then a code.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất", Exact = true }).ClickAsync();
        await LogInAsync(admin, "qt.e2eacc");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Xác thực hai bước");
        await admin.Locator("#Code").FillAsync("000000");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Xác nhận", Exact = true }).ClickAsync();
        await Expect(admin.Locator(".errors")).ToContainTextAsync("Mã xác thực không đúng");
        await _shots.TakeAsync(admin, "log-in-code");
        await PhoneAsync(admin, "log-in-code-390");
        await admin.Locator("#Code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Xác nhận", Exact = true }).ClickAsync();
        await Expect(admin.Locator("header a.username")).ToBeVisibleAsync();

        // The administrator disables the user: the user's open browser is signed out at its next click.
        await admin.GotoAsync("/admin/users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "cb.e2eacc", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hóa tài khoản" }).ClickAsync();
        await Expect(admin.Locator(".flash")).ToContainTextAsync("Đã vô hiệu hóa tài khoản");
        await _shots.TakeAsync(admin, "disabled");
        await admin.GotoAsync("/admin/users");
        await Expect(admin.Locator("#users tr", new() { HasText = "cb.e2eacc" })).ToContainTextAsync("Đã vô hiệu hóa");
        await Expect(admin.Locator("#users tr", new() { HasText = "qt.e2eacc" })).ToContainTextAsync("xác thực hai bước");
        await _shots.TakeAsync(admin, "users");
        await PhoneAsync(admin, "users-390");

        await staff.GotoAsync("/reports");
        await Expect(staff.Locator("h1")).ToHaveTextAsync("Đăng nhập");
        await staff.Locator("input[name='Input.UserName']").FillAsync("cb.e2eacc");
        await staff.Locator("input[name='Input.Password']").FillAsync("Cum-tu-rieng-cua-toi");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await Expect(staff.Locator(".errors")).ToContainTextAsync("vô hiệu hóa");
        await _shots.TakeAsync(staff, "disabled-log-in");
        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }
}
