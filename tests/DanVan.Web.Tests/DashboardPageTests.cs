using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The completeness dashboard as a consolidator reads it: numbers, bars, chart, drill-down, Excel.</summary>
[Collection(WebCollection.Name)]
public sealed class DashboardPageTests(DanVanWebFactory app)
{
    private sealed record Arranged(string Tag, int Province, int Commune, int Dept, int Sub, int PlanId, string Consolidator);

    /// <summary>A province with a monthly plan from three months ago: one commune sent this period, a department did not, its unit neither.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Hòa Thử", UnitKind.Commune, province);
        var dept = await app.AddUnitAsync($"S-{tag}", "Sở Y tế tỉnh Thử", UnitKind.Department, province);
        var sub = await app.AddUnitAsync($"S1-{tag}", "Trung tâm Y tế khu vực Thử", UnitKind.Other, dept);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        await app.AddUserAsync($"ld.{tag}", commune, Roles.Leader);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = ReportingPeriod.Month(today.AddMonths(-3).Year, today.AddMonths(-3).Month);
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var planId = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(today) with { Number = "42/KH-UBND", Summary = "Báo cáo hằng tháng", PeriodType = PeriodType.Month, FirstPeriod = first.ToString() },
            consolidator));
        await app.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var leader = await app.ActorAsync($"ld.{tag}");
            var id = await reports.CreateAsync(new CreateReport { Period = Current(today).ToString() }, leader);
            return await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
        });
        return new Arranged(tag, province, commune, dept, sub, planId, $"snv.{tag}");
    }

    /// <summary>The plan's latest period that has begun under Decree 09 windows (the 15th opens next month's).</summary>
    private static ReportingPeriod Current(DateOnly today)
    {
        var next = today.AddMonths(1);
        return today.Day >= 15 ? ReportingPeriod.Month(next.Year, next.Month) : ReportingPeriod.Month(today.Year, today.Month);
    }

    [Fact]
    public async Task Dashboard_DefaultsToLatestPlanAndPeriod_ShowsNumbersBarsAndChart()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Consolidator);

        var (response, page) = await browser.GetPageAsync("/consolidation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(u.PlanId.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#plan option[selected]")!.GetAttribute("value"));
        Assert.Equal("1/3", page.QuerySelector("#stat-submitted")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#levels tbody tr").Length); // the department with its unit; the communes together
        Assert.Contains("Sở Y tế tỉnh Thử", page.QuerySelector("#levels")!.TextContent, StringComparison.Ordinal);
        var chart = page.QuerySelector("svg#rate-chart")!;
        Assert.Contains("Tỷ lệ đơn vị gửi báo cáo", chart.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(": 1/3 (33,3%)", chart.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.True(chart.QuerySelectorAll("g rect").Length >= 2);
        var row = page.QuerySelector($"#completeness tr[data-unit='X-{u.Tag}']")!;
        Assert.Contains("Đã gửi", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("a[href^='/reports/']"));
    }

    [Fact]
    public async Task Dashboard_ManyUnits_AHundredAPage_FilterKeepsTheUnsent_ExportKeepsEveryUnit()
    {
        var u = await ArrangeAsync();
        for (var i = 0; i < 100; i++)
        {
            await app.AddUnitAsync($"N{i:000}-{u.Tag}", $"Ủy ban nhân dân xã Mới {i:000}", UnitKind.Commune, u.Province);
        }

        var browser = await Browserless.LogInAsync(app, u.Consolidator);

        var (_, first) = await browser.GetPageAsync("/consolidation");
        var (_, second) = await browser.GetPageAsync(first.QuerySelector("#rows-pager a[rel='next']")!.GetAttribute("href")!);
        var (_, unsent) = await browser.GetPageAsync(first.QuerySelector("#row-filter a[data-filter='Unsent']")!.GetAttribute("href")!);
        var (_, late) = await browser.GetPageAsync(first.QuerySelector("#row-filter a[data-filter='Late']")!.GetAttribute("href")!);
        var export = await browser.Client.GetByteArrayAsync(first.QuerySelector("#export")!.GetAttribute("href"));
        var (typed, typedPage) = await browser.GetPageAsync("/consolidation?show=some&page=x");

        static string[] Units(AngleSharp.Html.Dom.IHtmlDocument page) => [.. page.QuerySelectorAll("#completeness tbody tr").Select(r => r.GetAttribute("data-unit")!)];
        // 102 rows: the commune that sent, the department, the 100 new communes (the Sở Nội vụ does not report).
        Assert.Equal(100, Units(first).Length);
        Assert.Equal(2, Units(second).Length);
        Assert.Empty(Units(first).Intersect(Units(second)));
        Assert.Contains("Trang 2/2 · 102 đơn vị", second.QuerySelector("#rows-pager")!.TextContent, StringComparison.Ordinal);
        Assert.Null(second.QuerySelector("#rows-pager a[rel='next']"));
        Assert.Equal(["Tất cả (102)", "Còn đơn vị chưa gửi (101)", "Có báo cáo trễ hạn (0)"], first.QuerySelectorAll("#row-filter a").Select(a => a.TextContent.Trim()));
        Assert.Equal("page", unsent.QuerySelector("#row-filter a[data-filter='Unsent']")!.GetAttribute("aria-current"));
        Assert.DoesNotContain($"X-{u.Tag}", Units(unsent));
        Assert.Contains($"S-{u.Tag}", Units(unsent)); // its unit below has not sent
        Assert.Contains("show=Unsent", unsent.QuerySelector($"#completeness tr[data-unit='S-{u.Tag}'] a.drill")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(Units(late));
        Assert.Equal((HttpStatusCode.OK, 100, ""), (typed.StatusCode, Units(typedPage).Length, Browserless.Errors(typedPage)));
        Assert.NotNull(late.QuerySelector("#row-filter-empty"));
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(export), false);
        Assert.Equal(1 + 103, workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Count()); // a header, then every unit and the one below

        // The API filters by the same rule, and lists every row it keeps.
        var api = await ApiClient.LogInAsync(app, u.Consolidator);
        var all = await api.ReadAsync<System.Text.Json.JsonElement>("/api/v1/completeness");
        var unsentRows = await api.ReadAsync<System.Text.Json.JsonElement>("/api/v1/completeness?show=unsent");
        var bogus = await api.GetAsync("/api/v1/completeness?show=some");
        Assert.Equal((102, 101), (all.GetProperty("rows").GetArrayLength(), unsentRows.GetProperty("rows").GetArrayLength()));
        Assert.DoesNotContain(unsentRows.GetProperty("rows").EnumerateArray(), r => r.GetProperty("unitCode").GetString() == $"X-{u.Tag}");
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
    }

    [Fact]
    public async Task Dashboard_DrillDown_ShowsUnitsBelow_BreadcrumbLeadsBack_OtherProvince404()
    {
        var u = await ArrangeAsync();
        var other = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Consolidator);
        var (_, root) = await browser.GetPageAsync("/consolidation");
        var drill = root.QuerySelector($"#completeness tr[data-unit='S-{u.Tag}'] a.drill")!.GetAttribute("href")!;

        var (_, below) = await browser.GetPageAsync(drill);
        var crumb = below.QuerySelector("#crumbs a")!.GetAttribute("href")!;
        var (_, back) = await browser.GetPageAsync(crumb);
        var foreign = await browser.Client.GetAsync($"/consolidation?unit={other.Commune}");
        var foreignPlan = await browser.Client.GetAsync($"/consolidation?plan={other.PlanId}");

        Assert.Contains($"unit={u.Dept}", drill, StringComparison.Ordinal);
        Assert.Equal([$"S1-{u.Tag}"], below.QuerySelectorAll("#completeness tbody tr").Select(r => r.GetAttribute("data-unit")));
        Assert.Equal("0/1", below.QuerySelector("#stat-submitted")!.TextContent);
        Assert.NotNull(back.QuerySelector($"#completeness tr[data-unit='X-{u.Tag}']"));
        Assert.DoesNotContain(root.QuerySelectorAll("#completeness tbody tr"), r => r.GetAttribute("data-unit")!.EndsWith(other.Tag, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignPlan.StatusCode);
    }

    [Fact]
    public async Task ExportXlsx_OpensWithOpenXml_HeaderThenEveryUnitInScope()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Consolidator);
        var (_, page) = await browser.GetPageAsync("/consolidation");

        var response = await browser.Client.GetAsync(page.QuerySelector("#export")!.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal("Mã đơn vị", rows[0][0]);
        Assert.Equal(new[] { $"S-{u.Tag}", $"S1-{u.Tag}", $"X-{u.Tag}" }.Order(), rows.Skip(1).Select(r => r[0]).Order());
        Assert.Equal("Sở Y tế tỉnh Thử", rows.Single(r => r[0] == $"S1-{u.Tag}")[2]);
        var commune = sheet.Descendants<Row>().Single(r => r.Elements<Cell>().First().InnerText == $"X-{u.Tag}").Elements<Cell>().ToList();
        Assert.Equal(CellValues.Number, commune[5].DataType!.Value); // submitted at: a date number
        Assert.Equal("1", commune[9].InnerText);
        Assert.NotNull(sheet.Descendants<Pane>().Single(p => p.State! == PaneStateValues.Frozen));
    }
}
