using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.E2E;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// Issue 18 in Chromium: the administrator sees their sessions on the account page, reads and filters the audit log
/// and downloads it as CSV; the header's Đăng xuất ends the session (back in the browser the reports are closed);
/// a second browser's Đăng xuất khỏi mọi thiết bị signs the first one out. At 1366 px and on a 390 px phone.
/// </summary>
public sealed class SecurityBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("security-");

    [Fact]
    public async Task AccountSessions_AuditLog_LogOutAndLogOutEverywhere()
    {
        var province = await App.AddUnitAsync("E2E-SEC-TINH", "Ủy ban nhân dân tỉnh Thử Bảo Mật", UnitKind.Province);
        await App.AddUserAsync("qt.e2esec", province, Roles.Admin, "Quản trị Bảo Mật");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        try
        {
            await RunFlowAsync(page);
        }
        catch
        {
            if (!page.IsClosed)
            {
                await _shots.TakeAsync(page, "failed");
            }

            throw;
        }
    }

    private static async Task AssertFitsAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} is wider than the screen");

    private async Task RunFlowAsync(IPage page)
    {
        // A wrong password first, so the audit log has a failure to find.
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Input.UserName']").FillAsync("qt.e2esec");
        await page.Locator("input[name='Input.Password']").FillAsync("Sai-matkhau-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await Expect(page.Locator(".errors")).ToContainTextAsync("Tên đăng nhập hoặc mật khẩu không đúng");
        await LogInAsync(page, "qt.e2esec");

        await page.GotoAsync("/account");
        await Expect(page.Locator("#sessions tbody tr.current")).ToContainTextAsync("(phiên này)");
        await _shots.TakeAsync(page, "account-1366");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nhật ký", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Nhật ký hệ thống");
        await page.Locator("#UserName").FillAsync("qt.e2esec");
        await page.Locator("#Kind").SelectOptionAsync("LogInFailed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit tbody tr")).ToContainTextAsync("Đăng nhập sai");
        await _shots.TakeAsync(page, "audit-1366");
        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#audit-export").ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);

        await page.SetViewportSizeAsync(390, 844);
        await page.Locator("#Kind").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await AssertFitsAsync(page);
        await _shots.TakeAsync(page, "audit-390");
        await page.GotoAsync("/account");
        await AssertFitsAsync(page);
        await _shots.TakeAsync(page, "account-390");

        // Log out from the header: the reports are closed to this browser again.
        await page.SetViewportSizeAsync(1366, 768);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Đăng nhập");
        await page.GotoAsync("/reports");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        // Two browsers; the second ends every session, the first finds itself signed out.
        await LogInAsync(page, "qt.e2esec");
        var second = await NewPageAsync();
        await LogInAsync(second, "qt.e2esec");
        await second.GotoAsync("/account");
        await Expect(second.Locator("#sessions tbody tr")).ToHaveCountAsync(2);
        await second.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất khỏi mọi thiết bị" }).ClickAsync();
        await Expect(second.Locator("h1")).ToHaveTextAsync("Đăng nhập");
        await page.GotoAsync("/reports");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await _shots.TakeAsync(page, "signed-out");
    }
}
