using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>A consolidator sets up a plan in headless Chromium, and a commune starts its report from the open period.</summary>
public sealed class PlanBrowserTests(KestrelApp app) : IClassFixture<KestrelApp>, IAsyncLifetime
{
    private readonly Screenshots _shots = new("plan-");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.Options);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static async Task LogInAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Input.UserName']").FillAsync(user);
        await page.Locator("input[name='Input.Password']").FillAsync(DanVanWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task Consolidator_CreatesPlan_CommuneStartsReportFromIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        await app.AddUnitAsync($"Y-{tag}", "Ủy ban nhân dân xã Hòa Thử", UnitKind.Commune, province);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        var context = await _browser!.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await LogInAsync(page, $"snv.{tag}");
            await page.GotoAsync("/plans");
            await page.Locator("#new-plan").ClickAsync();
            await page.Locator("#Input_Number").FillAsync("42/KH-UBND");
            await page.Locator("#Input_IssuedOn").FillAsync("21/03/2025");
            await page.Locator("#Input_Summary").FillAsync("Thực hiện chế độ báo cáo công tác dân vận chính quyền");
            await page.Locator("input[name='Input.Audience'][value='UnitKind']").CheckAsync();
            await page.Locator("#Input_AudienceUnitKind").SelectOptionAsync("Commune");
            await page.Locator("input[name='Input.Sections[0].Guidance']").FillAsync("Nêu kết quả nổi bật, có số liệu");
            await page.Locator("#Input_Sections_0__Required").CheckAsync();
            await page.Locator("input[name='Input.Figures[0].Name']").FillAsync("Số lượt tiếp công dân");
            await page.Locator("input[name='Input.Figures[0].UnitOfMeasure']").FillAsync("lượt");
            await _shots.TakeAsync(page, "form");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();

            await Expect(page.Locator("h1")).ToContainTextAsync("Kế hoạch số 42/KH-UBND ngày 21/3/2025");
            await Expect(page.Locator(".facts")).ToContainTextAsync("(2)");
            await Expect(page.Locator("#schedule tbody tr").First).ToBeVisibleAsync();
            await _shots.TakeAsync(page, "details");

            await context.ClearCookiesAsync();
            await LogInAsync(page, $"canbo.{tag}");
            await page.GotoAsync("/reports");
            await Expect(page.Locator("#open-periods")).ToContainTextAsync("42/KH-UBND");
            await page.Locator("#open-periods button").First.ClickAsync();
            await Expect(page.Locator("#plan-line")).ToContainTextAsync("Kế hoạch số 42/KH-UBND");
            await Expect(page.Locator("#section-I .required")).ToBeVisibleAsync();
            await _shots.TakeAsync(page, "report");
        }
        catch
        {
            await _shots.TakeAsync(page, "failed");
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
