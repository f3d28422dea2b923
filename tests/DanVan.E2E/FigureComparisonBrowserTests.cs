using DanVan.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Issue 20.3 / 19.3 / 20.4 in Chromium: a commune formed by the merger of 1/7/2025 sees its figures beside its
/// predecessors' summed, and charted over 12 quarters; the consolidator the scope's, also by unit. The seven-column
/// table stacks into cards at 390 px and the charts shrink with the page, neither overflowing.
/// </summary>
public sealed class FigureComparisonBrowserTests(KestrelApp app) : BrowserTest(app)
{
    [Fact]
    public async Task FiguresPage_ComparisonAndChartsAcrossTheMerger_ReadableAt1366And390()
    {
        var w = await MergedCommunes.ArrangeAsync(App);
        var shots = new Screenshots("comparison-");
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
            await LogInAsync(page, w.Staff);
            await page.SetViewportSizeAsync(1366, 900);
            await page.GotoAsync($"/reports/{w.Report}/figures");
            var citizens = page.Locator("#figures-comparison tr[data-code='1']");
            await Expect(citizens.Locator("[data-base='previous']")).ToHaveTextAsync("100");
            await Expect(citizens.Locator("[data-change='previous']")).ToContainTextAsync("+12 (+12 %)");
            await Expect(citizens.Locator("[data-change='last-year']")).ToContainTextAsync("Không so sánh được");
            await page.Locator("#comparison").ScrollIntoViewIfNeededAsync();
            await shots.TakeAsync(page, "figures-1366");
            var chart = page.Locator("#charts figure[data-code='1']");
            await Expect(chart.Locator("svg.figure-chart rect")).ToHaveCountAsync(2);
            await Expect(chart.Locator("table.chart-numbers tbody tr").Last).ToContainTextAsync("112");

            await page.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(page, "figures-390");
            await Expect(chart.Locator("svg.figure-chart")).ToBeVisibleAsync();
            var smallest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('#charts svg text')].map(t => t.getBoundingClientRect().height))");
            Assert.True(smallest >= 8, $"The charts' smallest label is {smallest:0.0} px high on a phone.");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The figures page scrolls sideways on a phone.");
            Assert.True(await page.EvaluateAsync<bool>("(() => { const t = document.querySelector('#figures-comparison'); return t.scrollWidth <= t.parentElement.clientWidth; })()"), "The comparison table overflows on a phone.");
            await Expect(citizens.Locator("[data-change='previous']")).ToBeVisibleAsync();

            var consolidator = await NewPageAsync();
            await LogInAsync(consolidator, w.Consolidator);
            await consolidator.SetViewportSizeAsync(1366, 900);
            await consolidator.GotoAsync($"/consolidation?plan={w.Plan}&period=2025-Q3");
            await Expect(consolidator.Locator("#dashboard-comparison tr[data-code='1'] [data-base='previous']")).ToHaveTextAsync("100");
            await consolidator.Locator("#scope-comparison").ScrollIntoViewIfNeededAsync();
            await consolidator.Locator("#scope-charts-link a").ClickAsync();
            await Expect(consolidator.Locator("#scope-charts figure[data-code='1'] svg.figure-chart")).ToHaveCountAsync(2);
            await shots.TakeAsync(consolidator, "dashboard-1366", from: consolidator.Locator("#scope-comparison"));
            await consolidator.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(consolidator, "dashboard-390", from: consolidator.Locator("#scope-comparison"));
            Assert.True(await consolidator.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard scrolls sideways on a phone.");
            Assert.Empty(errors);
            Assert.True(await consolidator.EvaluateAsync<bool>("(() => { const t = document.querySelector('#dashboard-comparison'); return t.scrollWidth <= t.parentElement.clientWidth; })()"), "The dashboard's comparison overflows on a phone.");
        }
        catch
        {
            await shots.TakeAsync(page, "failed");
            throw;
        }
    }
}
