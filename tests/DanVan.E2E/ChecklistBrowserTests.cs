using DanVan.Core.Demo;
using DanVan.Tests;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The demo commune clerk on a phone, on a fresh demo database: starts the open quarter's report from the list in
/// words, finds last quarter's tasks to answer, answers one with a select as wide as the screen, and finds the
/// answer in the Word file.
/// </summary>
[LongJourney]
public sealed class ChecklistBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private readonly Screenshots _shots = new("checklist-");

    [Fact]
    public async Task DemoClerk_OnAPhone_AnswersLastPeriodsTaskAndFindsItInTheWordFile()
    {
        Assert.True(await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password)));
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        try
        {
            await LogInAsync(page, "tratan.canbo");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Báo cáo");
            var offered = page.Locator("#new-report select[name='Input.Period'] option").First;
            await Expect(offered).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^Quý [IV]+ năm \\d{4} — theo Kế hoạch số 156/KH-UBND"));
            await _shots.TakeAsync(page, "reports");

            await page.Locator("#new-report").GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo", Exact = true }).ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync("Đã lập báo cáo");
            var checklist = page.Locator("#carry-forward");
            await Expect(checklist.Locator("tbody tr")).ToHaveCountAsync(4);
            await Expect(checklist.Locator("tbody tr").First).ToContainTextAsync("Tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân");

            var result = checklist.Locator("select[name='Carry[0].Outcome']");
            var note = checklist.Locator("input[name='Carry[0].Note']");
            var select = await result.BoundingBoxAsync();
            var box = await note.BoundingBoxAsync();
            Assert.True(select!.Width >= 300, $"The result select is {select.Width} px wide at 390 px.");
            Assert.True(box!.Width >= 300, $"The note box is {box.Width} px wide at 390 px.");
            await result.SelectOptionAsync(new SelectOptionValue { Label = "Đã hoàn thành" });
            await note.FillAsync("Đã đối thoại tại 3 thôn, 120 lượt người dự");
            await checklist.ScrollIntoViewIfNeededAsync();
            await _shots.TakeAsync(page, "checklist-answered");
            await checklist.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả", Exact = true }).ClickAsync();
            await Expect(page.Locator("#carry-forward select[name='Carry[0].Outcome']")).ToHaveValueAsync("Done");
            await Expect(page.Locator("#carry-forward input[name='Carry[0].Note']")).ToHaveValueAsync("Đã đối thoại tại 3 thôn, 120 lượt người dự");
            await _shots.TakeAsync(page, "checklist-saved");

            // On a desktop the fields keep a readable width beside the task text.
            await page.SetViewportSizeAsync(1280, 900);
            Assert.True((await result.BoundingBoxAsync())!.Width >= 170, "The result select is narrower than its longest option at 1280 px.");
            Assert.True((await note.BoundingBoxAsync())!.Width >= 220, "The note box is too narrow at 1280 px.");
            await _shots.TakeAsync(page, "checklist-desktop", from: checklist);

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-docx").ClickAsync());
            var path = await download.PathAsync();
            using var docx = WordprocessingDocument.Open(path, false);
            var text = string.Join("\n", docx.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
            Assert.Contains("Kết quả thực hiện nhiệm vụ đề ra trong báo cáo quý", text, StringComparison.Ordinal);
            Assert.Contains("Tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân", text, StringComparison.Ordinal);
            Assert.Contains("Đã hoàn thành", text, StringComparison.Ordinal);
            Assert.Contains("Đã đối thoại tại 3 thôn, 120 lượt người dự", text, StringComparison.Ordinal);

            // The PDF a clerk prints, kept beside the screenshots to be read.
            if (await page.Locator("a#download-pdf").CountAsync() == 1 && await page.Locator("a#download-pdf").GetAttributeAsync("href") is { } href)
            {
                // LibreOffice may take longer than a click waits: fetched with the page's cookies instead.
                var pdf = await page.APIRequest.GetAsync(href, new() { Timeout = 180_000 });
                var bytes = await pdf.BodyAsync();
                Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
                await File.WriteAllBytesAsync(Path.Combine(_shots.Folder, "checklist-report.pdf"), bytes);
            }
        }
        catch
        {
            await _shots.TakeAsync(page, "failed");
            throw;
        }
    }
}
