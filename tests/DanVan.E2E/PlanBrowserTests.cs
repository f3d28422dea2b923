using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>A consolidator sets up a plan in headless Chromium, and a commune starts its report from the open period.</summary>
public sealed class PlanBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("plan-");
    [Fact]
    public async Task Consolidator_CreatesPlan_CommuneStartsReportFromIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await App.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await App.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await App.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        await App.AddUnitAsync($"Y-{tag}", "Ủy ban nhân dân xã Hòa Thử", UnitKind.Commune, province);
        await App.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        await App.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        var page = await NewPageAsync();
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

            await page.Context.ClearCookiesAsync();
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
    }
}
