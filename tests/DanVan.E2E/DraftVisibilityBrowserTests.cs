using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.E2E;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// Issue 18 items 8 and 10 in Chromium: Sở Nội vụ does not open a commune's draft (the address answers as a missing
/// page, the dashboard shows the draft without a link) and reads it once the leader sends it; a common password is
/// refused on the account page. At 1366 px and on a 390 px phone.
/// </summary>
public sealed class DraftVisibilityBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Period = "2025-Q1";

    private readonly Screenshots _shots = new("drafts-");

    [Fact]
    public async Task Consolidator_CommuneDraft_HiddenUntilSent_CommonPasswordRefused()
    {
        var province = await App.AddUnitAsync("E2E-NHAP-TINH", "Ủy ban nhân dân tỉnh Thử Nháp", UnitKind.Province);
        var snv = await App.AddUnitAsync("E2E-NHAP-SNV", "Sở Nội vụ tỉnh Thử Nháp", UnitKind.Department, province, province);
        var commune = await App.AddUnitAsync("E2E-NHAP-XA", "Ủy ban nhân dân xã Thử Nháp", UnitKind.Commune, province);
        await App.AddUserAsync("snv.e2enhap", snv, Roles.Consolidator, "Lê Thị Tổng Hợp");
        await App.AddUserAsync("canbo.e2enhap", commune, Roles.Staff, "Nguyễn Văn Cán Bộ");
        await App.AddUserAsync("lanhdao.e2enhap", commune, Roles.Leader, "Trần Văn Lãnh Đạo");
        var staff = await App.ActorAsync("canbo.e2enhap");
        var leader = await App.ActorAsync("lanhdao.e2enhap");
        var id = await App.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var created = await reports.CreateAsync(new CreateReport { Period = Period }, staff);
            await reports.SaveSectionAsync(new SaveSection { ReportId = created, Key = "I.1", Text = "Bản nháp chưa trình lãnh đạo.", ExpectedVersion = 0 }, staff);
            return created;
        });

        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        try
        {
            await LogInAsync(page, "snv.e2enhap");
            await page.GotoAsync($"/reports/{id}");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Không tìm thấy (404)");
            Assert.DoesNotContain("Bản nháp chưa trình lãnh đạo", await page.ContentAsync(), StringComparison.Ordinal);
            await _shots.TakeAsync(page, "draft-by-consolidator-1366");
            await page.GotoAsync($"/consolidation?plan=0&period={Period}");
            var row = page.Locator("tr[data-unit='E2E-NHAP-XA']");
            await Expect(row).ToContainTextAsync("Nháp");
            await Expect(row.Locator("a")).ToHaveCountAsync(0);
            await _shots.TakeAsync(page, "dashboard-draft-1366");
            await page.SetViewportSizeAsync(390, 844);
            await _shots.TakeAsync(page, "dashboard-draft-390");

            await App.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader));
            await page.ReloadAsync();
            await Expect(row.Locator($"a[href='/reports/{id}']")).ToHaveCountAsync(1);
            await _shots.TakeAsync(page, "dashboard-sent-390");
            await page.GotoAsync($"/reports/{id}");
            await Expect(page.Locator("#report-status")).ToHaveTextAsync("Đã gửi");
            await _shots.TakeAsync(page, "sent-by-consolidator-390");

            await page.GotoAsync("/account");
            await page.Locator("#Input_CurrentPassword").FillAsync(DanVanWebFactory.Password);
            await page.Locator("#Input_NewPassword").FillAsync("Qwertyuiop123");
            await page.Locator("#Input_ConfirmPassword").FillAsync("Qwertyuiop123");
            await page.Locator("#change-password button[type='submit']").ClickAsync();
            await Expect(page.Locator(".errors")).ToContainTextAsync("quá phổ biến");
            await _shots.TakeAsync(page, "common-password-390");
            await page.SetViewportSizeAsync(1366, 768);
            await _shots.TakeAsync(page, "common-password-1366");
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
}
