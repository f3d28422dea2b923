using System.Net;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The consolidator drafts the consolidated report from the dashboard, traces its parts and edits it.</summary>
[Collection(WebCollection.Name)]
public sealed class ConsolidationPageTests(DanVanWebFactory app)
{
    private const string Directive = "Tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến cán bộ, công chức.";

    [Fact]
    public async Task ConsolidateButton_DraftsReportWithSources_EditKeptOnRefresh()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Hòa Thử", UnitKind.Commune, province);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        await app.AddUserAsync($"ld.{tag}", commune, Roles.Leader);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = today.Day >= 15 ? ReportingPeriod.Month(today.AddMonths(1).Year, today.AddMonths(1).Month) : ReportingPeriod.Month(today.Year, today.Month);
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var planId = await app.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(today) with
            {
                Number = "42/KH-UBND",
                Summary = "Báo cáo hằng tháng",
                PeriodType = PeriodType.Month,
                FirstPeriod = ReportingPeriod.Month(today.AddMonths(-2).Year, today.AddMonths(-2).Month).ToString(),
                Figures = [new("Số buổi đối thoại với Nhân dân", "buổi", FigureKind.WholeNumber, Rollup.Sum, Code: "1")],
            },
            consolidator));
        var communeReport = await app.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var leader = await app.ActorAsync($"ld.{tag}");
            var id = await reports.CreateAsync(new CreateReport { Period = period.ToString() }, leader);
            var figure = await sp.GetRequiredService<DanVanDbContext>().PlanFigures.Where(f => f.PlanId == planId).Select(f => f.Id).SingleAsync();
            await reports.SaveFiguresAsync(new SaveFigures { ReportId = id, ExpectedVersion = 0, Figures = [new FigureInput("Số buổi đối thoại với Nhân dân", 3, "buổi", figure)] }, leader);
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.2", Text = Directive, ExpectedVersion = 0 }, leader);
            await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
            return id;
        });
        var browser = await Browserless.LogInAsync(app, $"snv.{tag}");

        var created = await browser.SubmitAsync($"/consolidation?plan={planId}&period={period}", "#consolidate-form", []);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var draftUrl = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/consolidation/draft/", draftUrl, StringComparison.Ordinal);
        var reportId = int.Parse(draftUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var (response, page) = await browser.GetPageAsync(draftUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var section = page.QuerySelector("#section-I\\.2")!;
        Assert.Contains("UBND xã Hòa Thử t" + Directive[1..], section.TextContent, StringComparison.Ordinal);
        Assert.NotNull(section.QuerySelector($"details.sources a[href='/reports/{communeReport}']"));
        var intro = page.QuerySelector("#section-intro")!.TextContent;
        Assert.Contains("Số đơn vị phải báo cáo: 1; đã gửi báo cáo: 1", intro, StringComparison.Ordinal);
        // The figures appendix as a workbook, from the draft page.
        var workbook = await browser.Client.GetAsync(page.QuerySelector("#draft-figures-xlsx")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var rows = Core.Spreadsheets.Xlsx.ReadFirstSheet(await workbook.Content.ReadAsStreamAsync());
        Assert.Contains(rows, r => r[2] == $"X-{tag}" && r[5] == "3");

        var saved = await browser.SubmitAsync(draftUrl, "#edit-I\\.2", new() { ["Input.Text"] = "Đoạn do cán bộ tổng hợp viết lại." });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, edited) = await browser.GetPageAsync(draftUrl);
        Assert.NotNull(edited.QuerySelector("#section-I\\.2 .edited"));

        // As the committee's drafting staff the consolidator may also bring in a Word file (preview only here).
        var preview = await ImportPageTests.UploadAsync(browser, reportId, "header-table.docx");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.NotNull((await Browserless.ParseAsync(preview)).QuerySelector("#confirm"));

        var refreshed = await browser.SubmitAsync($"/consolidation?plan={planId}&period={period}", "#consolidate-form", []);

        Assert.Equal(HttpStatusCode.Redirect, refreshed.StatusCode);
        var (_, after) = await browser.GetPageAsync(draftUrl);
        Assert.Contains("Giữ nguyên các mục đã được sửa", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var text = await app.WithServicesAsync(sp => sp.GetRequiredService<DanVanDbContext>().ReportSections.Where(s => s.ReportId == reportId && s.Key == "I.2").Select(s => s.Text).SingleAsync());
        Assert.Equal("Đoạn do cán bộ tổng hợp viết lại.", text);
        Assert.True(await app.WithServicesAsync(sp => sp.GetRequiredService<DanVanDbContext>().ConsolidationDrafts.AnyAsync(d => d.ReportId == reportId && d.PlanId == planId)));

        // The province's leader issues what Sở Nội vụ drafted: it takes the committee's next number.
        await app.AddUserAsync($"ct.{tag}", province, Roles.Leader, "Võ Thành Nam");
        var leader = await Browserless.LogInAsync(app, $"ct.{tag}");
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync($"/reports/{reportId}?confirm=Submit", "form[action*='handler=Submit']", [])).StatusCode);
        var (_, issued) = await leader.GetPageAsync($"/reports/{reportId}");
        Assert.Contains($"01/BC-UBND", issued.QuerySelector("#downloads")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_StaffOfAUnit_Forbidden()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Cấm", UnitKind.Commune);
        await app.AddUserAsync($"cb.{tag}", commune, Roles.Staff);
        var browser = await Browserless.LogInAsync(app, $"cb.{tag}");

        var (response, _) = await browser.GetPageAsync("/consolidation/draft/1");

        // Pages under /consolidation are for consolidators: others are sent to the access-denied page.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/status/403", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
