using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>Issue 20.3 and 19.3: the figures page, the dashboard and the API compare with earlier periods, across a merger.</summary>
[Collection(WebCollection.Name)]
public sealed class FigureComparisonPageTests(DanVanWebFactory app)
{
    [Fact]
    public async Task FiguresPage_MergedCommune_ComparedWithItsPredecessorsSummedAndSaysWhyWhereItCannot()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var browser = await Browserless.LogInAsync(app, w.Staff);

        var (_, page) = await browser.GetPageAsync($"/reports/{w.Report}/figures");

        var citizens = page.QuerySelector("#figures-comparison tr[data-code='1']")!;
        Assert.Equal("100", citizens.QuerySelector("[data-base='previous']")!.TextContent.Trim());
        Assert.Contains("+12 (+12 %)", citizens.QuerySelector("[data-change='previous']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("tăng 12 % so với kỳ trước (quý II năm 2025)", citizens.TextContent, StringComparison.Ordinal);
        Assert.Contains("Không so sánh được: UBND xã Trà Tân không có báo cáo đã gửi quý III năm 2024", citizens.QuerySelector("[data-change='last-year']")!.TextContent, StringComparison.Ordinal);
        var rate = page.QuerySelector("#figures-comparison tr[data-code='2.3']")!;
        Assert.Equal("75", rate.QuerySelector("[data-base='previous']")!.TextContent.Trim());
        Assert.Contains("tăng 5 điểm % so với kỳ trước", rate.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ConsolidatorsScope_RolledUpFiguresBesideBothEarlierPeriods()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var browser = await Browserless.LogInAsync(app, w.Consolidator);

        var (_, page) = await browser.GetPageAsync($"/consolidation?plan={w.Plan}&period=2025-Q3");
        // The page comes without the figures: its script fetches them into the slot, whose link shows them in the page.
        var slot = page.QuerySelector("#scope-figures")!;
        var (_, fetched) = await browser.GetPageAsync(slot.GetAttribute("data-load")!);
        var (_, linked) = await browser.GetPageAsync(slot.QuerySelector("a")!.GetAttribute("href")!);

        Assert.Null(page.QuerySelector("#scope-comparison"));
        Assert.Null(fetched.QuerySelector("h1")); // the section alone, without the layout
        Assert.NotNull(fetched.QuerySelector("#scope-charts-link"));
        Assert.Equal(fetched.QuerySelector("#scope-comparison")!.TextContent, linked.QuerySelector("#scope-comparison")!.TextContent);
        var section = fetched.QuerySelector("#scope-comparison")!;
        Assert.Contains("kỳ này 1, kỳ trước 2, cùng kỳ năm trước 0 báo cáo", section.TextContent, StringComparison.Ordinal);
        var citizens = section.QuerySelector("tr[data-code='1']")!;
        Assert.Equal(("112", "100"), (citizens.QuerySelectorAll("td")[2].TextContent.Trim(), citizens.QuerySelector("[data-base='previous']")!.TextContent.Trim()));
        Assert.Contains("Không so sánh được", citizens.QuerySelector("[data-change='last-year']")!.TextContent, StringComparison.Ordinal);
        // Every unit has sent: the "Đôn đốc" card says there is no one to remind rather than standing empty.
        Assert.Null(page.QuerySelector("#nudge-button"));
        Assert.Contains("không còn đơn vị nào phải nhắc", page.QuerySelector("#nudge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AsOfAPastDay_CountsOnlyTheReportsSentByThen()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        await using (var db = app.NewDbContext())
        {
            // The successor sent its Q3/2025 report on 5/10/2025 (Vietnam time).
            await db.Reports.Where(r => r.Id == w.Report).ExecuteUpdateAsync(u => u.SetProperty(r => r.SubmittedAt, new DateTime(2025, 10, 5, 2, 0, 0, DateTimeKind.Utc)));
        }

        var browser = await Browserless.LogInAsync(app, w.Consolidator);

        var (_, before) = await browser.GetPageAsync($"/consolidation?plan={w.Plan}&period=2025-Q3&on=2025-10-04&comparison=true");
        var (_, sent) = await browser.GetPageAsync($"/consolidation?plan={w.Plan}&period=2025-Q3&on=2025-10-05&handler=Comparison");

        Assert.Contains("kỳ này 0, kỳ trước 2, cùng kỳ năm trước 0 báo cáo", before.QuerySelector("#scope-comparison")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("kỳ này 1, kỳ trước 2, cùng kỳ năm trước 0 báo cáo", sent.QuerySelector("#scope-comparison")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_CompareFigures_ChangeWithBaseDifferencePercentAndWords()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        var api = await ApiClient.LogInAsync(app, w.Staff);

        var body = await api.ReadAsync<System.Text.Json.JsonElement>($"/api/v1/reports/{w.Report}/figures/comparison");

        Assert.Equal(("2025-Q3", "2025-Q2", "2024-Q3"), (body.GetProperty("period").GetString(), body.GetProperty("previousPeriod").GetString(), body.GetProperty("samePeriodLastYear").GetString()));
        var citizens = body.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "1");
        var previous = citizens.GetProperty("previous");
        Assert.Equal((100m, 12m, 12m), (previous.GetProperty("base").GetDecimal(), previous.GetProperty("difference").GetDecimal(), previous.GetProperty("percent").GetDecimal()));
        var lastYear = citizens.GetProperty("samePeriodLastYear");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lastYear.GetProperty("difference").ValueKind);
        Assert.Equal("No comparison: UBND xã Trà Tân sent no report for 2024-Q3", lastYear.GetProperty("english").GetString());
    }
}
