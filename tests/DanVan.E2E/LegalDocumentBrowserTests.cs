using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.E2E;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// Issue 17 item 11 in headless Chromium: an administrator opens the legal-document registry, is told
/// why a plan number cannot be a quyết định's, adds the plan, then marks it replaced by the 2022 law; a report citing
/// the replaced ordinance lists it as replaced. At 1280 px and on a 390 px phone, neither scrolling sideways.
/// </summary>
public sealed class LegalDocumentBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("legal-");

    [Fact]
    public async Task Admin_AddsAndReplacesADocument_ReportListsWhatItCitesWithStatus()
    {
        var province = await App.AddUnitAsync("E2E-VB-QNG", "Ủy ban nhân dân tỉnh Quảng Ngãi (thử)", UnitKind.Province);
        var commune = await App.AddUnitAsync("E2E-VB-TRATAN", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        await App.AddUserAsync("qt.e2evb", province, Roles.Admin, "Quản trị Thử");
        await App.AddUserAsync("cb.e2evb", commune, Roles.Staff, "Phạm Văn Tân");
        var reportId = await App.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var staff = await App.ActorAsync("cb.e2evb");
            var id = await reports.CreateAsync(new CreateReport { Period = "2025-03" }, staff);
            await reports.SaveSectionAsync(new SaveSection
            {
                ReportId = id,
                Key = "I.1",
                Text = "Tiếp tục thực hiện Pháp lệnh số 34/2007/PL-UBTVQH11; Kế hoạch số 15/KH-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh về công tác dân vận chính quyền.",
                ExpectedVersion = 0,
            }, staff);
            return id;
        });
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, "qt.e2evb");
            await page.GotoAsync("/admin/legal-documents");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Danh mục văn bản");
            await Expect(page.Locator("#legal-documents")).ToContainTextAsync("Hết hiệu lực từ 01/07/2023, thay bằng 10/2022/QH15");
            await _shots.TakeAsync(page, "list");
            await PhoneAsync(page, "list-phone");

            await FillAsync(page, "15/QĐ-UBND", "kế hoạch");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
            await Expect(page.Locator(".errors")).ToContainTextAsync("là của quyết định, không phải kế hoạch");
            await Expect(page.Locator("#Input_Number")).ToHaveValueAsync("15/QĐ-UBND");
            await _shots.TakeAsync(page, "refused");

            await page.Locator("#Input_Number").FillAsync("15/KH-UBND");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync("Đã thêm văn bản 15/KH-UBND");
            var row = page.Locator("#legal-documents tbody tr", new() { HasText = "15/KH-UBND" });
            await Expect(row).ToContainTextAsync("Còn hiệu lực");

            await row.GetByRole(AriaRole.Link, new() { Name = "Sửa 15/KH-UBND" }).ClickAsync();
            await Expect(page.Locator("#document-form h2")).ToHaveTextAsync("Sửa văn bản 15/KH-UBND");
            await page.Locator("#Input_SupersededBy").FillAsync("10/2022/QH15");
            await page.Locator("#Input_SupersededFrom").FillAsync("01/02/2025");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
            await Expect(page.Locator("#legal-documents tbody tr", new() { HasText = "15/KH-UBND" })).ToContainTextAsync("Hết hiệu lực từ 01/02/2025, thay bằng 10/2022/QH15");
            await _shots.TakeAsync(page, "replaced");

            page = await NewPageAsync();
            await LogInAsync(page, "cb.e2evb");
            await page.GotoAsync($"/reports/{reportId}");
            var cited = page.Locator("#cited-documents");
            await Expect(cited).ToContainTextAsync("Hết hiệu lực từ 01/07/2023, thay bằng 10/2022/QH15");
            await Expect(cited.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(cited.Locator("tbody tr").Nth(1)).ToContainTextAsync("Hết hiệu lực từ 01/02/2025, thay bằng 10/2022/QH15");
            await cited.ScrollIntoViewIfNeededAsync();
            await _shots.TakeAsync(page, "report");
            await PhoneAsync(page, "report-phone");
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

    private static async Task FillAsync(IPage page, string number, string type)
    {
        await page.Locator("#Input_Number").FillAsync(number);
        await page.Locator("#Input_Type").SelectOptionAsync(type);
        await page.Locator("#Input_Title").FillAsync("Thực hiện công tác dân vận chính quyền năm 2025");
        await page.Locator("#Input_IssuedOn").FillAsync("10/01/2025");
        await page.Locator("#Input_Issuer").FillAsync("Ủy ban nhân dân tỉnh Quảng Ngãi");
        await page.Locator("#Input_Source").FillAsync("Công báo tỉnh Quảng Ngãi số 3/2025");
    }

    private async Task PhoneAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: the page scrolls sideways on a phone.");
        await _shots.TakeAsync(page, name);
        await page.SetViewportSizeAsync(1280, 900);
    }
}
