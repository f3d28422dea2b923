using System.Net;

namespace DanVan.Tests;

/// <summary>Issue 20.4: each figure charted over the last 12 periods (and by unit for a scope) on the report pages, the dashboard and the API.</summary>
[Collection(WebCollection.Name)]
public sealed class FigureChartPageTests(DanVanWebFactory app)
{
    [Fact]
    public async Task ReportPages_MergedCommune_ChartWithItsNumbersAsATable_PredecessorsSummed()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var browser = await Browserless.LogInAsync(app, w.Staff);

        foreach (var url in new[] { $"/reports/{w.Report}/figures", $"/reports/{w.Report}?tab=figures" })
        {
            var (response, page) = await browser.GetPageAsync(url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var citizens = page.QuerySelector("#charts figure[data-code='1']")!;
            var svg = citizens.QuerySelector("svg.figure-chart")!;
            Assert.Equal("img", svg.GetAttribute("role"));
            Assert.Contains("Quý II năm 2025: 100; Quý III năm 2025: 112.", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
            var rows = citizens.QuerySelectorAll("table.chart-numbers tbody tr").Select(Cells).ToList();
            Assert.Equal(12, rows.Count);
            Assert.Equal("Quý IV năm 2022", rows[0][0]);
            Assert.Equal(["Quý II năm 2025", "100"], rows[^2]);
            Assert.Equal(["Quý III năm 2025", "112"], rows[^1]);
            // The row is Q1 2025: its reason says why without naming the period again.
            Assert.Equal("Quý I năm 2025", rows[^3][0]);
            Assert.EndsWith("không có báo cáo đã gửi", rows[^3][1], StringComparison.Ordinal);
            Assert.DoesNotContain("quý I năm 2025", rows[^3][1], StringComparison.OrdinalIgnoreCase);
            Assert.Equal(["1", "2.1", "2.2", "2.3"], page.QuerySelectorAll("#charts figure").Select(f => f.GetAttribute("data-code")));
        }
    }

    [Fact]
    public async Task Dashboard_ConsolidatorsScope_SeriesRolledUpAndThePeriodByUnit()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var browser = await Browserless.LogInAsync(app, w.Consolidator);

        var (_, plain) = await browser.GetPageAsync($"/consolidation?plan={w.Plan}&period=2025-Q3&comparison=true");
        var (_, page) = await browser.GetPageAsync(plain.QuerySelector("#scope-charts-link a")!.GetAttribute("href")!);

        Assert.Null(plain.QuerySelector("#scope-charts"));
        var rate = page.QuerySelector("#scope-charts figure[data-code='2.3']")!;
        Assert.Equal(2, rate.QuerySelectorAll("svg.figure-chart").Length);
        Assert.Contains("Quý II năm 2025: 75; Quý III năm 2025: 80.", rate.QuerySelector("svg desc")!.TextContent, StringComparison.Ordinal);
        var byUnit = rate.QuerySelector("table[data-chart$='-units'] tbody")!.QuerySelectorAll("tr").Select(Cells).ToList();
        Assert.Equal([["UBND xã Trà Tân Mới", "80"]], byUnit);
    }

    [Fact]
    public async Task Api_SeriesAsJsonAndChartAsSvg_UnknownFigureNotFound()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var api = await ApiClient.LogInAsync(app, w.Staff);

        var body = await api.ReadAsync<System.Text.Json.JsonElement>($"/api/v1/reports/{w.Report}/figures/series");
        var svg = await api.GetAsync($"/api/v1/reports/{w.Report}/figures/chart/2.3.svg");
        var missing = await api.GetAsync($"/api/v1/reports/{w.Report}/figures/chart/9.svg");

        Assert.Equal("2025-Q3", body.GetProperty("period").GetString());
        var citizens = body.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "1");
        var points = citizens.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal((12, "2025-Q2", 100m), (points.Count, points[^2].GetProperty("period").GetString(), points[^2].GetProperty("value").GetDecimal()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, points[^3].GetProperty("value").ValueKind);
        Assert.EndsWith("sent no report", points[^3].GetProperty("whyEnglish").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, citizens.GetProperty("byUnit").ValueKind);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ApiClient.AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private static string[] Cells(AngleSharp.Dom.IElement row) => [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];
}
