using DanVan.Core.Demo;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The consolidated report as Sở Nội vụ drafts it, in headless Chromium on a generated province: the button on the
/// dashboard, the synthesis with its figures added up, each paragraph's sources and quantities; at desktop width and on
/// a 390 px phone.
/// </summary>
public sealed class ConsolidationBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("consolidation-");

    [Fact]
    public async Task Draft_GeneratedProvince_AddedUpFactsWithTheirSourcesOnDesktopAndPhone()
    {
        var made = await App.WithServicesAsync(sp => sp.GetRequiredService<SyntheticData>().GenerateAsync(
            new GenerateOptions { Communes = 36, Departments = 8, Periods = 1, Seed = 21, Password = DanVanWebFactory.Password }));
        var province = made.Provinces.Single();
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, province.User!);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Theo dõi gửi báo cáo");
            await page.Locator("#consolidate").ClickAsync();

            await Expect(page.Locator("h1")).ToHaveTextAsync("Báo cáo tổng hợp");
            await Expect(page.Locator(".errors").Filter(new() { HasTextString = "lỗi" })).ToHaveCountAsync(0);
            // Periods in words, the next period named, no line per unit: the tasks and the added-up facts.
            await Expect(page.Locator(".subtitle")).ToContainTextAsync("Tháng 12 năm 2025");
            await Expect(page.Locator("#section-III h2")).ToHaveTextAsync("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 01 NĂM 2026");
            var reception = page.Locator("#section-I\\.6 > p").Filter(new() { HasTextString = "tổ chức tiếp công dân, tổng cộng" });
            await Expect(reception).ToHaveCountAsync(1);
            await _shots.TakeAsync(page, "draft");

            var sources = page.Locator("#section-I\\.6 details.sources[data-kind='aggregate']").First;
            await sources.Locator("summary").ClickAsync();
            await Expect(sources.Locator("p.quantity").First).ToContainTextAsync("= tổng của");
            await Expect(sources.Locator("li a").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/reports/\\d+$"));
            await Expect(sources.Locator("li q").First).ToBeVisibleAsync();
            await _shots.TakeAsync(page, "sources");

            // The figures appendix as a workbook, from the same page.
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#draft-figures-xlsx").ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            var rows = Core.Spreadsheets.Xlsx.ReadFirstSheet(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())));
            Assert.Contains(rows, r => r[3].StartsWith("Tổng cộng tháng 12 năm 2025", StringComparison.Ordinal));

            await page.SetViewportSizeAsync(390, 844);
            await Expect(page.Locator("#section-I\\.6 h2")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The draft page scrolls sideways on a phone.");
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await _shots.TakeAsync(page, "draft-phone");
            await page.SetViewportSizeAsync(1280, 900);
        }
        catch
        {
            await _shots.TakeAsync(page, "failed");
            throw;
        }
    }
}
