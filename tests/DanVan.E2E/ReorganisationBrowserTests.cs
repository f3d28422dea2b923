using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.E2E;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// The 2025 arrangement from the admin page in headless Chromium: a file with a unit merged twice is refused with its
/// row; then two communes of a district merge into a new commune under the province, previewed (the staff member who
/// moves with them, the consolidator's scope) and confirmed; the old commune's page keeps its name and the legal basis.
/// At 1366 px and on a 390 px phone.
/// </summary>
public sealed class ReorganisationBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Basis = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025";
    private readonly Screenshots _shots = new("reorganise-");

    [Fact]
    public async Task MergeFromTheAdminPage_BadFileRefusedByRow_FormPreviewedThenConfirmed_OldUnitKeepsItsHistory()
    {
        var province = await App.AddUnitAsync("E2E-REO-QNG", "Ủy ban nhân dân tỉnh Quảng Ngãi (thử)", UnitKind.Province);
        var district = await App.AddUnitAsync("E2E-REO-TRABONG", "Ủy ban nhân dân huyện Trà Bồng", UnitKind.District, province);
        var tratan = await App.AddUnitAsync("E2E-REO-TRATAN", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, district);
        await App.AddUnitAsync("E2E-REO-TRASON", "Ủy ban nhân dân xã Trà Sơn", UnitKind.Commune, district);
        await App.AddUserAsync("qt.e2ereo", province, Roles.Admin, "Quản trị Thử");
        await App.AddUserAsync("th.e2ereo", province, Roles.Consolidator, "Lê Tổng Hợp");
        await App.AddUserAsync("cb.e2ereo", tratan, Roles.Staff, "Phạm Văn Tân");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        try
        {
            await LogInAsync(page, "qt.e2ereo");
            await RunFlowAsync(page);
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

    private async Task RunFlowAsync(IPage page)
    {
        await page.GotoAsync("/admin/units");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sắp xếp đơn vị" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sắp xếp đơn vị");
        await _shots.TakeAsync(page, "form");
        await PhoneAsync(page, "form-phone");

        var file = Path.Combine(Directory.CreateTempSubdirectory("danvan-e2e-reo").FullName, "phuong-an.csv");
        await File.WriteAllTextAsync(file, "Mã,Tên,Loại,Trực thuộc,Ngày hiệu lực,Đơn vị tiền thân,Căn cứ pháp lý\n"
            + $"E2E-REO-XA,Ủy ban nhân dân xã Trà Bồng,xã,E2E-REO-QNG,01/07/2025,E2E-REO-TRATAN; E2E-REO-TRASON,{Basis}\n"
            + $"E2E-REO-XB,Ủy ban nhân dân xã Trà Xuân,xã,E2E-REO-QNG,01/07/2025,E2E-REO-TRASON,{Basis}\n");
        await page.Locator("#file").SetInputFilesAsync(file);
        await page.Locator("#upload button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reorganise-errors li")).ToHaveTextAsync("Dòng 3: Đơn vị E2E-REO-TRASON đã được sáp nhập/chia tách ở dòng 2. Một đơn vị chỉ sáp nhập vào một đơn vị; khi chia tách, ghi tỉ lệ cho từng phần, ví dụ E2E-REO-TRASON (40%).");
        await _shots.TakeAsync(page, "file-refused");
        await PhoneAsync(page, "file-refused-phone");

        await page.Locator("#Input_Action").SelectOptionAsync("Merge");
        await page.Locator("#Input_Code").FillAsync("E2E-REO-XA");
        await page.Locator("#Input_Name").FillAsync("Ủy ban nhân dân xã Trà Bồng");
        await page.Locator("#Input_Kind").SelectOptionAsync("Commune");
        await page.Locator("#Input_ParentCode").SelectOptionAsync("E2E-REO-QNG");
        await page.Locator("#Input_Predecessors").FillAsync("E2E-REO-TRATAN; E2E-REO-TRASON");
        await page.Locator("#Input_EffectiveOn").FillAsync("01/07/2025");
        await page.Locator("#Input_LegalBasis").FillAsync(Basis);
        await page.Locator("#change button[type=submit]").ClickAsync();
        await Expect(page.Locator("#preview-changes li")).ToHaveTextAsync(
            $"Thành lập Ủy ban nhân dân xã Trà Bồng (E2E-REO-XA) trên cơ sở Ủy ban nhân dân xã Trà Tân (E2E-REO-TRATAN), Ủy ban nhân dân xã Trà Sơn (E2E-REO-TRASON); trực thuộc Ủy ban nhân dân tỉnh Quảng Ngãi (thử) (E2E-REO-QNG) — từ ngày 01/07/2025; căn cứ {Basis}.");
        await Expect(page.Locator("#preview-users tbody tr")).ToContainTextAsync("Phạm Văn Tân");
        await Expect(page.Locator("#preview-scopes tbody tr")).ToContainTextAsync("Lê Tổng Hợp");
        await _shots.TakeAsync(page, "preview");
        await PhoneAsync(page, "preview-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận sắp xếp" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã sắp xếp đơn vị: thành lập 1");
        await Expect(page.Locator("#units tr", new() { HasText = "E2E-REO-XA" })).ToContainTextAsync("Đang hoạt động");
        await Expect(page.Locator("#units tr", new() { HasText = "E2E-REO-TRATAN" })).ToContainTextAsync("Ngừng từ 01/07/2025");
        await _shots.TakeAsync(page, "applied");

        await page.Locator("#units a", new() { HasText = "Ủy ban nhân dân xã Trà Tân" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ủy ban nhân dân xã Trà Tân");
        await Expect(page.Locator("table.grid").Last).ToContainTextAsync(Basis);
        await _shots.TakeAsync(page, "old-unit");
        await PhoneAsync(page, "old-unit-phone");
        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }

    private async Task PhoneAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: the page scrolls sideways on a phone.");
        await _shots.TakeAsync(page, name);
        await page.SetViewportSizeAsync(1366, 768);
    }
}
