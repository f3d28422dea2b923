using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Spreadsheets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Issue 20.2 in Chromium: a unit downloads its figures template, uploads it with a mistake and sees the cell named,
/// uploads it right and sees the figures saved; the consolidator downloads all units' figures from the dashboard.
/// At 1366 px and 390 px.
/// </summary>
[LongJourney]
public sealed class FigureWorkbookBrowserTests(KestrelApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Staff_DownloadsTemplate_UploadRefusedNamingTheCell_ThenSaved_ConsolidatorDownloadsUnitsFigures()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await App.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Bảng Tính", UnitKind.Province);
        var snv = await App.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Bảng Tính", UnitKind.Department, province, province);
        var commune = await App.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Bảng Tính", UnitKind.Commune, province);
        await App.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        await App.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        var planId = await App.WithServicesAsync(async sp => await sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "159/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Số liệu công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures =
                [
                    new("Tiếp nhận, giải quyết đơn thư", null, FigureKind.Heading, Rollup.None, Code: "1"),
                    new("Số đơn thư tiếp nhận", "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "1.1"),
                    new("Số đơn thư đã giải quyết", "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "1.2"),
                    new("Tỷ lệ đơn thư đã giải quyết", "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "1.3", Formula: "[1.2] / [1.1] × 100", Target: 90),
                ],
            },
            await App.ActorAsync($"snv.{tag}")));
        var reportId = await App.WithServicesAsync(async sp => await sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, await App.ActorAsync($"canbo.{tag}")));
        var shots = new Screenshots("figures-excel-");
        var page = await NewPageAsync();
        await LogInAsync(page, $"canbo.{tag}");
        await page.GotoAsync($"/reports/{reportId}/figures");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#figures-template").ClickAsync());
        var template = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var rows = Xlsx.ReadFirstSheet(new MemoryStream(template));
        Assert.Equal("Số đơn thư tiếp nhận", rows.Single(r => r[0] == "1.1")[1].Trim());
        var folder = Directory.CreateTempSubdirectory("danvan-e2e-xlsx").FullName;
        var bad = Path.Combine(folder, "so-lieu-sai.xlsx");
        var good = Path.Combine(folder, "so-lieu.xlsx");
        await File.WriteAllBytesAsync(bad, Filled(rows, new() { ["1.1"] = "mười", ["1.2"] = "9" }));
        await File.WriteAllBytesAsync(good, Filled(rows, new() { ["1.1"] = "12", ["1.2"] = "9" }));

        await page.Locator("#workbook").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên số liệu" }).ClickAsync();
        await Expect(page.Locator("#upload-errors li[data-cell='C8']")).ToContainTextAsync("C8 (1.1. Số đơn thư tiếp nhận): \"mười\" không phải là số nguyên");
        await shots.TakeAsync(page, "upload-error-1366");
        await page.SetViewportSizeAsync(390, 844);
        await shots.TakeAsync(page, "upload-error-390");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The figures page scrolls sideways on a phone.");

        await page.Locator("#workbook").SetInputFilesAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên số liệu" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã lưu số liệu từ tệp so-lieu.xlsx");
        await shots.TakeAsync(page, "saved-390");
        await page.SetViewportSizeAsync(1366, 768);

        await App.WithServicesAsync(async sp => await sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = reportId, Action = ReportAction.Submit, ExpectedVersion = 1 }, (await App.ActorAsync($"canbo.{tag}")) with { Roles = new HashSet<string> { Roles.Leader } }));
        var consolidator = await NewPageAsync();
        await LogInAsync(consolidator, $"snv.{tag}");
        await consolidator.GotoAsync($"/consolidation?plan={planId}&period=2025-Q1");
        await Expect(consolidator.Locator("#figures-export")).ToBeVisibleAsync();
        await shots.TakeAsync(consolidator, "dashboard-export-1366");
        var export = await consolidator.RunAndWaitForDownloadAsync(() => consolidator.Locator("#figures-export-button").ClickAsync());
        var sheet = Xlsx.ReadFirstSheet(File.OpenRead((await export.PathAsync())!));
        Assert.Contains(sheet, r => r[3] == "Ủy ban nhân dân xã Bảng Tính" && r[5] == "12" && r[7] == "75");
        await consolidator.SetViewportSizeAsync(390, 844);
        await consolidator.Locator("#figures-export").ScrollIntoViewIfNeededAsync();
        await shots.TakeAsync(consolidator, "dashboard-export-390");
    }

    /// <summary>The template's rows with values typed into column C, saved as a plain workbook.</summary>
    private static byte[] Filled(IReadOnlyList<SheetRow> rows, Dictionary<string, string> values) =>
        Xlsx.Write("Số liệu", [new("A", 8), new("B", 40), new("C", 12)], rows.Skip(1).Select(r => (IReadOnlyList<string>)[r[0], r[1], values.GetValueOrDefault(r[0], r[2])]));
}
