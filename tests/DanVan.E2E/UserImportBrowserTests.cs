using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Spreadsheets;
using DanVan.E2E;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// Accounts at province scale in headless Chromium: the administrator downloads the template, fills it in, uploads it
/// with one wrong unit (sees the row's error, nothing saved), corrects it and uploads again, downloads the result with
/// the one-time passwords and finds the users in the list; the new user logs in with the one-time password, replaces it, and opens
/// the account page from the name in the header. At 1366 px and on a 390 px phone.
/// </summary>
public sealed class UserImportBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("user-import-");

    [Fact]
    public async Task ImportUsers_BadRowThenFixed_NewUserLogsInWithOneTimePasswordAndSeesTheAccountPage()
    {
        var province = await App.AddUnitAsync("E2E-USR-TINH", "Ủy ban nhân dân tỉnh Thử Tài Khoản", UnitKind.Province);
        await App.AddUnitAsync("E2E-USR-XA", "Ủy ban nhân dân xã Tân Lập", UnitKind.Commune, province);
        await App.AddUserAsync("qt.e2eusr", province, Roles.Admin, "Quản trị Thử");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        try
        {
            await LogInAsync(page, "qt.e2eusr");
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

    private async Task RunFlowAsync(IPage page)
    {
        var dir = Directory.CreateTempSubdirectory("danvan-e2e-users").FullName;
        await page.GetByRole(AriaRole.Link, new() { Name = "Người dùng", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ Excel" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Nhập người dùng từ Excel");
        var template = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp mẫu (.xlsx)" }).ClickAsync());
        Assert.Equal("mau-nhap-nguoi-dung.xlsx", template.SuggestedFilename);
        var templatePath = Path.Combine(dir, template.SuggestedFilename);
        await template.SaveAsAsync(templatePath);
        var header = Xlsx.ReadFirstSheet(File.OpenRead(templatePath))[0].Cells;
        await _shots.TakeAsync(page, "form");

        // The template filled in: its header row kept, the example replaced by two people, the second unit misspelt.
        string[] first = ["tanlap.canbo", "Phan Thị Lan", "E2E-USR-XA", "Cán bộ", "lan@tanlap.gov.vn", "Công chức Văn phòng - Thống kê"];
        var wrong = Fill(dir, "sai.xlsx", header, first, ["tanlap.lanhdao", "Đỗ Văn Minh", "Ủy ban nhân dân xã Tân Lạp", "Lãnh đạo đơn vị", "", "Chủ tịch"]);
        await page.Locator("#file").SetInputFilesAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-errors")).ToContainTextAsync("Chưa lưu tài khoản nào.");
        await Expect(page.Locator("#row-errors tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#row-errors tbody tr li")).ToHaveTextAsync("Dòng 3, cột Đơn vị: không có đơn vị mã/tên 'Ủy ban nhân dân xã Tân Lạp'.");
        await _shots.TakeAsync(page, "row-error");
        await PhoneAsync(page, "row-error-phone");

        var right = Fill(dir, "dung.xlsx", header, first, ["tanlap.lanhdao", "Đỗ Văn Minh", "Ủy ban nhân dân xã Tân Lập", "Lãnh đạo đơn vị", "", "Chủ tịch"]);
        await page.Locator("#file").SetInputFilesAsync(right);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        await Expect(page.Locator("#import-done")).ToHaveTextAsync("Đã tạo 2 tài khoản.");
        var rows = page.Locator("#created-users tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var password = (await rows.Nth(0).Locator("code.password").TextContentAsync())!;
        var result = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải bảng kết quả (.xlsx)" }).ClickAsync());
        var resultPath = Path.Combine(dir, result.SuggestedFilename);
        await result.SaveAsAsync(resultPath);
        Assert.Equal("tai-khoan-moi.xlsx", result.SuggestedFilename);
        Assert.Equal(["tanlap.canbo", password], Xlsx.ReadFirstSheet(File.OpenRead(resultPath))[1].Cells.Where((_, i) => i is 0 or 5));
        await _shots.TakeAsync(page, "created");
        await PhoneAsync(page, "created-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "Về danh sách người dùng" }).ClickAsync();
        await Expect(page.Locator("#users")).ToContainTextAsync("tanlap.canbo");
        await Expect(page.Locator("#users")).ToContainTextAsync("tanlap.lanhdao");
        await Expect(page.Locator("#users tr", new() { HasText = "tanlap.canbo" })).ToContainTextAsync("lan@tanlap.gov.vn");

        var newcomer = await NewPageAsync();
        await newcomer.SetViewportSizeAsync(1366, 768);
        await newcomer.GotoAsync("/account/login");
        await newcomer.Locator("input[name='Input.UserName']").FillAsync("tanlap.canbo");
        await newcomer.Locator("input[name='Input.Password']").FillAsync(password);
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();

        // The one-time password opens only the page that replaces it.
        await Expect(newcomer.Locator("h1")).ToHaveTextAsync("Đặt mật khẩu mới");
        await newcomer.Locator("#Input_NewPassword").FillAsync("Lan-Tanlap-2026");
        await newcomer.Locator("#Input_ConfirmPassword").FillAsync("Lan-Tanlap-2026");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu và đăng nhập" }).ClickAsync();
        await newcomer.Locator("header a.username").ClickAsync();
        await Expect(newcomer.Locator("h1")).ToHaveTextAsync("Tài khoản của tôi");
        await Expect(newcomer.Locator("#account-fullname")).ToHaveTextAsync("Phan Thị Lan");
        await Expect(newcomer.Locator("#account-unit")).ToContainTextAsync("Ủy ban nhân dân xã Tân Lập");
        await Expect(newcomer.Locator("#account-unit")).ToContainTextAsync("thuộc Ủy ban nhân dân tỉnh Thử Tài Khoản");
        await Expect(newcomer.Locator("#account-role")).ToHaveTextAsync("Cán bộ");
        await Expect(newcomer.Locator("#account-email")).ToHaveTextAsync("lan@tanlap.gov.vn");
        await _shots.TakeAsync(newcomer, "account");

        await newcomer.Locator("#Input_CurrentPassword").FillAsync("Lan-Tanlap-2026");
        await newcomer.Locator("#Input_NewPassword").FillAsync("Lan-Tanlap-2027");
        await newcomer.Locator("#Input_ConfirmPassword").FillAsync("Lan-Tanlap-2027");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu", Exact = true }).ClickAsync();
        await Expect(newcomer.Locator(".flash")).ToHaveTextAsync("Đã đổi mật khẩu.");
        await PhoneAsync(newcomer, "account-phone");
        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }

    private static string Fill(string dir, string name, IReadOnlyList<string> header, params string[][] rows)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, Xlsx.Write("Người dùng", header.Select(h => new SheetColumn(h, 20)).ToList(), rows.Select(r => (IReadOnlyList<string>)r)));
        return path;
    }

    private async Task PhoneAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: the page scrolls sideways on a phone.");
        await _shots.TakeAsync(page, name);
        await page.SetViewportSizeAsync(1366, 768);
    }
}
