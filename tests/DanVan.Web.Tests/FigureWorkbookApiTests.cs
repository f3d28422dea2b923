using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 20.2 and 20.6: the figures template and the plan's figures over /api/v1 and on the figures page.</summary>
[Collection(WebCollection.Name)]
public sealed class FigureWorkbookApiTests(DanVanWebFactory app)
{
    private sealed record World(int PlanId, int ReportId, string Staff, string Consolidator, string Neighbour);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Bảng Tính", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Bảng Tính", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Bảng Tính", UnitKind.Commune, province);
        var neighbour = await app.AddUnitAsync($"Y-{tag}", "Ủy ban nhân dân xã Bên Cạnh", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"lang.{tag}", neighbour, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var planId = await app.WithServicesAsync(async sp => await sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "61/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Số liệu công tác dân vận chính quyền",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures =
                [
                    new("Số đơn thư tiếp nhận", "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "1"),
                    new("Số đơn thư đã giải quyết", "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "2"),
                    new("Tỷ lệ đơn thư đã giải quyết", "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "3", Formula: "[2] / [1] × 100"),
                ],
                Rules = [new("[2] <= [1]")],
            },
            await app.ActorAsync($"snv.{tag}")));
        var reportId = await app.WithServicesAsync(async sp => await sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, await app.ActorAsync($"canbo.{tag}")));
        return new World(planId, reportId, $"canbo.{tag}", $"snv.{tag}", $"lang.{tag}");
    }

    /// <summary>The template with values typed into column C of the figures' rows (by our own writer: the API only reads cells).</summary>
    private static byte[] Filled(byte[] template, Dictionary<string, string> values)
    {
        var rows = Xlsx.ReadFirstSheet(new MemoryStream(template));
        return Xlsx.Write("Số liệu", [new("A", 8), new("B", 40), new("C", 12)], rows.Select(r => (IReadOnlyList<string>)[r[0], r[1], values.GetValueOrDefault(r[0], r[2])]).Skip(1));
    }

    private static ByteArrayContent Workbook(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        return content;
    }

    [Fact]
    public async Task PutFiguresXlsx_BadCells_ProblemPerCell_NothingSaved_ThenSaved_OthersRefused()
    {
        var w = await ArrangeAsync();
        var staff = await ApiClient.LogInAsync(app, w.Staff);
        var download = await staff.GetAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Xlsx.ContentType, download.Content.Headers.ContentType?.MediaType);
        var template = await download.Content.ReadAsByteArrayAsync();

        var bad = await staff.Client.PutAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx?version=0", Workbook(Filled(template, new() { ["1"] = "12,5", ["2"] = "abc" })));
        var problem = await ApiClient.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.StartsWith("C7 (1. Số đơn thư tiếp nhận): \"12,5\" không phải là số nguyên", errors.GetProperty("C7")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("C8", out _));
        await using (var db = app.NewDbContext())
        {
            Assert.False(await db.ReportFigures.AnyAsync(f => f.ReportId == w.ReportId));
        }

        var consolidator = await ApiClient.LogInAsync(app, w.Consolidator);
        var neighbour = await ApiClient.LogInAsync(app, w.Neighbour);
        var good = Filled(template, new() { ["1"] = "12", ["2"] = "9" });
        // The report is still the unit's draft: to the level above it does not exist yet.
        Assert.Equal(HttpStatusCode.NotFound, (await consolidator.Client.PutAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx?version=0", Workbook(good))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.Client.PutAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx?version=0", Workbook(good))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.Client.PutAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx", Workbook(good))).StatusCode);

        var saved = await staff.Client.PutAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx?version=0", Workbook(good));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (await ApiClient.ReadJsonAsync<JsonElement>(saved)).GetProperty("version").GetInt32());
        await using var after = app.NewDbContext();
        Assert.Equal(75m, await after.ReportFigures.Where(f => f.ReportId == w.ReportId && f.Name == "Tỷ lệ đơn thư đã giải quyết").Select(f => f.Value).SingleAsync());
    }

    [Fact]
    public async Task GetPlanFigures_ConsolidatorSeesSentUnits_JsonAndXlsx_UnitSeesItself()
    {
        var w = await ArrangeAsync();
        var staff = await ApiClient.LogInAsync(app, w.Staff);
        var template = await (await staff.GetAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx")).Content.ReadAsByteArrayAsync();
        await ApiClient.EnsureStatusAsync(await staff.Client.PutAsync($"/api/v1/reports/{w.ReportId}/figures.xlsx?version=0", Workbook(Filled(template, new() { ["1"] = "20", ["2"] = "15" }))), HttpStatusCode.OK);
        await app.WithServicesAsync(async sp => await sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = w.ReportId, Action = ReportAction.Submit, ExpectedVersion = 1 }, (await app.ActorAsync(w.Staff)) with { Roles = new HashSet<string> { Roles.Leader } }));
        var consolidator = await ApiClient.LogInAsync(app, w.Consolidator);

        var json = await consolidator.ReadAsync<JsonElement>($"/api/v1/plans/{w.PlanId}/figures?from=2025-Q1&to=2025-Q2");
        var xlsx = await consolidator.GetAsync($"/api/v1/plans/{w.PlanId}/figures?from=2025-Q1&format=xlsx");
        var wrongPeriod = await consolidator.GetAsync($"/api/v1/plans/{w.PlanId}/figures?from=2025-07");
        var own = await staff.ReadAsync<JsonElement>($"/api/v1/plans/{w.PlanId}/figures?from=2025-Q1");

        Assert.Equal(2, json.GetProperty("periods").GetArrayLength());
        var q1 = json.GetProperty("periods")[0];
        var unit = q1.GetProperty("groups")[0].GetProperty("units")[0];
        Assert.Equal(75m, unit.GetProperty("values").GetProperty("3").GetDecimal());
        Assert.Equal(75m, q1.GetProperty("total").GetProperty("values").GetProperty("3").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheet = Xlsx.ReadFirstSheet(await xlsx.Content.ReadAsStreamAsync());
        Assert.Contains(sheet, r => r[3] == "Ủy ban nhân dân xã Bảng Tính" && r[5] == "20" && r[7] == "75");
        Assert.Contains("kỳ khác", (await ApiClient.AssertProblemAsync(wrongPeriod, HttpStatusCode.BadRequest)).GetProperty("title").GetString() ?? "", StringComparison.Ordinal);
        Assert.Equal(1, own.GetProperty("periods")[0].GetProperty("total").GetProperty("reports").GetInt32());
    }

    [Fact]
    public async Task FiguresPage_UploadWithBadCell_ErrorsNameTheCell_400_ThenGoodFileSaved()
    {
        var w = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, w.Staff);
        var (_, page) = await browser.GetPageAsync($"/reports/{w.ReportId}/figures");
        Assert.NotNull(page.QuerySelector("#figures-template"));
        var template = await (await browser.Client.GetAsync($"/reports/{w.ReportId}/figures?handler=Template")).Content.ReadAsByteArrayAsync();

        var refused = await UploadAsync(browser, page, w.ReportId, Filled(template, new() { ["1"] = "10", ["2"] = "12" }));
        var refusedPage = await Browserless.ParseAsync(refused);
        var saved = await UploadAsync(browser, refusedPage, w.ReportId, Filled(template, new() { ["1"] = "12", ["2"] = "12" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("C8: Số đơn thư đã giải quyết (12) phải ≤ Số đơn thư tiếp nhận (10)", refusedPage.QuerySelector("#upload-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = app.NewDbContext();
        Assert.Equal(100m, await db.ReportFigures.Where(f => f.ReportId == w.ReportId && f.Name == "Tỷ lệ đơn thư đã giải quyết").Select(f => f.Value).SingleAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browserless browser, AngleSharp.Dom.IDocument page, int reportId, byte[] file)
    {
        var form = page.QuerySelector("#figures-upload")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("input[name='version']")!.GetAttribute("value")!), "version" },
        };
        var workbook = new ByteArrayContent(file);
        workbook.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        content.Add(workbook, "workbook", "so-lieu.xlsx");
        return await browser.Client.PostAsync(new Uri($"/reports/{reportId}/figures?handler=Upload", UriKind.Relative), content);
    }
}
