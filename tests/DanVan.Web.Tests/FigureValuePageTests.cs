using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 16.3: "95.5" is 95,5 % on the figures page, and the page and the API refuse what the plan's figure cannot be.</summary>
[Collection(WebCollection.Name)]
public sealed class FigureValuePageTests(DanVanWebFactory app)
{
    private const string Rate = "Tỷ lệ giải quyết đơn thư";
    private const string Meetings = "Số cuộc đối thoại với Nhân dân";

    private sealed record World(int ReportId, string Staff, int Rate, int Meetings);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Số Liệu", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Số Liệu", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Số Liệu", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var staff = await app.ActorAsync($"canbo.{tag}");
        var planId = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "156/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Thực hiện công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures = [new(Rate, "%", FigureKind.DecimalNumber, Rollup.Mean), new(Meetings, "cuộc", FigureKind.WholeNumber, Rollup.Sum)],
            },
            consolidator));
        var reportId = await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
        await using var db = app.NewDbContext();
        var ids = await db.PlanFigures.Where(f => f.PlanId == planId).ToDictionaryAsync(f => f.Name, f => f.Id);
        return new World(reportId, $"canbo.{tag}", ids[Rate], ids[Meetings]);
    }

    private async Task<decimal?> SavedAsync(int reportId, int planFigureId)
    {
        await using var db = app.NewDbContext();
        return await db.ReportFigures.Where(f => f.ReportId == reportId && f.PlanFigureId == planFigureId).Select(f => (decimal?)f.Value).SingleOrDefaultAsync();
    }

    /// <summary>The form field of the figure's value, found by what the user sees beside it.</summary>
    private static async Task<string> FieldAsync(Browserless browser, int reportId, string figure)
    {
        var (_, page) = await browser.GetPageAsync($"/reports/{reportId}/figures");
        return page.QuerySelector($"#figures input[aria-label='{figure}']")!.GetAttribute("name")!;
    }

    [Theory]
    [InlineData("95,5")]
    [InlineData("95.5")]
    public async Task FiguresPage_PercentTypedWithCommaOrDot_Saved95Point5AndShownAs95Comma5(string typed)
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Staff);
        var field = await FieldAsync(browser, w.ReportId, Rate);

        var saved = await browser.SubmitAsync($"/reports/{w.ReportId}/figures", "#figures-form", new() { [field] = typed });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(95.5m, await SavedAsync(w.ReportId, w.Rate));
        var (_, details) = await browser.GetPageAsync($"/reports/{w.ReportId}?tab=figures");
        Assert.Contains("95,5", details.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var (_, form) = await browser.GetPageAsync($"/reports/{w.ReportId}/figures");
        Assert.Equal("95,5", form.QuerySelector($"input[name='{field}']")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData(Rate, "955", "từ 0 đến 100")]
    [InlineData(Rate, "95.500", "không rõ là số nghìn hay số thập phân")]
    [InlineData(Meetings, "12,5", "không phải là số nguyên")]
    [InlineData(Meetings, "12.5", "không phải là số nguyên")]
    public async Task FiguresPage_ValueThePlansFigureCannotBe_400WithTheReasonAndTheTypedValueKept(string figure, string typed, string reason)
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Staff);
        var field = await FieldAsync(browser, w.ReportId, figure);

        var refused = await browser.SubmitAsync($"/reports/{w.ReportId}/figures", "#figures-form", new() { [field] = typed });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Browserless.ParseAsync(refused);
        Assert.Contains($"{figure}: \"{typed}\"", Browserless.Errors(page), StringComparison.Ordinal);
        Assert.Contains(reason, Browserless.Errors(page), StringComparison.Ordinal);
        Assert.Equal(typed, page.QuerySelector($"input[name='{field}']")!.GetAttribute("value"));
        Assert.Null(await SavedAsync(w.ReportId, figure == Rate ? w.Rate : w.Meetings));
    }

    [Fact]
    public async Task FiguresPage_DecimalFigureOfTheReportsOwnWithOneDotBeforeThreeDigits_RefusedAsAmbiguous()
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Staff);

        var refused = await browser.SubmitAsync($"/reports/{w.ReportId}/figures", "#figures-form", new()
        {
            ["Input.Figures[2].Name"] = "Kinh phí hỗ trợ",
            ["Input.Figures[2].Value"] = "1.234",
            ["Input.Figures[2].UnitOfMeasure"] = "triệu đồng",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("viết 1234 nếu là số nghìn, 1,234 nếu là số thập phân", Browserless.Errors(await Browserless.ParseAsync(refused)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiguresApi_FractionForAWholeNumberOrPercentOver100_ProblemAndNothingSaved()
    {
        var w = await ArrangeAsync();
        var api = await ApiClient.LogInAsync(app, w.Staff);
        Task<HttpResponseMessage> PutAsync(params object[] figures) => api.PutAsync($"/api/v1/reports/{w.ReportId}/figures", new { figures, version = 0 });

        var fraction = await ApiClient.AssertProblemAsync(await PutAsync(new { name = Meetings, value = 12.5m, unitOfMeasure = "cuộc", planFigureId = w.Meetings }), HttpStatusCode.BadRequest);
        var over = await ApiClient.AssertProblemAsync(await PutAsync(new { name = Rate, value = 955m, unitOfMeasure = "%", planFigureId = w.Rate }), HttpStatusCode.BadRequest);
        var ownOver = await ApiClient.AssertProblemAsync(await PutAsync(new { name = "Tỷ lệ hài lòng", value = 120m, unitOfMeasure = "%" }), HttpStatusCode.BadRequest);

        Assert.Contains("không phải là số nguyên", fraction.GetProperty("errors").GetProperty("Figures[0].Value")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("0 đến 100", over.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("0 đến 100", ownOver.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Null(await SavedAsync(w.ReportId, w.Meetings));
        await ApiClient.EnsureStatusAsync(await PutAsync(new { name = Rate, value = 95.5m, unitOfMeasure = "%", planFigureId = w.Rate }, new { name = Meetings, value = 12m, unitOfMeasure = "cuộc", planFigureId = w.Meetings }), HttpStatusCode.OK);
        Assert.Equal((95.5m, 12m), (await SavedAsync(w.ReportId, w.Rate), await SavedAsync(w.ReportId, w.Meetings)));
    }
}
