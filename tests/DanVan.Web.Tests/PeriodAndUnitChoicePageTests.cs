using System.Net;
using AngleSharp.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Periods and units chosen from lists in words, not typed as codes, with links that carry codes still working.</summary>
[Collection(WebCollection.Name)]
public sealed class PeriodAndUnitChoicePageTests(DanVanWebFactory app)
{
    private sealed record World(string Tag, string CommuneCode, Browserless Consolidator, int PlanId);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{tag}", $"Ủy ban nhân dân tỉnh Chọn {tag}", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", $"Sở Nội vụ tỉnh Chọn {tag}", UnitKind.Department, province, province);
        await app.AddUnitAsync($"X-{tag}", $"Ủy ban nhân dân xã Chọn {tag}", UnitKind.Commune, province);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var planId = await app.WithServicesAsync(async sp => await sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2018, 12, 1)) with
            {
                Number = "7/KH-UBND",
                Summary = "Kế hoạch cũ",
                PeriodType = PeriodType.Quarter,
                FirstPeriod = "2019-Q1",
                LastPeriod = "2019-Q4",
            },
            await app.ActorAsync($"snv.{tag}")));
        return new World(tag, $"X-{tag}", await Browserless.LogInAsync(app, $"snv.{tag}"), planId);
    }

    private static void AssertInWords(IElement select)
    {
        Assert.Equal("SELECT", select.TagName);
        Assert.All(select.QuerySelectorAll("option[value]:not([value=''])"), o =>
            Assert.Equal(DanVan.Web.Infrastructure.Display.Period(o.GetAttribute("value")!), o.TextContent));
    }

    [Fact]
    public async Task PlanForm_FirstAndLastPeriod_SelectsInWords_AnOldPlansPeriodsKeptAndChosen()
    {
        var w = await ArrangeAsync();

        var (_, blank) = await w.Consolidator.GetPageAsync("/plans/edit");
        var (response, old) = await w.Consolidator.GetPageAsync($"/plans/edit/{w.PlanId}");

        AssertInWords(blank.QuerySelector("#Input_FirstPeriod")!);
        Assert.NotEmpty(blank.QuerySelectorAll("#Input_FirstPeriod optgroup"));
        Assert.Equal("", blank.QuerySelector("#Input_LastPeriod option[selected]")?.GetAttribute("value") ?? "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertInWords(old.QuerySelector("#Input_FirstPeriod")!);
        Assert.Equal("Quý I năm 2019", old.QuerySelector("#Input_FirstPeriod option[selected]")!.TextContent);
        Assert.Equal("Quý IV năm 2019", old.QuerySelector("#Input_LastPeriod option[selected]")!.TextContent);
        var saved = await w.Consolidator.SubmitAsync($"/plans/edit/{w.PlanId}", "form.plan-form", new() { ["Input.Summary"] = "Kế hoạch cũ, sửa" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithoutPlan_PeriodSelectInWords_AnOldLinksPeriodChosen()
    {
        var w = await ArrangeAsync();

        var (response, page) = await w.Consolidator.GetPageAsync("/consolidation?plan=0&period=2023-07");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("input#period"));
        AssertInWords(page.QuerySelector("select#period")!);
        Assert.Equal("Tháng 7 năm 2023", page.QuerySelector("#period option[selected]")!.TextContent);
    }

    [Fact]
    public async Task Search_UnitFilter_SelectOfNames_AnOldLinkWithACodeInAnyCaseChoosesItsUnit()
    {
        var w = await ArrangeAsync();

        var (response, page) = await w.Consolidator.GetPageAsync($"/search?q=dân+vận&unit={w.CommuneCode.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", Browserless.Errors(page));
        var select = page.QuerySelector("select#unit")!;
        Assert.Equal(w.CommuneCode, select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal($"— Ủy ban nhân dân xã Chọn {w.Tag}", select.QuerySelector("option[selected]")!.TextContent.Trim());
        Assert.Contains(select.QuerySelectorAll("option"), o => o.TextContent.Trim() == $"Ủy ban nhân dân tỉnh Chọn {w.Tag}");
        Assert.DoesNotContain(select.QuerySelectorAll("option"), o => o.TextContent.Contains("Thử", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_FromAndToPeriods_SelectsInWords_AnOldLinksPeriodsChosen()
    {
        var w = await ArrangeAsync();

        var (response, page) = await w.Consolidator.GetPageAsync("/search?q=dân+vận&from=2019-01&to=2019-Q4");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", Browserless.Errors(page));
        AssertInWords(page.QuerySelector("select#from")!);
        AssertInWords(page.QuerySelector("select#to")!);
        Assert.Equal("Tháng 01 năm 2019", page.QuerySelector("#from option[selected]")!.TextContent);
        Assert.Equal("Quý IV năm 2019", page.QuerySelector("#to option[selected]")!.TextContent);
    }
}
