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
[LongJourney]
public sealed class ImportCorrectionsBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Staff = "canbo.sua";

    [Fact]
    public async Task ImportPreview_MoveParagraphAndMarkClosing_ReportHasThem()
    {
        var province = await App.AddUnitAsync("E2E-SUA-TINH", "Tỉnh Thử Sửa Nhập", UnitKind.Province);
        var commune = await App.AddUnitAsync("E2E-SUA-XA", "Ủy ban nhân dân xã Sửa Nhập", UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff, commune, Roles.Staff, "Lê Văn Sửa");
        var actor = await App.ActorAsync(Staff);
        var reportId = await App.WithServicesAsync(sp => sp.GetRequiredService<DanVan.Core.Reports.ReportService>().CreateAsync(new DanVan.Core.Reports.CreateReport { Period = "2025-Q1" }, actor));
        // Made here, not as a field: a field is made for every test of the class, and would delete these pictures.
        var shots = new Screenshots("import-corrections-");
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
        await shots.TakeAsync(page, "preview-corrected");
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The import preview scrolls sideways on a phone.");
        await shots.TakeAsync(page, "preview-corrected-phone");
        await page.SetViewportSizeAsync(1366, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập vào báo cáo", Exact = true }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã nhập nội dung từ tệp");
        await Expect(page.Locator("#section-closing .text")).ToContainTextAsync("8. Phối hợp với ủy ban Mặt trận");
        await Expect(page.Locator("#section-closing .text")).ToContainTextAsync("Trên đây là báo cáo");
        await shots.TakeAsync(page, "imported");
        await page.SetViewportSizeAsync(390, 844);
        await shots.TakeAsync(page, "imported-phone");

        await using var db = App.NewDbContext();
        var sections = await db.ReportSections.Where(s => s.ReportId == reportId).ToListAsync();
        Assert.Single(sections, s => s.Text.Contains("Ủy ban nhân dân xã đã tích cực", StringComparison.Ordinal) && s.Text.StartsWith("UBND xã đã đưa tin tuyên truyền", StringComparison.Ordinal));
        Assert.All(shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }

    /// <summary>
    /// Seed 004 whole, its items as Word lists re-saved by LibreOffice (tratan-lists.docx): the preview lists items 1 to 7
    /// as the file numbers them, and a run-in paragraph of item 3 split off as a section of its own takes the rest of
    /// item 3 with it into the report.
    /// </summary>
    [Fact]
    public async Task ImportPreview_SplitParagraphOffAnItem_ReportHasTheNewSection()
    {
        const string splitter = "canbo.tach";
        var shots = new Screenshots("import-split-");
        var province = await App.AddUnitAsync("E2E-TACH-TINH", "Tỉnh Thử Tách Mục", UnitKind.Province);
        var commune = await App.AddUnitAsync("E2E-TACH-XA", "Ủy ban nhân dân xã Tách Mục", UnitKind.Commune, parentId: province);
        await App.AddUserAsync(splitter, commune, Roles.Staff, "Hồ Thị Tách");
        var actor = await App.ActorAsync(splitter);
        var reportId = await App.WithServicesAsync(sp => sp.GetRequiredService<DanVan.Core.Reports.ReportService>().CreateAsync(new DanVan.Core.Reports.CreateReport { Period = "2025-Q1" }, actor));
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await LogInAsync(page, splitter);

        await page.GotoAsync($"/reports/{reportId}/import");
        await page.Locator("input[name=file]").SetInputFilesAsync(Fixtures.Import("tratan-lists.docx"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước", Exact = true }).ClickAsync();
        var mapping = page.Locator("#mapping tbody tr td:first-child");
        await Expect(mapping.Filter(new() { HasTextRegex = new("^4\\. Tiếp tục tổ chức triển khai") })).ToHaveCountAsync(1);
        await Expect(mapping.Filter(new() { HasTextRegex = new("^7\\. Công tác phối hợp") })).ToHaveCountAsync(1);
        await Expect(page.Locator("#closing-row")).ToContainTextAsync("Trên đây là báo cáo");

        await page.Locator("#corrections summary").ClickAsync();
        await page.Locator("#paragraphs tbody tr").Filter(new() { HasText = "Trong phát triển kinh tế - xã hội:" }).Locator("select")
            .SelectOptionAsync(new SelectOptionValue { Label = "Tách thành mục mới (tên mục: phần trước dấu “:”, hoặc cả đoạn)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Cập nhật xem trước", Exact = true }).ClickAsync();

        // The run-in lead is the new section's heading; its sentence and the rest of item 3 are its text.
        var split = page.Locator("#mapping tbody tr").Filter(new() { Has = page.Locator("td:first-child", new() { HasTextRegex = new("^\\s*Trong phát triển kinh tế - xã hội\\s*$") }) });
        await Expect(split).ToHaveCountAsync(1);
        await Expect(split).ToContainTextAsync("4 đoạn");
        await Expect(split).ToContainTextAsync("Tập trung vận động nhân dân");
        Assert.Equal("", string.Join(" | ", await page.Locator(".errors li").AllTextContentsAsync()));
        await shots.TakeAsync(page, "preview-split");
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The import preview scrolls sideways on a phone.");
        var choice = await split.Locator("select").BoundingBoxAsync();
        Assert.True(choice is { } box && box.X >= 0 && box.X + box.Width <= 390, $"The \"Ghép vào\" choice is out of sight on a phone: {choice?.X} + {choice?.Width}.");
        await shots.TakeAsync(page, "preview-split-phone");
        await page.SetViewportSizeAsync(1366, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập vào báo cáo", Exact = true }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã nhập nội dung từ tệp");
        await shots.TakeAsync(page, "imported");

        await using var db = App.NewDbContext();
        var sections = await db.ReportSections.Where(s => s.ReportId == reportId).OrderBy(s => s.Order).ToListAsync();
        var item3 = Assert.Single(sections, s => s.Heading.StartsWith("3. Chỉ đạo các phong trào thi đua", StringComparison.Ordinal) || s.Text.StartsWith("Ủy ban nhân dân xã đã tích cực", StringComparison.Ordinal));
        var own = Assert.Single(sections, s => s.Heading == "Trong phát triển kinh tế - xã hội");
        Assert.StartsWith("Tập trung vận động nhân dân thực hiện các giải pháp", own.Text, StringComparison.Ordinal);
        Assert.Contains("\nVề lĩnh vực văn hoá", own.Text, StringComparison.Ordinal);
        Assert.True(own.Order > item3.Order, "The split-off section comes after the item it was split from.");
        Assert.DoesNotContain("Về lĩnh vực văn hoá", item3.Text, StringComparison.Ordinal);
        Assert.Single(sections, s => s.Text.StartsWith("Tăng cường chỉ đạo công tác cải cách hành chính", StringComparison.Ordinal));
        Assert.Equal("Trên đây là báo cáo kết quả thực hiện nhiệm vụ công tác dân vận chính quyền quí I, nhiệm vụ quý II năm 2025 của UBND xã Trà Tân./.", sections.Single(s => s.Key == "closing").Text);
    }
}
