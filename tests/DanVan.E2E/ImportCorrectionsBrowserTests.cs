using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.E2E;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// The import preview's corrections in Chromium: staff upload seed 004 as a commune typed it, move a paragraph back to
/// the item it belongs to, mark a task as part of the closing, see the preview updated, confirm and find both in the
/// report; at 1366 px and on a 390 px phone.
/// </summary>
public sealed class ImportCorrectionsBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Staff = "canbo.sua";

    private readonly Screenshots _shots = new("import-corrections-");

    [Fact]
    public async Task ImportPreview_MoveParagraphAndMarkClosing_ReportHasThem()
    {
        var province = await App.AddUnitAsync("E2E-SUA-TINH", "Tỉnh Thử Sửa Nhập", UnitKind.Province);
        var commune = await App.AddUnitAsync("E2E-SUA-XA", "Ủy ban nhân dân xã Sửa Nhập", UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff, commune, Roles.Staff, "Lê Văn Sửa");
        var actor = await App.ActorAsync(Staff);
        var reportId = await App.WithServicesAsync(sp => sp.GetRequiredService<DanVan.Core.Reports.ReportService>().CreateAsync(new DanVan.Core.Reports.CreateReport { Period = "2025-Q1" }, actor));
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await LogInAsync(page, Staff);

        await page.GotoAsync($"/reports/{reportId}/import");
        await page.Locator("input[name=file]").SetInputFilesAsync(Fixtures.Import("tratan-q1.docx"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước", Exact = true }).ClickAsync();
        await Expect(page.Locator("#recognised")).ToContainTextAsync("ỦY BAN NHÂN DÂN XÃ TRÀ TÂN");
        await Expect(page.Locator("#recognised")).ToContainTextAsync("Ủy ban nhân dân huyện Trà Bồng");
        await Expect(page.Locator("#closing-row")).ToContainTextAsync("1 đoạn");

        // Open the corrections, move item 3's first paragraph to item 2, make task 8 part of the closing.
        await page.Locator("#corrections summary").ClickAsync();
        var rows = page.Locator("#paragraphs tbody tr");
        var moved = rows.Filter(new() { HasText = "Ủy ban nhân dân xã đã tích cực" });
        var toItem2 = await moved.Locator("option", new() { HasText = "Chuyển sang: 2. Công tác tuyên truyền" }).GetAttributeAsync("value");
        await moved.Locator("select").SelectOptionAsync(toItem2!);
        await rows.Filter(new() { HasText = "8. Phối hợp với ủy ban Mặt trận" }).Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Phần kết" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật xem trước", Exact = true }).ClickAsync();

        await Expect(page.Locator("#closing-row")).ToContainTextAsync("2 đoạn");
        Assert.True(await page.Locator("#corrections").EvaluateAsync<bool>("d => d.open"), "The corrections are folded away after applying them.");
        await Expect(rows.Filter(new() { HasText = "Ủy ban nhân dân xã đã tích cực" }).Locator("select")).ToHaveValueAsync(toItem2!);
        Assert.Equal("", string.Join(" | ", await page.Locator(".errors li").AllTextContentsAsync()));
        await _shots.TakeAsync(page, "preview-corrected");
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The import preview scrolls sideways on a phone.");
        await _shots.TakeAsync(page, "preview-corrected-phone");
        await page.SetViewportSizeAsync(1366, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập vào báo cáo", Exact = true }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã nhập nội dung từ tệp");
        await Expect(page.Locator("#section-closing .text")).ToContainTextAsync("8. Phối hợp với ủy ban Mặt trận");
        await Expect(page.Locator("#section-closing .text")).ToContainTextAsync("Trên đây là báo cáo");
        await _shots.TakeAsync(page, "imported");
        await page.SetViewportSizeAsync(390, 844);
        await _shots.TakeAsync(page, "imported-phone");

        await using var db = App.NewDbContext();
        var sections = await db.ReportSections.Where(s => s.ReportId == reportId).ToListAsync();
        Assert.Single(sections, s => s.Text.Contains("Ủy ban nhân dân xã đã tích cực", StringComparison.Ordinal) && s.Text.StartsWith("UBND xã đã đưa tin tuyên truyền", StringComparison.Ordinal));
        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }
}
