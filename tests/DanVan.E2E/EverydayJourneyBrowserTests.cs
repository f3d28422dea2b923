using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Issue 16.2–3 in Chromium: a commune's staff type a percentage the two ways Vietnamese users do and see 95,5 %, and
/// search with no stray error line, each filter's label on its own control, and a second page; at 1366 px and 390 px.
/// </summary>
public sealed class EverydayJourneyBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Rate = "Tỷ lệ giải quyết đơn thư";

    private sealed record World(string Tag, int Commune, string Staff, int ReportId);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await App.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Hành Trình", UnitKind.Province);
        var snv = await App.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Hành Trình", UnitKind.Department, province, province);
        var commune = await App.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Hành Trình", UnitKind.Commune, province);
        await App.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        await App.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        var consolidator = await App.ActorAsync($"snv.{tag}");
        var staff = await App.ActorAsync($"canbo.{tag}");
        await App.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "156/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Thực hiện công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures = [new(Rate, "%", FigureKind.DecimalNumber, Rollup.Mean), new("Số cuộc đối thoại với Nhân dân", "cuộc", FigureKind.WholeNumber, Rollup.Sum)],
            },
            consolidator));
        var reportId = await App.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
        return new World(tag, commune, $"canbo.{tag}", reportId);
    }

    [Fact]
    public async Task Staff_TypesPercentWithCommaThenDot_Sees95Comma5_AndAnOutOfRangeValueIsRefusedWithTheReason()
    {
        var w = await ArrangeAsync();
        var shots = new Screenshots("figures-");
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, w.Staff);
            foreach (var typed in new[] { "95,5", "95.5" })
            {
                await page.GotoAsync($"/reports/{w.ReportId}/figures");
                await page.GetByLabel(Rate, new() { Exact = true }).FillAsync(typed);
                await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();

                var row = page.Locator("table.grid tbody tr", new() { HasText = Rate });
                await Expect(row.Locator("td.num")).ToHaveTextAsync("95,5");
                await Expect(row.Locator("td").Last).ToHaveTextAsync("%");
                await shots.TakeAsync(page, $"saved-{(typed.Contains(',', StringComparison.Ordinal) ? "comma" : "dot")}");
            }

            await page.GotoAsync($"/reports/{w.ReportId}/figures");
            await Expect(page.GetByLabel(Rate, new() { Exact = true })).ToHaveValueAsync("95,5");
            await page.GetByLabel(Rate, new() { Exact = true }).FillAsync("955");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
            await Expect(page.Locator("#figures-form .errors")).ToContainTextAsync($"{Rate}: \"955\" không phải là tỷ lệ phần trăm: nhập từ 0 đến 100");
            await Expect(page.GetByLabel(Rate, new() { Exact = true })).ToHaveValueAsync("955");
            await shots.TakeAsync(page, "refused-1366");
            await page.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(page, "refused-390");
            await page.SetViewportSizeAsync(1366, 768);
        }
        catch
        {
            await shots.TakeAsync(page, "failed");
            throw;
        }
    }

    [Fact]
    public async Task Staff_Searches_NoErrorLine_LabelsAboveTheirControls_PageTwo_AtLaptopAndPhoneWidths()
    {
        var w = await ArrangeAsync();
        foreach (var period in new[] { "2024-Q2", "2024-Q3", "2024-Q4" })
        {
            await WriteEverySectionAsync(w.Commune, period, $"Đối thoại với Nhân dân ở thôn Kon{w.Tag}.");
        }

        var shots = new Screenshots("search-");
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, w.Staff);
            foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync("/search");
                await page.Locator("#q").FillAsync($"kon{w.Tag}");
                await page.Locator("#q").PressAsync("Enter");

                await Expect(page.Locator(".pager")).ToContainTextAsync("Trang 1/");
                await Expect(page.Locator(".searchform .errors")).ToBeHiddenAsync();
                await AssertLabelsAboveTheirControlsAsync(page);
                await AssertNoSidewaysScrollAsync(page, width);
                await shots.TakeAsync(page, $"page1-{width}");

                await page.GetByRole(AriaRole.Link, new() { Name = "Trang sau" }).ClickAsync();
                await Expect(page.Locator(".pager")).ToContainTextAsync("Trang 2/");
                await Expect(page.Locator(".searchresults li").First).ToBeVisibleAsync();
                await Expect(page.Locator(".searchform .errors")).ToBeHiddenAsync();
                await Expect(page.Locator("#q")).ToHaveValueAsync($"kon{w.Tag}");
                await shots.TakeAsync(page, $"page2-{width}");
            }
        }
        catch
        {
            await shots.TakeAsync(page, "failed");
            throw;
        }
    }

    /// <summary>Each filter's label sits right above its own control, left edges aligned, whatever the width.</summary>
    private static async Task AssertLabelsAboveTheirControlsAsync(IPage page)
    {
        var labels = page.Locator(".filters label[for]");
        var count = await labels.CountAsync();
        Assert.Equal(7, count);
        for (var i = 0; i < count; i++)
        {
            var label = labels.Nth(i);
            var control = page.Locator("#" + await label.GetAttributeAsync("for"));
            var l = (await label.BoundingBoxAsync())!;
            var c = (await control.BoundingBoxAsync())!;
            var text = await label.InnerTextAsync();
            Assert.True(Math.Abs(l.X - c.X) < 2, $"\"{text}\" starts at x={l.X}, its control at x={c.X}");
            Assert.True(c.Y >= l.Y + l.Height - 1 && c.Y - (l.Y + l.Height) < 12, $"\"{text}\" ends at y={l.Y + l.Height}, its control starts at y={c.Y}");
        }
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, int width)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The search page scrolls sideways at {width} px: scrollWidth {widths[0]} > clientWidth {widths[1]}");
    }

    private Task<int> WriteEverySectionAsync(int unitId, string period, string text) => App.WithServicesAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var staff = DanVanWebFactory.SystemAdmin(unitId) with { Roles = new HashSet<string> { Roles.Staff } };
        var id = await reports.CreateAsync(new CreateReport { Period = period }, staff);
        var sections = (await reports.GetAsync(id, staff)).Sections;
        foreach (var section in sections)
        {
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = section.Key, Text = $"{section.Heading}: {text}", ExpectedVersion = section.Version }, staff);
        }

        return sections.Count;
    });
}
