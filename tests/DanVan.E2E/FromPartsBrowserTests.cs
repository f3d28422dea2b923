using System.Text.RegularExpressions;
using DanVan.Core.Demo;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Issue 20.5 on the demo, as Trà Tân's clerk: the 6-month report is offered with the quarter reports it starts
/// from, the box "Bắt đầu từ các báo cáo kỳ nhỏ hơn" is ticked, and the new report says what it was drafted from,
/// with links to those reports — at 1280 px and on a 390 px phone, without scrolling sideways.
/// </summary>
public sealed partial class FromPartsBrowserTests(KestrelApp app) : BrowserTest(app)
{
    [Fact]
    public async Task CommuneClerk_StartsHalfYearReportFromItsQuarters_MarkedWithLinks_AtBothWidths()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var shots = new Screenshots("from-parts-");
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url} | {message.Text}");
            }
        };
        await LogInAsync(page, "tratan.canbo");
        await page.GotoAsync("/reports");

        // The demo's last quarter always falls in the current or the last half-year.
        var offered = await page.Locator("#from-parts-list").InnerTextAsync();
        var half = HalfFromQuarters().Match(offered);
        Assert.True(half.Success, offered);
        var period = $"{half.Groups["year"].Value}-H{(half.Groups["half"].Value == "đầu" ? 1 : 2)}";
        Assert.StartsWith(half.Groups[0].Value[..^5], await page.Locator($"#new-report option[value='{period}']").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#new-report select[name='Input.Period']").SelectOptionAsync(period!);
        await Expect(page.GetByLabel("Bắt đầu từ các báo cáo kỳ nhỏ hơn")).ToBeCheckedAsync();
        await BothWidthsAsync(page, shots, "reports");

        await page.Locator("#new-report").GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/reports/\d+$"));
        var mark = page.Locator("#drafted-from");
        await Expect(mark).ToContainTextAsync(new Regex(@"Dự thảo từ báo cáo\s+Quý [IV]+.*năm \d{4} — hãy rà soát trước khi gửi\."));
        await Expect(page.Locator("[id='section-I.6']")).ToContainTextAsync(new Regex(@"Quý [IV]+: Tổ chức 6 buổi tiếp công dân"));
        await BothWidthsAsync(page, shots, "half-year-report");

        var part = mark.Locator("a").First;
        var href = await part.GetAttributeAsync("href");
        await part.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));
        await Expect(page.Locator(".subtitle")).ToContainTextAsync("Quý");
        Assert.Empty(errors);
    }

    private static async Task BothWidthsAsync(IPage page, Screenshots shots, string name)
    {
        await shots.TakeAsync(page, name + "-1280");
        await page.SetViewportSizeAsync(390, 844);
        await shots.TakeAsync(page, name + "-390");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        await page.SetViewportSizeAsync(1280, 900);
        Assert.True(widths[0] <= widths[1], $"{name}: the page scrolls sideways at 390 px ({widths[0]} > {widths[1]})");
    }

    [GeneratedRegex(@"6 tháng (?<half>đầu|cuối) năm (?<year>\d{4}) \(Quý")]
    private static partial Regex HalfFromQuarters();
}
