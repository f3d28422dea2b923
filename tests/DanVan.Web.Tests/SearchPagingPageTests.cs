using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 16.2: the search page with no stray error line, each filter label with its own control, and page 2.</summary>
[Collection(WebCollection.Name)]
public sealed class SearchPagingPageTests(DanVanWebFactory app)
{
    [Fact]
    public async Task SearchPage_MoreThanAPageOfHits_NoErrorLine_LabelsWithTheirControls_PageTwoReachable()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Phân Trang", UnitKind.Province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Phân Trang", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        var written = 0;
        foreach (var period in new[] { "2025-Q1", "2025-Q2", "2025-Q3" })
        {
            written += await WriteEverySectionAsync(commune, period, $"Tổ chức đối thoại ở thôn Kon{tag}.");
        }

        var staff = await Browserless.LogInAsync(app, $"canbo.{tag}");

        var (response, first) = await staff.GetPageAsync($"/search?q=kon{tag}&sort=Date");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", Browserless.Errors(first));
        Assert.Null(first.QuerySelector(".validation-summary-errors"));
        Assert.DoesNotContain("không hợp lệ", first.Body!.TextContent, StringComparison.Ordinal);
        foreach (var label in first.QuerySelectorAll(".filters label[for]"))
        {
            var control = first.GetElementById(label.GetAttribute("for")!);
            Assert.NotNull(control);
            Assert.Same(label.NextElementSibling, control);
            Assert.Equal(1, label.ParentElement!.QuerySelectorAll("input, select").Length);
        }

        Assert.True(written > 20, $"{written} sections written");
        var pages = (written + 19) / 20;
        Assert.Contains($"Trang 1/{pages}", first.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(20, first.QuerySelectorAll(".searchresults li").Length);
        var next = first.QuerySelectorAll(".pager a").Single(a => a.TextContent.Contains("Trang sau", StringComparison.Ordinal)).GetAttribute("href")!;

        var (nextResponse, second) = await staff.GetPageAsync(next);

        Assert.Equal(HttpStatusCode.OK, nextResponse.StatusCode);
        Assert.Equal("", Browserless.Errors(second));
        Assert.Contains($"Trang 2/{pages}", second.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Math.Min(written - 20, 20), second.QuerySelectorAll(".searchresults li").Length);
        var firstLinks = first.QuerySelectorAll(".searchresults li").Select(li => li.TextContent).ToHashSet();
        Assert.DoesNotContain(second.QuerySelectorAll(".searchresults li"), li => firstLinks.Contains(li.TextContent));
        Assert.Contains($"q=kon{tag}", next, StringComparison.Ordinal);
        Assert.Contains("sort=Date", next, StringComparison.Ordinal);
    }

    /// <summary>Writes the text into every section of a new report; the number of sections written.</summary>
    private Task<int> WriteEverySectionAsync(int unitId, string period, string text) => app.WithServicesAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var staff = DanVanWebFactory.SystemAdmin(unitId) with { Roles = new HashSet<string> { Roles.Staff } };
        var id = await reports.CreateAsync(new CreateReport { Period = period }, staff);
        var sections = (await reports.GetAsync(id, staff)).Sections;
        foreach (var section in sections)
        {
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = section.Key, Text = $"{section.Heading}: {text}", ExpectedVersion = section.Version }, staff);
        }

        return sections.Count;
    });
}
