using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.E2E;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.Tests;

/// <summary>
/// The 2025 arrangement from the admin page in headless Chromium: a file with a unit merged twice is refused with its
/// row; then two communes of a district merge into a new commune under the province, previewed (the staff member who
/// moves with them, the consolidator's scope) and confirmed; the communes' people are moved to the new commune, one
/// confirmed alone and the rest all at once; the old commune's page keeps its name and the legal basis; the district
/// is dissolved, and the province's consolidator opens the district's plan and accepts a commune's report made under
/// it. At 1366 px and on a 390 px phone.
/// </summary>
[LongJourney]
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
        await App.AddUserAsync("ld.e2ereo", tratan, Roles.Leader, "Đinh Văn Sơn");
        int planId;
        await using (var db = App.NewDbContext())
        {
            var plan = new Plan
            {
                OwnerUnitId = district,
                Number = "42/KH-UBND",
                IssuedOn = new DateOnly(2025, 3, 21),
                Summary = "Thực hiện quy chế dân chủ ở cơ sở năm 2025",
                FirstPeriod = "2025-Q1",
                LastPeriod = "2025-Q2",
                PeriodType = Core.Periods.PeriodType.Quarter,
                Audience = AudienceKind.Subtree,
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                OwnerDeadlineKind = DeadlineKind.DayOfMonth,
                OwnerDeadlineValue = 25,
                CreatedBy = "test",
                Sections = [new PlanSection { Key = "I", Heading = "I. KẾT QUẢ THỰC HIỆN", Level = 1, Order = 0 }],
            };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            planId = plan.Id;
        }

        var leader = await App.ActorAsync("ld.e2ereo");
        var reportId = await App.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var id = await reports.CreateAsync(new CreateReport { Period = "2025-Q1" }, leader);
            await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
            return id;
        });
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        try
        {
            await LogInAsync(page, "qt.e2ereo");
            await RunFlowAsync(page);
            page = await NewPageAsync();
            await page.SetViewportSizeAsync(1366, 768);
            await LogInAsync(page, "th.e2ereo");
            await ReviewPassedOnPlanAsync(page, planId, reportId);
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
        await Expect(page.Locator("#preview-users tbody tr", new() { HasText = "Phạm Văn Tân" })).ToContainTextAsync("Ủy ban nhân dân xã Trà Bồng");
        await Expect(page.Locator("#preview-scopes tbody tr")).ToContainTextAsync("Lê Tổng Hợp");
        await _shots.TakeAsync(page, "preview");
        await PhoneAsync(page, "preview-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận sắp xếp" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã sắp xếp đơn vị: thành lập 1");
        var staff = page.Locator("#people-list tr[data-user='cb.e2ereo']");
        await Expect(staff).ToContainTextAsync("Phạm Văn Tân");
        await Expect(staff.Locator("select option:checked")).ToContainTextAsync("Ủy ban nhân dân xã Trà Bồng");
        await Expect(page.Locator("#move-all")).ToContainTextAsync("Chuyển tất cả (2)");
        await _shots.TakeAsync(page, "people");
        await PhoneAsync(page, "people-phone");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Xác nhận chuyển" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã chuyển người dùng sang đơn vị mới");
        await Expect(page.Locator("#people-list tr[data-user='cb.e2ereo']")).ToHaveCountAsync(0);
        await page.Locator("#move-all button").ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Đã chuyển 1 người dùng sang đơn vị kế thừa");
        await Expect(page.Locator("#people")).ToHaveCountAsync(0);
        await _shots.TakeAsync(page, "people-moved");

        await page.GotoAsync("/admin/units");
        await Expect(page.Locator("#units tr", new() { HasText = "E2E-REO-XA" })).ToContainTextAsync("Đang hoạt động");
        await Expect(page.Locator("#units tr", new() { HasText = "E2E-REO-TRATAN" })).ToContainTextAsync("Ngừng từ 01/07/2025");
        await _shots.TakeAsync(page, "applied");

        await page.Locator("#units a", new() { HasText = "Ủy ban nhân dân xã Trà Tân" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ủy ban nhân dân xã Trà Tân");
        await Expect(page.Locator("table.grid").Last).ToContainTextAsync(Basis);
        await _shots.TakeAsync(page, "old-unit");
        await PhoneAsync(page, "old-unit-phone");

        // Districts ended on 1/7/2025: the one left empty is dissolved, and its plan passes to the province.
        await page.GotoAsync("/admin/units/reorganise");
        await page.Locator("#Input_Action").SelectOptionAsync("Dissolve");
        await page.Locator("#Input_Code").FillAsync("E2E-REO-TRABONG");
        await page.Locator("#Input_EffectiveOn").FillAsync("01/07/2025");
        await page.Locator("#Input_LegalBasis").FillAsync("Luật Tổ chức chính quyền địa phương số 72/2025/QH15");
        await page.Locator("#change button[type=submit]").ClickAsync();
        await Expect(page.Locator("#preview-changes li")).ToContainTextAsync("Giải thể Ủy ban nhân dân huyện Trà Bồng");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận sắp xếp" }).ClickAsync();
        await Expect(page.Locator("#units tr", new() { HasText = "E2E-REO-TRABONG" })).ToContainTextAsync("Ngừng từ 01/07/2025");
    }

    /// <summary>The province's consolidator carries on the dissolved district's plan: opens it, then accepts a report made under it.</summary>
    private async Task ReviewPassedOnPlanAsync(IPage page, int planId, int reportId)
    {
        await page.GotoAsync($"/plans/{planId}");
        await Expect(page.Locator("h1")).ToContainTextAsync("42/KH-UBND");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sửa kế hoạch" })).ToBeVisibleAsync();
        await _shots.TakeAsync(page, "passed-on-plan");
        await PhoneAsync(page, "passed-on-plan-phone");

        await page.GotoAsync($"/reports/{reportId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận" })).ToBeVisibleAsync();
        await _shots.TakeAsync(page, "passed-on-report");
        await PhoneAsync(page, "passed-on-report-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mở lại để sửa" })).ToBeVisibleAsync();
        await _shots.TakeAsync(page, "passed-on-accepted");
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
