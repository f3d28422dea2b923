using DanVan.Core.Demo;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The completeness dashboard in headless Chromium on a generated province: numbers, bars, the chart, the table a page at
/// a time and filtered, the figures fetched after the page, a drill-down.
/// </summary>
public sealed class DashboardBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("dashboard-");
    [Fact]
    public async Task Dashboard_GeneratedProvince_NumbersChartAndDrillDown()
    {
        var made = await App.WithServicesAsync(sp => sp.GetRequiredService<SyntheticData>().GenerateAsync(
            new GenerateOptions { Communes = 110, Departments = 12, Periods = 12, Seed = 11, FullText = false, Password = DanVanWebFactory.Password }));
        var province = made.Provinces.Single();
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, province.User!);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Theo dõi gửi báo cáo");

            await Expect(page.Locator("#period option[selected]")).ToHaveAttributeAsync("value", "2025-12");
            await Expect(page.Locator("#stat-expected")).ToHaveTextAsync(province.Units.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("svg#rate-chart g")).ToHaveCountAsync(5 + 12); // gridlines and one column per period
            await Expect(page.Locator("svg#rate-chart")).ToBeVisibleAsync();
            await Expect(page.Locator("#levels tbody tr").First).ToBeVisibleAsync();
            await _shots.TakeAsync(page, "province");

            // 122 units under the province: a hundred a page; the figures arrive after the table.
            await Expect(page.Locator("#completeness tbody tr")).ToHaveCountAsync(100);
            await Expect(page.Locator("#rows-pager")).ToContainTextAsync("Trang 1/2");
            await Expect(page.Locator("#scope-comparison")).ToBeVisibleAsync();
            await Expect(page.Locator("#scope-figures")).ToHaveCountAsync(0);
            await page.Locator("#row-filter a[data-filter='Unsent']").ClickAsync();
            await Expect(page.Locator("#row-filter a[aria-current='page']")).ToHaveAttributeAsync("data-filter", "Unsent");
            var unsent = await page.Locator("#completeness tbody tr").CountAsync();
            Assert.InRange(unsent, 1, 99);
            await _shots.TakeAsync(page, "unsent", from: page.Locator("#row-filter"));
            await page.SetViewportSizeAsync(390, 844);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard scrolls sideways on a phone.");
            await _shots.TakeAsync(page, "unsent-390", from: page.Locator("#row-filter"));
            await page.SetViewportSizeAsync(1366, 900);

            await page.Locator("#completeness a.drill").First.ClickAsync();
            await Expect(page.Locator("#crumbs a")).ToHaveCountAsync(1);
            await Expect(page.Locator("#completeness tbody tr").First).ToBeVisibleAsync();
            await _shots.TakeAsync(page, "department");
        }
        catch
        {
            await _shots.TakeAsync(page, "failed");
            throw;
        }
    }
}
