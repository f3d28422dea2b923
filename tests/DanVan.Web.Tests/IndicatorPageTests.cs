using System.Net;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 20.1: derived indicators and rules through the plan form, the figures page and the API — one Core rule for all.</summary>
[Collection(WebCollection.Name)]
public sealed class IndicatorPageTests(DanVanWebFactory app)
{
    private const string Received = "Số đơn thư tiếp nhận";
    private const string Resolved = "Số đơn thư đã giải quyết";
    private const string Rate = "Tỷ lệ đơn thư đã giải quyết";

    private sealed record World(int PlanId, int ReportId, string Staff, string Consolidator, Dictionary<string, int> Ids);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Chỉ Tiêu", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Chỉ Tiêu", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Chỉ Tiêu", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var staff = await app.ActorAsync($"canbo.{tag}");
        var planId = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "157/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Thực hiện công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures =
                [
                    new("Tiếp nhận, giải quyết đơn thư", null, FigureKind.Heading, Rollup.None, Code: "2"),
                    new(Received, "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "2.1"),
                    new(Resolved, "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "2.2"),
                    new(Rate, "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "2.3", Formula: "[2.2] / [2.1] × 100"),
                ],
                Rules = [new("[2.2] <= [2.1]")],
            },
            consolidator));
        var reportId = await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
        await using var db = app.NewDbContext();
        var ids = await db.PlanFigures.Where(f => f.PlanId == planId).ToDictionaryAsync(f => f.Name, f => f.Id);
        return new World(planId, reportId, $"canbo.{tag}", $"snv.{tag}", ids);
    }

    private async Task<Dictionary<string, decimal>> SavedAsync(int reportId)
    {
        await using var db = app.NewDbContext();
        return await db.ReportFigures.Where(f => f.ReportId == reportId).ToDictionaryAsync(f => f.Name, f => f.Value);
    }

    private static string Field(AngleSharp.Dom.IDocument page, string figure) =>
        page.QuerySelector($"#figures input[aria-label='{figure}']")!.GetAttribute("name")!;

    [Fact]
    public async Task FiguresPage_DerivedRateShownInWordsAndComputed_RuleBrokenShownBesideTheFigure_NothingSaved()
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Staff);
        var (_, form) = await browser.GetPageAsync($"/reports/{w.ReportId}/figures");
        var derived = form.QuerySelector("#figures tr[data-code='2.3']")!;
        Assert.Contains("Số đơn thư đã giải quyết ÷ Số đơn thư tiếp nhận × 100", derived.TextContent, StringComparison.Ordinal);
        Assert.Null(derived.QuerySelector("input[name$='.Value']"));

        var refused = await browser.SubmitAsync($"/reports/{w.ReportId}/figures", "#figures-form", new() { [Field(form, Received)] = "10", [Field(form, Resolved)] = "12" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Browserless.ParseAsync(refused);
        Assert.Contains("Số đơn thư đã giải quyết (12) phải ≤ Số đơn thư tiếp nhận (10)", page.QuerySelector("#figures tr[data-code='2.2'] .field-validation-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("12", page.QuerySelector($"input[name='{Field(form, Resolved)}']")!.GetAttribute("value"));
        Assert.Empty(await SavedAsync(w.ReportId));

        var saved = await browser.SubmitAsync($"/reports/{w.ReportId}/figures", "#figures-form", new() { [Field(form, Received)] = "12", [Field(form, Resolved)] = "9" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(75m, (await SavedAsync(w.ReportId))[Rate]);
        var (_, again) = await browser.GetPageAsync($"/reports/{w.ReportId}/figures");
        Assert.Equal("75", again.QuerySelector("#figures tr[data-code='2.3'] output")!.TextContent.Trim());
    }

    [Fact]
    public async Task FiguresApi_RuleBroken_ProblemWithTheRuleText_PlanApiGivesTheFormulaInWords()
    {
        var w = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, w.Staff);

        var problem = await ApiClient.AssertProblemAsync(await api.PutAsync($"/api/v1/reports/{w.ReportId}/figures", new
        {
            figures = new object[] { new { name = Received, value = 3m, unitOfMeasure = "đơn", planFigureId = w.Ids[Received] }, new { name = Resolved, value = 5m, unitOfMeasure = "đơn", planFigureId = w.Ids[Resolved] } },
            version = 0,
        }), HttpStatusCode.BadRequest);

        Assert.Contains("Số đơn thư đã giải quyết (5) phải ≤ Số đơn thư tiếp nhận (3)", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty(await SavedAsync(w.ReportId));
        var plan = await (await ApiClient.LogInAsync(app, w.Consolidator)).ReadAsync<JsonElement>($"/api/v1/plans/{w.PlanId}");
        var rate = plan.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "2.3");
        Assert.Equal("Số đơn thư đã giải quyết ÷ Số đơn thư tiếp nhận × 100", rate.GetProperty("formulaInWords").GetString());
        Assert.Equal("[2.2] <= [2.1]", plan.GetProperty("rules")[0].GetProperty("expression").GetString());
    }

    [Fact]
    public async Task PlanForm_FormulaCitingAMissingFigureOrRateByMinimum_400BesideTheFigure_RowsKept()
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Consolidator);
        var (_, edit) = await browser.GetPageAsync($"/plans/edit/{w.PlanId}");
        Assert.Equal("[2.2] / [2.1] × 100", edit.QuerySelector("input[name='Input.Figures[3].Formula']")!.GetAttribute("value"));

        var unknown = await browser.SubmitAsync($"/plans/edit/{w.PlanId}", "form.plan-form", new() { ["Input.Figures[3].Formula"] = "[2.2] / [2.9] × 100" });
        var minimum = await browser.SubmitAsync($"/plans/edit/{w.PlanId}", "form.plan-form", new() { ["Input.Figures[3].Formula"] = "", ["Input.Figures[3].Rollup"] = "Min" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var page = await Browserless.ParseAsync(unknown);
        Assert.Contains("Chỉ tiêu 2.3: không có chỉ tiêu số [2.9].", Browserless.Errors(page), StringComparison.Ordinal);
        Assert.Contains("Chỉ tiêu 2.3: không có chỉ tiêu số [2.9].", page.QuerySelector("#plan-figures tbody tr:nth-child(4) .field-validation-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("[2.2] / [2.9] × 100", page.QuerySelector("input[name='Input.Figures[3].Formula']")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.BadRequest, minimum.StatusCode);
        Assert.Contains("không lấy nhỏ nhất hay lớn nhất", Browserless.Errors(await Browserless.ParseAsync(minimum)), StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.Equal("[2.2] / [2.1] × 100", await db.PlanFigures.Where(f => f.Id == w.Ids[Rate]).Select(f => f.Formula).SingleAsync());
    }
}
