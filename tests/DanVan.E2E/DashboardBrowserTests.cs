using DanVan.Core.Demo;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>The completeness dashboard in headless Chromium on a generated province: numbers, bars, the chart, a drill-down.</summary>
public sealed class DashboardBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("dashboard-");
    [Fact]
    public async Task Dashboard_GeneratedProvince_NumbersChartAndDrillDown()
    {
        var made = await App.WithServicesAsync(sp => sp.GetRequiredService<SyntheticData>().GenerateAsync(
            new GenerateOptions { Communes = 40, Departments = 12, Periods = 12, Seed = 11, FullText = false, Password = DanVanWebFactory.Password }));
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
