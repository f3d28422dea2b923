using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.E2E;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// "Nhập từ file Word" in headless Chromium against the real app on Kestrel: staff upload a real .docx, read the
/// preview (header, figures, a superseded citation, the section mapping), confirm, and find the text in the report;
/// a file that is not a Word document is refused with a Vietnamese reason.
/// </summary>
public sealed class ImportBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Period = "2025-Q1";
    private const string CommuneName = "Ủy ban nhân dân xã Trà Tân";
    private const string Staff = "canbo.tratan";
    private const string GoodFile = "header-table.docx";
    private const string BadFile = "not-a-zip.docx";

    private readonly Screenshots _shots = new("import-");

    [Fact]
    public async Task ImportWord_PreviewConfirm_TextInReportAndOriginalKept_NotWordRefused()
    {
        var province = await App.AddUnitAsync("E2E-IMP-TINH", "Tỉnh Thử Nhập", UnitKind.Province);
        var commune = await App.AddUnitAsync("E2E-IMP-TRATAN", CommuneName, UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff, commune, Roles.Staff, "Phạm Thị Thu");
        var page = await LogInAsync();
        try
        {
            await RunFlowAsync(page, commune);
        }
        catch
        {
            await SnapOnFailureAsync(page);
            throw;
        }
    }

    /// <summary>The lock applies to the import as to every edit: the upload is refused with its reason, on a phone too.</summary>
    [Fact]
    public async Task ImportWord_LockedPeriod_RefusedWithTheLockOnUpload()
    {
        var province = await App.AddUnitAsync("E2E-IMPL-TINH", "Tỉnh Thử Khoá", UnitKind.Province);
        var snv = await App.AddUnitAsync("E2E-IMPL-SNV", "Sở Nội vụ tỉnh Thử Khoá", UnitKind.Department, parentId: province, consolidatesForId: province);
        var commune = await App.AddUnitAsync("E2E-IMPL-XA", CommuneName, UnitKind.Commune, parentId: province);
        await App.AddUserAsync("canbo.khoa", commune, Roles.Staff, "Lê Thị Hoa");
        await App.AddUserAsync("snv.khoa", snv, Roles.Consolidator, "Trần Văn Minh");
        var consolidator = await App.ActorAsync("snv.khoa");
        var staff = await App.ActorAsync("canbo.khoa");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var reportId = await App.WithServicesAsync(async sp =>
        {
            // Q1/2025 locked on its deadline day; an exception lets the unit start its report, then lapses.
            var plans = sp.GetRequiredService<DanVan.Core.Plans.PlanService>();
            var planId = await plans.CreateAsync(DanVan.Core.Plans.PlanInput.Draft(new DateOnly(2025, 1, 2)) with { Number = "09/KH-SNV", Summary = "Báo cáo quý", FirstPeriod = Period, LockAfterDays = 0 }, consolidator);
            await plans.GrantExceptionAsync(planId, commune, Period, today.AddDays(3), "Bổ sung theo yêu cầu", consolidator);
            return await sp.GetRequiredService<DanVan.Core.Reports.ReportService>().CreateAsync(new DanVan.Core.Reports.CreateReport { Period = Period }, staff);
        });
        await using (var db = App.NewDbContext())
        {
            await db.LockExceptions.Where(x => x.UnitId == commune).ExecuteDeleteAsync();
        }

        var page = await NewPageAsync();
        await LogInAsync(page, "canbo.khoa");
        try
        {
            // The report page no longer offers the import; a bookmarked import page still opens, and refuses the file.
            await page.GotoAsync($"/reports/{reportId}");
            await Expect(page.Locator("#import-word")).ToHaveCountAsync(0);
            foreach (var width in new[] { 1280, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                await page.GotoAsync($"/reports/{reportId}/import");
                await page.Locator("input[name=file]").SetInputFilesAsync(Fixtures.Import(GoodFile));
                await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước", Exact = true }).ClickAsync();
                await Expect(page.Locator(".errors")).ToContainTextAsync("Kỳ báo cáo đã khoá sổ sau ngày");
                await Expect(page.Locator("#recognised")).ToHaveCountAsync(0);
                await _shots.TakeAsync(page, $"locked-refused-{width}");
            }
        }
        catch
        {
            await SnapOnFailureAsync(page);
            throw;
        }
    }

    private async Task RunFlowAsync(IPage page, int communeId)
    {
        // The report for the quarter the fixture reports on, long past, so no longer offered by "Lập báo cáo mới" (which
        // the workflow test drives): started through the service the page calls.
        var actor = await App.ActorAsync(Staff);
        int? reportId = await App.WithServicesAsync(sp => sp.GetRequiredService<DanVan.Core.Reports.ReportService>().CreateAsync(new DanVan.Core.Reports.CreateReport { Period = Period }, actor));
        await page.GotoAsync($"/reports/{reportId}");
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("Nháp");
        await Expect(page.Locator("#section-I\\.1 .empty")).ToHaveTextAsync("(chưa có nội dung)");

        // Upload the real Word file and read the preview; nothing is saved yet.
        await OpenImportAsync(page, reportId.Value);
        await page.Locator("input[name=file]").SetInputFilesAsync(Fixtures.Import(GoodFile));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước", Exact = true }).ClickAsync();
        await Expect(page.Locator("#recognised")).ToContainTextAsync("15/BC-UBND");
        await Expect(page.Locator("#recognised")).ToContainTextAsync(GoodFile);
        await Expect(page.Locator("#found-figures")).ToContainTextAsync("Số buổi tiếp công dân");
        var superseded = page.Locator("#citations tr.problem", new() { HasText = "34/2007" });
        await Expect(superseded).ToHaveCountAsync(1);
        await Expect(superseded).ToContainTextAsync("đã hết hiệu lực");
        var selects = page.Locator("#mapping select");
        Assert.True(await selects.CountAsync() > 0, "The preview shows no section mapping.");
        Assert.Contains("I.1", await selects.EvaluateAllAsync<string[]>("s => s.map(e => e.value)"));
        await NoErrorsShownAsync(page);
        await using (var db = App.NewDbContext())
        {
            Assert.False(await db.ReportAttachments.AnyAsync(a => a.ReportId == reportId.Value));
        }

        await _shots.TakeAsync(page, "preview");

        // Confirm: back on the report page with the flash and the imported text.
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập vào báo cáo", Exact = true }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã nhập nội dung từ tệp");
        await Expect(page.Locator("#section-I\\.1 .text")).ToHaveTextAsync(new Regex("^Căn cứ văn bản của UBND tỉnh"));
        Assert.Equal(reportId, ReportId(page.Url));
        await NoErrorsShownAsync(page);
        await _shots.TakeAsync(page, "imported");

        // A second attempt with a file that is not a Word document: refused, in Vietnamese, nothing kept.
        await OpenImportAsync(page, reportId.Value);
        await page.Locator("input[name=file]").SetInputFilesAsync(Fixtures.Import(BadFile));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước", Exact = true }).ClickAsync();
        await Expect(page.Locator(".errors")).ToContainTextAsync("không phải văn bản Word");
        await Expect(page.Locator(".errors")).ToContainTextAsync(BadFile);
        await Expect(page.Locator("#recognised")).ToHaveCountAsync(0);
        await _shots.TakeAsync(page, "not-word-refused");

        await using (var db = App.NewDbContext())
        {
            var report = await db.Reports.AsNoTracking().SingleAsync(r => r.UnitId == communeId && r.Period == Period);
            Assert.Equal(reportId.Value, report.Id);
            var attachment = await db.ReportAttachments.AsNoTracking().SingleAsync(a => a.ReportId == report.Id);
            Assert.Equal((GoodFile, new FileInfo(Fixtures.Import(GoodFile)).Length), (attachment.FileName, attachment.Size));
            Assert.Equal(attachment.Size, attachment.Content.LongLength);
        }

        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }

    private static async Task OpenImportAsync(IPage page, int reportId)
    {
        await page.GotoAsync($"/reports/{reportId}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(CommuneName);
        await page.Locator("#import-word").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Nhập từ file Word");
        Assert.Equal($"/reports/{reportId}/import", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("input[name=file]")).ToBeVisibleAsync();
    }

    private async Task<IPage> LogInAsync()
    {
        var page = await NewPageAsync();
        await LogInAsync(page, Staff);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Báo cáo");
        Assert.Equal("/reports", new Uri(page.Url).AbsolutePath);
        return page;
    }

    private static int? ReportId(string url)
    {
        var segments = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["reports", var id] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static async Task NoErrorsShownAsync(IPage page) =>
        Assert.Equal("", string.Join(" | ", await page.Locator(".errors li").AllTextContentsAsync()));

    private async Task SnapOnFailureAsync(IPage page)
    {
        try
        {
            if (!page.IsClosed)
            {
                await _shots.TakeAsync(page, "failed");
            }
        }
        catch (PlaywrightException)
        {
            // The browser itself may be what failed; the original error matters more.
        }
    }
}
