using DanVan.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Issue 20.3 / 19.3 in Chromium: a commune formed by the merger of 1/7/2025 sees its figures beside its predecessors'
/// summed, and the consolidator the scope's; the seven-column table stacks into cards at 390 px without overflowing.
/// </summary>
public sealed class FigureComparisonBrowserTests(KestrelApp app) : BrowserTest(app)
{
    [Fact]
    public async Task FiguresPage_ComparisonAcrossTheMerger_ReadableAt1280And390()
    {
        var w = await MergedCommunes.ArrangeAsync(App);
        var shots = new Screenshots("comparison-");
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, w.Staff);
            await page.SetViewportSizeAsync(1280, 900);
            await page.GotoAsync($"/reports/{w.Report}/figures");
            var citizens = page.Locator("#figures-comparison tr[data-code='1']");
            await Expect(citizens.Locator("[data-base='previous']")).ToHaveTextAsync("100");
            await Expect(citizens.Locator("[data-change='previous']")).ToContainTextAsync("+12 (+12 %)");
            await Expect(citizens.Locator("[data-change='last-year']")).ToContainTextAsync("Không so sánh được");
            await page.Locator("#comparison").ScrollIntoViewIfNeededAsync();
            await shots.TakeAsync(page, "figures-1280");

            await page.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(page, "figures-390");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The figures page scrolls sideways on a phone.");
            Assert.True(await page.EvaluateAsync<bool>("(() => { const t = document.querySelector('#figures-comparison'); return t.scrollWidth <= t.parentElement.clientWidth; })()"), "The comparison table overflows on a phone.");
            await Expect(citizens.Locator("[data-change='previous']")).ToBeVisibleAsync();

            var consolidator = await NewPageAsync();
            await LogInAsync(consolidator, w.Consolidator);
            await consolidator.SetViewportSizeAsync(1280, 900);
            await consolidator.GotoAsync($"/consolidation?plan={w.Plan}&period=2025-Q3");
            await Expect(consolidator.Locator("#dashboard-comparison tr[data-code='1'] [data-base='previous']")).ToHaveTextAsync("100");
            await consolidator.Locator("#scope-comparison").ScrollIntoViewIfNeededAsync();
            await shots.TakeAsync(consolidator, "dashboard-1280");
            await consolidator.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(consolidator, "dashboard-390");
            Assert.True(await consolidator.EvaluateAsync<bool>("(() => { const t = document.querySelector('#dashboard-comparison'); return t.scrollWidth <= t.parentElement.clientWidth; })()"), "The dashboard's comparison overflows on a phone.");
        }
        catch
        {
            await shots.TakeAsync(page, "failed");
            throw;
        }
    }
}
