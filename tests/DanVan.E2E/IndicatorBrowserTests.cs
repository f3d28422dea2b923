using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Issue 20.1 in Chromium: the figures page numbers the plan's indicators as its biểu mẫu, shows the derived rate
/// read-only with its formula in words and computes it on save, and puts a broken rule's sentence beside the figure;
/// at 1366 px and 390 px.
/// </summary>
public sealed class IndicatorBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Received = "Số đơn thư tiếp nhận";
    private const string Resolved = "Số đơn thư đã giải quyết";

    private async Task<(string Staff, int ReportId, string Consolidator, int PlanId)> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await App.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Chỉ Tiêu", UnitKind.Province);
        var snv = await App.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Chỉ Tiêu", UnitKind.Department, province, province);
        var commune = await App.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Chỉ Tiêu", UnitKind.Commune, province);
        await App.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        await App.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        var consolidator = await App.ActorAsync($"snv.{tag}");
        var staff = await App.ActorAsync($"canbo.{tag}");
        var planId = await App.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "158/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Thực hiện công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures =
                [
                    new("Tiếp công dân", null, FigureKind.Heading, Rollup.None, Code: "1"),
                    new("Số lượt tiếp công dân", "lượt", FigureKind.WholeNumber, Rollup.Sum, Code: "1.1"),
                    new("Tiếp nhận, giải quyết đơn thư", null, FigureKind.Heading, Rollup.None, Code: "2"),
                    new(Received, "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "2.1"),
                    new(Resolved, "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "2.2"),
                    new("Tỷ lệ đơn thư đã giải quyết", "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "2.3", Formula: "[2.2] / [2.1] × 100", Target: 90),
                ],
                Rules = [new("[2.2] <= [2.1]", "Số đơn đã giải quyết không vượt số đơn tiếp nhận")],
            },
            consolidator));
        var reportId = await App.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
        return ($"canbo.{tag}", reportId, $"snv.{tag}", planId);
    }

    [Fact]
    public async Task Staff_SeesNumberedIndicators_DerivedRateInWords_RuleErrorBesideTheFigure_ThenTheComputedRate()
    {
        var (staff, reportId, _, _) = await ArrangeAsync();
        var shots = new Screenshots("indicators-");
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, staff);
            await page.GotoAsync($"/reports/{reportId}/figures");
            var derived = page.Locator("#figures tr[data-code='2.3']");
            await Expect(derived).ToContainTextAsync("= Số đơn thư đã giải quyết ÷ Số đơn thư tiếp nhận × 100");
            await Expect(derived.Locator("input")).ToHaveCountAsync(1);
            await Expect(page.Locator("#figures tr.group")).ToHaveCountAsync(2);

            await page.GetByLabel(Received, new() { Exact = true }).FillAsync("10");
            await page.GetByLabel(Resolved, new() { Exact = true }).FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
            await Expect(page.Locator("#figures tr[data-code='2.2'] .field-validation-error"))
                .ToHaveTextAsync("Số đơn thư đã giải quyết (12) phải ≤ Số đơn thư tiếp nhận (10) (Số đơn đã giải quyết không vượt số đơn tiếp nhận)");
            await Expect(page.GetByLabel(Resolved, new() { Exact = true })).ToHaveValueAsync("12");
            await shots.TakeAsync(page, "rule-1366");
            await page.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(page, "rule-390");
            await page.SetViewportSizeAsync(1366, 768);

            await page.GetByLabel(Resolved, new() { Exact = true }).FillAsync("9");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
            await page.GotoAsync($"/reports/{reportId}/figures");
            await Expect(derived.Locator("output")).ToHaveTextAsync("90");
            await Expect(derived).ToContainTextAsync("Chỉ tiêu kế hoạch: 90");
            await shots.TakeAsync(page, "computed-1366");
            await page.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(page, "computed-390");
        }
        catch
        {
            await shots.TakeAsync(page, "failed");
            throw;
        }
    }

    [Fact]
    public async Task Consolidator_SeesFormulaInWordsAndRules_FormulaCitingAMissingFigureRefusedBesideIt()
    {
        var (_, _, consolidator, planId) = await ArrangeAsync();
        var shots = new Screenshots("indicator-plan-");
        var page = await NewPageAsync();
        try
        {
            await LogInAsync(page, consolidator);
            await page.GotoAsync($"/plans/{planId}");
            await Expect(page.Locator("#figures")).ToContainTextAsync("= Số đơn thư đã giải quyết ÷ Số đơn thư tiếp nhận × 100");
            await Expect(page.Locator("#rules")).ToContainTextAsync("[2.2] <= [2.1]");
            await shots.TakeAsync(page, "details-1366");
            await page.SetViewportSizeAsync(390, 844);
            await shots.TakeAsync(page, "details-390");
            await page.SetViewportSizeAsync(1366, 768);

            await page.GotoAsync($"/plans/edit/{planId}");
            await page.GetByLabel("Công thức 6", new() { Exact = true }).FillAsync("[2.2] / [2.9] × 100");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
            await Expect(page.Locator("#plan-figures tbody tr").Nth(5).Locator(".field-validation-error")).ToContainTextAsync("Chỉ tiêu 2.3: không có chỉ tiêu số [2.9].");
            await Expect(page.GetByLabel("Công thức 6", new() { Exact = true })).ToHaveValueAsync("[2.2] / [2.9] × 100");
            await page.Locator("#plan-figures").ScrollIntoViewIfNeededAsync();
            await shots.TakeAsync(page, "edit-refused-1366");
            await page.SetViewportSizeAsync(390, 844);
            await page.Locator("#plan-figures").ScrollIntoViewIfNeededAsync();
            await shots.TakeAsync(page, "edit-refused-390");
        }
        catch
        {
            await shots.TakeAsync(page, "failed");
            throw;
        }
    }
}
