using System.Net;
using System.Text.Json;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

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

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(" ,", ",", StringComparison.Ordinal);
}
