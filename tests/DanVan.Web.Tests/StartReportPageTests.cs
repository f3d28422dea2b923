using System.Net;
using System.Text.RegularExpressions;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>
/// "Lập báo cáo mới" offers the periods open now, in words, and nothing else; a period not yet open is refused by the
/// page and the API alike; the filters choose periods and units by name.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class StartReportPageTests(DanVanWebFactory app)
{
    private async Task<(int Commune, string Staff)> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", $"Ủy ban nhân dân xã Thử {tag}", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        return (commune, $"canbo.{tag}");
    }

    /// <summary>A quarter of next year: its data window begins on 15/3 at the earliest, after any day this test runs.</summary>
    private static ReportingPeriod NotYetOpen() => ReportingPeriod.Quarter(VietnamTime.Today(TimeProvider.System).Year + 1, 2);

    [Fact]
    public async Task CreateReport_PeriodNotOpenYet_400SayingWhenItOpensAndNothingSaved()
    {
        var (commune, staff) = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, staff);
        var period = NotYetOpen();

        var response = await browser.SubmitAsync("/reports", "#new-report form", new() { ["Input.Period"] = period.ToString() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Kỳ quý II năm {period.Year} chưa mở: báo cáo kỳ này lập được từ ngày 15/03/{period.Year}.", Browserless.Errors(await Browserless.ParseAsync(response)), StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.False(await db.Reports.AnyAsync(r => r.UnitId == commune));
    }

    [Fact]
    public async Task ApiCreateReport_PeriodNotOpenYet_400Problem()
    {
        var (commune, staff) = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, staff);

        var response = await api.PostAsync("/api/v1/reports", new { period = NotYetOpen().ToString() });

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("chưa mở", problem.ToString(), StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.False(await db.Reports.AnyAsync(r => r.UnitId == commune));
    }

    [Fact]
    public async Task ReportsPage_PeriodsAndUnitsChosenFromListsInWords()
    {
        var (_, staff) = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, staff);
        var today = VietnamTime.Today(TimeProvider.System);
        var lastMonth = ReportingPeriod.Month(today.Year, today.Month).Previous();
        var created = await browser.SubmitAsync("/reports", "#new-report form", new() { ["Input.Period"] = lastMonth.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var (_, page) = await browser.GetPageAsync("/reports");

        // No box to type a code into: a list of the periods open now, named as a report names them.
        Assert.Null(page.QuerySelector("input[name='Input.Period']"));
        var options = page.QuerySelectorAll("#new-report select[name='Input.Period'] option").ToList();
        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.Matches(Words(), o.TextContent));
        Assert.All(options, o => Assert.True(ReportingPeriod.Parse(o.GetAttribute("value")!).Window(PeriodSemantics.Decree09).Start <= today, o.TextContent));
        Assert.Contains(options, o => o.TextContent == "Tháng " + ReportingPeriod.Month(today.Year, today.Month).ToVietnamese()[6..]);
        Assert.DoesNotContain(options, o => o.GetAttribute("value") == lastMonth.ToString());
        // The filters: the period in words, the unit by its name.
        Assert.Null(page.QuerySelector("form.filters input[name='Period']"));
        Assert.Contains(page.QuerySelectorAll("select#Period option"), o => o.TextContent == "Tháng " + lastMonth.ToVietnamese()[6..] && o.GetAttribute("value") == lastMonth.ToString());
        Assert.Contains(page.QuerySelectorAll("select#Unit option"), o => o.TextContent.StartsWith("Ủy ban nhân dân xã Thử", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(Tháng \d{1,2} năm \d{4}|Quý [IV]+ năm \d{4}|6 tháng (đầu|cuối) năm \d{4}|9 tháng năm \d{4}|Năm \d{4})( — theo Kế hoạch số .+)?$")]
    private static partial Regex Words();
}
