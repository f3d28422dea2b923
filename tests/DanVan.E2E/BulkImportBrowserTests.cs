using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.E2E;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// "Nhập báo cáo các đơn vị gửi bằng file Word" in headless Chromium: the consolidator opens the box on the dashboard,
/// chooses three files (two units' reports and a damaged file) and "Đã gửi", reads a result per file, and finds the
/// units counted as sent on the dashboard and the original with the report; at desktop width and on a 390 px phone.
/// </summary>
public sealed class BulkImportBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("bulk-import-");

    [Fact]
    public async Task BulkImport_ThreeFilesAsSent_ResultPerFileDashboardCountsThem()
    {
        var province = await App.AddUnitAsync("E2E-BULK-TINH", "Ủy ban nhân dân tỉnh Thử Nhập", UnitKind.Province);
        var snv = await App.AddUnitAsync("E2E-BULK-SNV", "Sở Nội vụ tỉnh Thử Nhập", UnitKind.Department, province, province);
        await App.AddUnitAsync("E2E-BULK-ANBINH", "Ủy ban nhân dân xã An Bình", UnitKind.Commune, province);
        await App.AddUnitAsync("E2E-BULK-HOAPHU", "Ủy ban nhân dân xã Hòa Phú", UnitKind.Commune, province);
        await App.AddUserAsync("snv.e2ebulk", snv, Roles.Consolidator, "Lê Văn Tổng");
        var planId = await App.WithServicesAsync(async sp => await sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2024, 12, 21)) with
            {
                Number = "42/KH-UBND",
                Summary = "Công tác dân vận chính quyền năm 2025",
                PeriodType = PeriodType.Month,
                FirstPeriod = "2025-01",
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                LockAfterDays = null,
            },
            await App.ActorAsync("snv.e2ebulk")));
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, "snv.e2ebulk");
            await RunFlowAsync(page, planId);
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

    private async Task RunFlowAsync(IPage page, int planId)
    {
        await page.GotoAsync($"/consolidation?plan={planId}&period=2025-03");
        await Expect(page.Locator("#stat-submitted")).ToHaveTextAsync("0/2");
        await Expect(page.Locator("#bulk-files")).Not.ToBeVisibleAsync();
        await page.GetByText("Nhập báo cáo các đơn vị gửi bằng file Word").ClickAsync();
        await page.Locator("#bulk-files").SetInputFilesAsync([Fixtures.Import("bulk/an-binh.docx"), Fixtures.Import("bulk/hoa-phu.docx"), Fixtures.Import("truncated.docx")]);
        await page.Locator("#bulk-status").SelectOptionAsync(new SelectOptionValue { Label = "Đã gửi — vào ngày ghi trên văn bản" });
        await _shots.TakeAsync(page, "form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập các tệp", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Nhập báo cáo các đơn vị gửi bằng file Word");
        var rows = page.Locator("#import-results tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("#count-created")).ToHaveTextAsync("2");
        await Expect(page.Locator("#count-failed")).ToHaveTextAsync("1");
        await Expect(rows.Nth(2)).ToContainTextAsync("Tệp .docx bị hỏng");
        await _shots.TakeAsync(page, "result");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(rows.Nth(0).Locator("td").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The result page scrolls sideways on a phone.");
        await _shots.TakeAsync(page, "result-phone");
        await page.SetViewportSizeAsync(1280, 900);

        // The report: sent on the date of its header, the original with it.
        await rows.Nth(0).GetByRole(AriaRole.Link, new() { Name = "Ủy ban nhân dân xã An Bình" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ủy ban nhân dân xã An Bình");
        await Expect(page.Locator("body")).ToContainTextAsync("17/03/2025");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "an-binh.docx" })).ToBeVisibleAsync();

        await page.GotoAsync($"/consolidation?plan={planId}&period=2025-03");
        await Expect(page.Locator("#stat-submitted")).ToHaveTextAsync("2/2");
        await Expect(page.Locator("#stat-ontime")).ToHaveTextAsync("1");
        await Expect(page.Locator("#stat-late")).ToHaveTextAsync("1");
        await _shots.TakeAsync(page, "dashboard");
        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }
}
