using System.Text.RegularExpressions;
using DanVan.Core.Demo;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The demo's Quảng Ngãi consolidator reads the dashboard as of 30/06/2025 — huyện Trà Bồng with its communes, the day
/// before the arrangement, a record of that day without today's actions — then as of today, on a desktop and a 390 px phone.
/// </summary>
public sealed partial class AsOfBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("as-of-");

    [Fact]
    public async Task Dashboard_QuangNgaiConsolidator_AsOfTheDayBeforeTheMerger_ThenToday()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var page = await NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(1280, 900);
            await LogInAsync(page, "snv.quangngai");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Theo dõi gửi báo cáo");

            await page.Locator("#on").FillAsync("30/06/2025");
            await page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(OnThirtiethOfJune());
            await Expect(page.Locator("#as-of")).ToContainTextAsync("Đang xem theo ngày 30/06/2025.");
            // A record of that day: nothing that would act on today's data is offered.
            await Expect(page.Locator("#nudge, #consolidate-form, #bulk-import-box, main form[method='post']")).ToHaveCountAsync(0);
            await Expect(page.Locator("#on")).ToHaveValueAsync("30/06/2025");
            // The form kept today's period, not begun on 30/06/2025: the quarter under way then, with huyện Trà Bồng.
            await Expect(page.Locator("#period option[selected]")).ToHaveAttributeAsync("value", "2025-Q3");
            await Expect(page.Locator("#completeness")).ToContainTextAsync("huyện Trà Bồng");
            await _shots.TakeAsync(page, "30-06-2025");
            await page.SetViewportSizeAsync(390, 844);
            await _shots.TakeAsync(page, "30-06-2025-390");
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The day's dashboard scrolls sideways on a phone.");

            await page.SetViewportSizeAsync(1280, 900);
            await page.Locator("#as-of a").ClickAsync();
            await Expect(page.Locator("#as-of")).ToHaveCountAsync(0);
            await Expect(page.Locator("#on")).ToHaveValueAsync("");
            await Expect(page.Locator("#completeness")).Not.ToContainTextAsync("huyện Trà Bồng");
            await Expect(page.Locator("#completeness")).ToContainTextAsync("Trà Tân");
            await Expect(page.Locator("#consolidate-form")).ToBeVisibleAsync();
            await _shots.TakeAsync(page, "today");
            await page.SetViewportSizeAsync(390, 844);
            await _shots.TakeAsync(page, "today-390");

            // The reports list of that day: huyện Trà Bồng's communes under their names then, no bulk acceptance.
            await page.SetViewportSizeAsync(1280, 900);
            await page.GotoAsync("/reports?on=30%2F06%2F2025");
            await Expect(page.Locator("#as-of")).ToContainTextAsync("Đang xem theo ngày 30/06/2025.");
            await Expect(page.Locator("#bulk-accept, input[name='Selected']")).ToHaveCountAsync(0);
            await _shots.TakeAsync(page, "reports-30-06-2025");
            await page.SetViewportSizeAsync(390, 844);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The day's reports list scrolls sideways on a phone.");
            await _shots.TakeAsync(page, "reports-30-06-2025-390");
        }
        catch
        {
            await _shots.TakeAsync(page, "failed");
            throw;
        }
    }

    [GeneratedRegex("on=30%2F06%2F2025")]
    private static partial Regex OnThirtiethOfJune();
}
