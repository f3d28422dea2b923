using DanVan.Core.Demo;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The demo's Quảng Ngãi consolidator opens xã Trà Tân from the reports list: Trà Bùi's reports from before the merger
/// of 01/07/2025 under its own name, and who reported each period, on a desktop and a 390 px phone; then Trà Bùi's own
/// page from one of its reports.
/// </summary>
public sealed class UnitPageBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("unit-page-");

    [Fact]
    public async Task UnitPage_QuangNgaiConsolidator_TraTanWithTraBuisReportsAndWhoReportedBeforeTheMerger()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        try
        {
            await page.SetViewportSizeAsync(1366, 900);
            await LogInAsync(page, "snv.quangngai");
            await page.GotoAsync("/reports");
            await page.Locator("#reports a[href^='/units/']", new() { HasText = "Trà Tân" }).First.ClickAsync();

            await Expect(page.Locator("h1")).ToHaveTextAsync("Ủy ban nhân dân xã Trà Tân");
            var traBui = page.Locator("#predecessors article[data-unit='QNG-TRABUI']");
            await Expect(traBui.Locator("h3")).ToContainTextAsync("Ủy ban nhân dân xã Trà Bùi");
            await Expect(traBui.Locator(".event")).ToContainTextAsync("Sáp nhập ngày 01/07/2025");
            await Expect(traBui.Locator("tr[data-report]")).ToHaveCountAsync(2);
            await Expect(page.Locator("#completeness .reported-before")).ToHaveTextAsync("Trước ngày 01/07/2025: do Ủy ban nhân dân xã Trà Tân, Ủy ban nhân dân xã Trà Bùi báo cáo.");
            await Expect(page.Locator("#history tr[data-period='2025-Q2']")).ToHaveCountAsync(2);
            await _shots.TakeAsync(page, "tra-tan");

            await page.SetViewportSizeAsync(390, 844);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The unit page overflows on a phone.");
            await _shots.TakeAsync(page, "tra-tan-390");

            // From one of Trà Bùi's reports, back to the unit that sent it.
            await page.SetViewportSizeAsync(1366, 900);
            await traBui.Locator("tr[data-report] a").First.ClickAsync();
            await page.Locator("#unit-link").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Ủy ban nhân dân xã Trà Bùi");
            await Expect(page.Locator("#completeness .reported-before")).ToHaveCountAsync(0);
            Assert.Empty(errors);
        }
        catch
        {
            await _shots.TakeAsync(page, "failed");
            throw;
        }
    }
}
