using System.Text.RegularExpressions;
using DanVan.Core.Demo;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Issue 20.5 on the demo, as Trà Tân's clerk: the 6-month report is offered with the quarter reports it starts
/// from, the box "Bắt đầu từ các báo cáo kỳ nhỏ hơn" is ticked, and the new report says what it was drafted from,
/// with links to those reports — at 1280 px and on a 390 px phone, without scrolling sideways. Its figures take a
/// stock (the teams at work) from the second quarter rather than adding the quarters up, and gather the quarters'
/// text answers by quarter.
/// </summary>
public sealed partial class FromPartsBrowserTests(KestrelApp app) : BrowserTest(app)
{
    [Fact]
    public async Task CommuneClerk_StartsHalfYearReportFromItsQuarters_MarkedWithLinks_AtBothWidths()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var shots = new Screenshots("from-parts-");
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url} | {message.Text}");
            }
        };
        await LogInAsync(page, "tratan.canbo");
        await page.GotoAsync("/reports");

        // The demo's last quarter always falls in the current or the last half-year.
        var offered = await page.Locator("#from-parts-list").InnerTextAsync();
        var half = HalfFromQuarters().Match(offered);
        Assert.True(half.Success, offered);
        var period = $"{half.Groups["year"].Value}-H{(half.Groups["half"].Value == "đầu" ? 1 : 2)}";
        Assert.StartsWith(half.Groups[0].Value[..^5], await page.Locator($"#new-report option[value='{period}']").InnerTextAsync(), StringComparison.Ordinal);
        await AnswerStockAndTextAsync(ReportingPeriod.Parse(period));
        await page.Locator("#new-report select[name='Input.Period']").SelectOptionAsync(period!);
        await Expect(page.GetByLabel("Bắt đầu từ các báo cáo kỳ nhỏ hơn")).ToBeCheckedAsync();
        await BothWidthsAsync(page, shots, "reports");

        await page.Locator("#new-report").GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/reports/\d+$"));
        var mark = page.Locator("#drafted-from");
        await Expect(mark).ToContainTextAsync(new Regex(@"Dự thảo từ báo cáo\s+Quý [IV]+.*năm \d{4} — hãy rà soát trước khi gửi\."));
        await Expect(page.Locator("[id='section-I.6']")).ToContainTextAsync(new Regex(@"Quý [IV]+: Tổ chức 6 buổi tiếp công dân"));
        await Expect(page.Locator("#drafted-stocks")).ToContainTextAsync("Số tổ hòa giải đang hoạt động (Quý");
        await BothWidthsAsync(page, shots, "half-year-report");
        var report = page.Url;
        await page.GotoAsync(report + "?tab=figures");
        var body = page.Locator("main table.grid").First;
        await Expect(body).ToContainTextAsync("Số tổ hòa giải đang hoạt động");
        await Expect(body).ToContainTextAsync(new Regex(@"Quý [IV]+: Mô hình Chợ văn minh; Quý [IV]+: Mô hình Khu dân cư không rác"));
        await BothWidthsAsync(page, shots, "half-year-figures");
        Assert.Equal(12m, await TeamsAsync(new Uri(report).Segments[^1]));
        await page.GotoAsync(report);

        var part = mark.Locator("a").First;
        var href = await part.GetAttributeAsync("href");
        await part.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));
        await Expect(page.Locator(".subtitle")).ToContainTextAsync("Quý");
        Assert.Empty(errors);
    }

    /// <summary>
    /// The half's two quarters of Trà Tân, each with its plan's stock figure answered (11, then 12 teams) and the text
    /// figure; a quarter the demo has no report for yet is written as its clerk would have.
    /// </summary>
    private async Task AnswerStockAndTextAsync(ReportingPeriod half)
    {
        await using var db = App.NewDbContext();
        var unit = await db.Units.Where(u => u.Code == "QNG-TRATAN").Select(u => u.Id).SingleAsync();
        var quarters = Enumerable.Range(0, 2).Select(i => ReportingPeriod.Quarter(half.Year, ((half.Index - 1) * 2) + i + 1).ToString()).ToList();
        var reports = await db.Reports.Include(r => r.Figures).Where(r => r.UnitId == unit && quarters.Contains(r.Period)).ToListAsync();
        var planId = reports.Select(r => r.PlanId).First(p => p != null)!.Value;
        foreach (var quarter in quarters.Where(q => reports.All(r => r.Period != q)))
        {
            var added = new Report { UnitId = unit, PlanId = planId, Period = quarter, Title = "Báo cáo quý", Status = ReportStatus.Accepted, CreatedAt = DateTime.UtcNow };
            db.Reports.Add(added);
            reports.Add(added);
        }

        var plans = new Dictionary<int, (PlanFigure Teams, PlanFigure Model)>();
        foreach (var plan in reports.Select(r => r.PlanId!.Value).Distinct())
        {
            var teams = new PlanFigure { PlanId = plan, Code = "4", Name = "Số tổ hòa giải đang hoạt động", UnitOfMeasure = "tổ", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum, IsStock = true, Order = 7 };
            db.PlanFigures.Add(teams);
            plans[plan] = (teams, await db.PlanFigures.SingleAsync(f => f.PlanId == plan && f.Kind == FigureKind.Text));
        }

        await db.SaveChangesAsync();

        foreach (var (report, i) in reports.OrderBy(r => ReportingPeriod.Parse(r.Period)).Select((r, i) => (r, i)))
        {
            var (teams, model) = plans[report.PlanId!.Value];
            report.Figures.Add(new ReportFigure { Order = 7, Name = teams.Name, Value = 11 + i, UnitOfMeasure = "tổ", PlanFigureId = teams.Id });
            report.Figures.Add(new ReportFigure { Order = 6, Name = model.Name, TextValue = i == 0 ? "Mô hình Chợ văn minh." : "Mô hình Khu dân cư không rác.", PlanFigureId = model.Id });
        }

        await db.SaveChangesAsync();
    }

    private async Task<decimal> TeamsAsync(string reportId)
    {
        await using var db = App.NewDbContext();
        var id = int.Parse(reportId, System.Globalization.CultureInfo.InvariantCulture);
        return await db.ReportFigures.Where(f => f.ReportId == id && f.Name == "Số tổ hòa giải đang hoạt động").Select(f => f.Value).SingleAsync();
    }

    private static async Task BothWidthsAsync(IPage page, Screenshots shots, string name)
    {
        await shots.TakeAsync(page, name + "-1280");
        await page.SetViewportSizeAsync(390, 844);
        await shots.TakeAsync(page, name + "-390");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        await page.SetViewportSizeAsync(1280, 900);
        Assert.True(widths[0] <= widths[1], $"{name}: the page scrolls sideways at 390 px ({widths[0]} > {widths[1]})");
    }

    [GeneratedRegex(@"6 tháng (?<half>đầu|cuối) năm (?<year>\d{4}) \(Quý")]
    private static partial Regex HalfFromQuarters();
}
