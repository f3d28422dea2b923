using System.Net;
using System.Text.Json;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Issue 20.5 through the page and the API: a half-year report starts from the unit's quarterly reports (ticked by
/// default, visible on the report with links to them), or empty when the user declines.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FromPartsPageTests(DanVanWebFactory app)
{
    /// <summary>The first half of this year: offered all year (the current half until June, the last one after).</summary>
    private static readonly ReportingPeriod Half = ReportingPeriod.Half(VietnamTime.Today(TimeProvider.System).Year, 1);

    private async Task<(int Commune, string Staff, int Q1, int Q2)> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var commune = await app.AddUnitAsync($"X-{tag}", $"Ủy ban nhân dân xã Thử {tag}", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        await using var db = app.NewDbContext();
        var parts = new[] { (Quarter: 1, Text: "Tổ chức 3 buổi đối thoại với Nhân dân."), (Quarter: 2, Text: "Tổ chức 4 buổi đối thoại với Nhân dân.") }
            .Select(p => new Report
            {
                UnitId = commune,
                Period = ReportingPeriod.Quarter(Half.Year, p.Quarter).ToString(),
                Title = "Báo cáo quý",
                Status = ReportStatus.Accepted,
                Sections = [new ReportSection { Key = "I.1", Heading = "1. Công tác lãnh đạo, chỉ đạo", Level = 2, Text = p.Text }],
            })
            .ToList();
        db.Reports.AddRange(parts);
        await db.SaveChangesAsync();
        return (commune, $"canbo.{tag}", parts[0].Id, parts[1].Id);
    }

    [Fact]
    public async Task CreateHalfYear_TickedByDefault_DraftedFromTheQuarters_ReportPageLinksThem()
    {
        var (commune, staff, q1, q2) = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, staff);
        var (_, page) = await browser.GetPageAsync("/reports");
        Assert.Contains($"6 tháng đầu năm {Half.Year} (Quý I, Quý II)", page.QuerySelector("#from-parts-list")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector("#from-parts input[type=checkbox]")!.HasAttribute("checked"));

        var created = await browser.SubmitAsync("/reports", "#new-report form", new() { ["Input.Period"] = Half.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, report) = await browser.GetPageAsync(created.Headers.Location!.ToString());
        var mark = report.QuerySelector("#drafted-from")!;
        Assert.Contains($"Dự thảo từ báo cáo Quý I, Quý II năm {Half.Year} — hãy rà soát trước khi gửi.", Normalise(mark.TextContent), StringComparison.Ordinal);
        Assert.Equal([$"/reports/{q1}", $"/reports/{q2}"], mark.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        await using var db = app.NewDbContext();
        Assert.Equal(
            "Quý I: Tổ chức 3 buổi đối thoại với Nhân dân.\nQuý II: Tổ chức 4 buổi đối thoại với Nhân dân.",
            await db.ReportSections.Where(s => s.Key == "I.1" && db.Reports.Any(r => r.Id == s.ReportId && r.UnitId == commune && r.Period == Half.ToString())).Select(s => s.Text).SingleAsync());
    }

    [Fact]
    public async Task CreateHalfYear_Unticked_StartsEmpty()
    {
        var (commune, staff, _, _) = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, staff);
        var (_, page) = await browser.GetPageAsync("/reports");
        Assert.NotNull(page.QuerySelector($"#new-report option[value='{Half}']"));

        var created = await browser.SubmitAsync("/reports", "#new-report form", new() { ["Input.Period"] = Half.ToString(), ["Input.FromParts"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, report) = await browser.GetPageAsync(created.Headers.Location!.ToString());
        Assert.Null(report.QuerySelector("#drafted-from"));
        await using var db = app.NewDbContext();
        Assert.False(await db.ReportSections.AnyAsync(s => s.Text != "" && db.Reports.Any(r => r.Id == s.ReportId && r.UnitId == commune && r.Period == Half.ToString())));
    }

    [Fact]
    public async Task ApiCreateHalfYear_FromPartsByDefault_ListsThem_FalseStartsEmpty()
    {
        var (_, staff, q1, q2) = await ArrangeAsync();
        var (other, otherStaff, _, _) = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, staff);

        var response = await api.PostAsync("/api/v1/reports", new { period = Half.ToString() });
        var declined = await (await ApiClient.LogInAsync(app, otherStaff)).PostAsync("/api/v1/reports", new { period = Half.ToString(), fromParts = false });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var drafted = body.RootElement.GetProperty("draftedFrom").EnumerateArray().Select(p => (p.GetProperty("label").GetString(), p.GetProperty("reportId").GetInt32(), p.GetProperty("sent").GetBoolean())).ToList();
        Assert.Equal([("Quý I", q1, true), ("Quý II", q2, true)], drafted);
        Assert.StartsWith("Quý I: Tổ chức 3 buổi", body.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "I.1").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, declined.StatusCode);
        using var empty = JsonDocument.Parse(await declined.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("draftedFrom").ValueKind);
        await using var db = app.NewDbContext();
        Assert.False(await db.ReportSections.AnyAsync(s => s.Text != "" && db.Reports.Any(r => r.Id == s.ReportId && r.UnitId == other && r.Period == Half.ToString())));
    }

    [Fact]
    public async Task PlanFormMarksAStock_HalfYearTakesItFromTheSecondQuarterAndSaysSo_TextFigureByQuarter()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", $"Ủy ban nhân dân xã Thử {tag}", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var owner = await app.ActorAsync($"snv.{tag}");
        var plan = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(Half.Year, 1, 2)) with
            {
                Number = "12/KH-UBND",
                Summary = "Báo cáo hằng quý",
                FirstPeriod = ReportingPeriod.Quarter(Half.Year, 1).ToString(),
                LockAfterDays = null,
                Figures =
                [
                    new("Số tổ hòa giải đang hoạt động", "tổ", FigureKind.WholeNumber, Rollup.Sum, Code: "1"),
                    new("Số vụ việc hòa giải thành", "vụ", FigureKind.WholeNumber, Rollup.Sum, Code: "2"),
                    new("Tỷ lệ hòa giải thành", "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "3", Formula: "[2] / [1] × 100"),
                    new("Mô hình tiêu biểu", null, FigureKind.Text, Rollup.None, Code: "4"),
                ],
            },
            owner));
        var consolidator = await Browserless.LogInAsync(app, $"snv.{tag}");

        var refused = await consolidator.SubmitAsync($"/plans/edit/{plan}", "form.plan-form", new() { ["Input.Figures[2].IsStock"] = "true" });
        var saved = await consolidator.SubmitAsync($"/plans/edit/{plan}", "form.plan-form", new() { ["Input.Figures[0].IsStock"] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Chỉ tiêu 3 có công thức", (await Browserless.ParseAsync(refused)).QuerySelector("#plan-figures tbody tr:nth-child(3) .field-validation-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, edit) = await consolidator.GetPageAsync($"/plans/edit/{plan}");
        Assert.True(edit.QuerySelector("input[name='Input.Figures[0].IsStock'][type=checkbox]")!.HasAttribute("checked"));
        Assert.False(edit.QuerySelector("input[name='Input.Figures[1].IsStock'][type=checkbox]")!.HasAttribute("checked"));
        Assert.NotNull(edit.QuerySelector("#stock-hint"));
        var (_, details) = await consolidator.GetPageAsync($"/plans/{plan}");
        Assert.Contains("Số tại thời điểm", details.QuerySelector("#figures tbody tr")!.TextContent, StringComparison.Ordinal);
        var api = await (await ApiClient.LogInAsync(app, $"snv.{tag}")).ReadAsync<JsonElement>($"/api/v1/plans/{plan}");
        Assert.Equal([true, false, false, false], api.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("isStock").GetBoolean()));

        // The commune's two quarters under the plan, then its half-year report drafted from them.
        await using (var db = app.NewDbContext())
        {
            var ids = await db.PlanFigures.Where(f => f.PlanId == plan).ToDictionaryAsync(f => f.Code, f => f.Id);
            db.Reports.AddRange(new[] { (Quarter: 1, Teams: 12m, Settled: 6m, Model: "Mô hình \"Chợ văn minh\"."), (Quarter: 2, Teams: 14m, Settled: 7m, Model: "Mô hình \"Khu dân cư không rác\".") }
                .Select(p => new Report
                {
                    UnitId = commune,
                    PlanId = plan,
                    Period = ReportingPeriod.Quarter(Half.Year, p.Quarter).ToString(),
                    Title = "Báo cáo quý",
                    Status = ReportStatus.Accepted,
                    Figures =
                    [
                        new ReportFigure { Order = 0, Name = "Số tổ hòa giải đang hoạt động", Value = p.Teams, PlanFigureId = ids["1"] },
                        new ReportFigure { Order = 1, Name = "Số vụ việc hòa giải thành", Value = p.Settled, PlanFigureId = ids["2"] },
                        new ReportFigure { Order = 3, Name = "Mô hình tiêu biểu", TextValue = p.Model, PlanFigureId = ids["4"] },
                    ],
                }));
            await db.SaveChangesAsync();
        }

        var staff = await Browserless.LogInAsync(app, $"canbo.{tag}");
        var created = await staff.SubmitAsync("/reports", "#new-report form", new() { ["Input.Period"] = Half.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, report) = await staff.GetPageAsync(created.Headers.Location!.ToString());
        Assert.Equal("Lấy số cuối kỳ, không cộng các kỳ: Số tổ hòa giải đang hoạt động (Quý II).", Normalise(report.QuerySelector("#drafted-stocks")!.TextContent));
        await using var check = app.NewDbContext();
        var figures = await check.ReportFigures.Where(f => check.Reports.Any(r => r.Id == f.ReportId && r.UnitId == commune && r.Period == Half.ToString())).ToListAsync();
        Assert.Equal(14m, figures.Single(f => f.Name == "Số tổ hòa giải đang hoạt động").Value);
        Assert.Equal(13m, figures.Single(f => f.Name == "Số vụ việc hòa giải thành").Value);
        Assert.Equal(92.86m, figures.Single(f => f.Name == "Tỷ lệ hòa giải thành").Value);
        Assert.Equal("Quý I: Mô hình \"Chợ văn minh\"; Quý II: Mô hình \"Khu dân cư không rác\"", figures.Single(f => f.Name == "Mô hình tiêu biểu").TextValue);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(" ,", ",", StringComparison.Ordinal);
}
