using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.E2E;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// The choices of the import preview in Chromium, on a 390 px phone and at 1280 px: staff upload the Word file, send
/// item 1 of the file nowhere ("Bỏ qua"), leave one figure out, confirm, and find exactly that in the report.
/// </summary>
public sealed class ImportChoicesBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Staff = "canbo.chon";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task ImportPreview_TargetSkippedAndFigureUnticked_ReportHasTheRestOnly(int width, int height)
    {
        var tag = $"{width}";
        var province = await App.AddUnitAsync($"E2E-CHON-TINH-{tag}", "Tỉnh Thử Chọn", UnitKind.Province);
        var commune = await App.AddUnitAsync($"E2E-CHON-XA-{tag}", "Ủy ban nhân dân xã Chọn Mục", UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff + tag, commune, Roles.Staff, "Đỗ Thị Chọn");
        var actor = await App.ActorAsync(Staff + tag);
        var reportId = await App.WithServicesAsync(sp => sp.GetRequiredService<DanVan.Core.Reports.ReportService>().CreateAsync(new DanVan.Core.Reports.CreateReport { Period = "2025-Q1" }, actor));
        var shots = new Screenshots($"import-choices-{width}-");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await LogInAsync(page, Staff + tag);

        await page.GotoAsync($"/reports/{reportId}/import");
        await page.Locator("input[name=file]").SetInputFilesAsync(Fixtures.Import("header-table.docx"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước", Exact = true }).ClickAsync();
        await Expect(page.Locator("#recognised")).ToContainTextAsync("15/BC-UBND");
        await Expect(page.Locator("#warnings")).ToContainTextAsync("Không thấy mục chuẩn \"II. Đánh giá chung\" trong tệp.");
        var item1 = page.Locator("#mapping tbody tr").Filter(new() { HasText = "1. Công tác lãnh chỉ đạo" }).Locator("select");
        await Expect(item1).ToHaveValueAsync("I.1");
        await item1.SelectOptionAsync("skip");
        var figures = page.Locator("#found-figures input[type=checkbox]");
        Assert.True(await figures.CountAsync() > 1, "The file's table should give more than one figure.");
        var other = page.Locator("#found-figures input[type=checkbox]:not([aria-label='Số buổi tiếp công dân'])").First;
        var left = await other.GetAttributeAsync("aria-label");
        await other.UncheckAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The import preview scrolls sideways.");
        await shots.TakeAsync(page, "preview-chosen");

        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập vào báo cáo", Exact = true }).ClickAsync();

        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã nhập nội dung từ tệp \"header-table.docx\"");
        await Expect(page.Locator("#section-I\\.1 .empty")).ToHaveTextAsync("(chưa có nội dung)");
        await Expect(page.Locator("#section-I\\.2 .text")).Not.ToBeEmptyAsync();
        await shots.TakeAsync(page, "imported");
        await using var db = App.NewDbContext();
        var names = await db.ReportFigures.Where(f => f.ReportId == reportId).Select(f => f.Name).ToListAsync();
        Assert.Contains("Số buổi tiếp công dân", names);
        Assert.DoesNotContain(left, names);
        Assert.All(shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }
}
