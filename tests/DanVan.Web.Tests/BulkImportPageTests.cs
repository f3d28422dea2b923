using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>"Nhập báo cáo các đơn vị gửi bằng file Word" on the dashboard: several real files in one form, a result per file.</summary>
[Collection(WebCollection.Name)]
public sealed class BulkImportPageTests(DanVanWebFactory app)
{
    private sealed record Arranged(string Tag, int PlanId, int AnBinh, int HoaPhu, Browserless Consolidator);

    /// <summary>A province with a monthly plan from January 2025 (locking <paramref name="lockAfterDays"/> after the deadline, or never) and the communes of the March 2025 fixtures.</summary>
    private async Task<Arranged> ArrangeAsync(int? lockAfterDays = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var anBinh = await app.AddUnitAsync($"ANBINH-{tag}", "Ủy ban nhân dân xã An Bình", UnitKind.Commune, province);
        var hoaPhu = await app.AddUnitAsync($"HOAPHU-{tag}", "Ủy ban nhân dân xã Hòa Phú", UnitKind.Commune, province);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var planId = await app.WithServicesAsync(async sp => await sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2024, 12, 21)) with
            {
                Number = "42/KH-UBND",
                Summary = "Công tác dân vận chính quyền năm 2025",
                PeriodType = PeriodType.Month,
                FirstPeriod = "2025-01",
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                LockAfterDays = lockAfterDays,
            },
            await app.ActorAsync($"snv.{tag}")));
        return new Arranged(tag, planId, anBinh, hoaPhu, await Browserless.LogInAsync(app, $"snv.{tag}"));
    }

    /// <summary>Posts the dashboard's form with these fixture files, as a browser sends a multiple file input.</summary>
    private static async Task<HttpResponseMessage> PostAsync(Browserless browser, int planId, string status, params (string Fixture, string Name)[] files)
    {
        var (_, page) = await browser.GetPageAsync($"/consolidation?plan={planId}&period=2025-03");
        var form = (IHtmlFormElement)page.QuerySelector("#bulk-import")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name='__RequestVerificationToken']")!).Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(status), "Status" } };
        foreach (var (fixture, name) in files)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(Fixtures.Import(fixture)));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            content.Add(file, "files", name);
        }

        return await browser.Client.PostAsync(form.Action, content);
    }

    [Fact]
    public async Task Post_TwoReportsAndADamagedFile_ResultPerFileReportsCreatedAsSent()
    {
        var a = await ArrangeAsync();

        var response = await PostAsync(a.Consolidator, a.PlanId, "Sent", ("bulk/an-binh.docx", "an-binh.docx"), ("bulk/hoa-phu.docx", "Hòa Phú tháng 3.docx"), ("truncated.docx", "hong.docx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browserless.ParseAsync(response);
        var rows = page.QuerySelectorAll("#import-results tbody tr").ToList();
        Assert.Equal(["created", "created", "failed"], rows.Select(r => r.GetAttribute("data-outcome")));
        Assert.Equal("Hòa Phú tháng 3.docx", rows[1].QuerySelector("td")!.TextContent);
        Assert.Contains("Ủy ban nhân dân xã An Bình", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Tệp .docx bị hỏng", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Equal(("2", "0", "1"), (page.QuerySelector("#count-created")!.TextContent, page.QuerySelector("#count-skipped")!.TextContent, page.QuerySelector("#count-failed")!.TextContent));
        await using var db = app.NewDbContext();
        var created = await db.Reports.Where(r => r.UnitId == a.AnBinh || r.UnitId == a.HoaPhu).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([ReportStatus.Submitted, ReportStatus.Submitted], created.Select(r => r.Status));
        Assert.Equal(created.Select(r => $"/reports/{r.Id}"), rows.Take(2).Select(r => r.QuerySelector("a")!.GetAttribute("href")));
        Assert.Equal("Hòa Phú tháng 3.docx", await db.ReportAttachments.Where(x => x.ReportId == created[1].Id).Select(x => x.FileName).SingleAsync());

        // The dashboard counts them: An Bình sent on 17/3 (on time), Hòa Phú on 24/3 (after the 20th).
        var (_, dashboard) = await a.Consolidator.GetPageAsync($"/consolidation?plan={a.PlanId}&period=2025-03");
        Assert.Equal(("1", "1"), (dashboard.QuerySelector("#stat-ontime")!.TextContent, dashboard.QuerySelector("#stat-late")!.TextContent));
    }

    [Fact]
    public async Task Post_LockedPeriodWithoutException_RefusedPerFileWithTheReason()
    {
        var a = await ArrangeAsync(lockAfterDays: 5);

        var response = await PostAsync(a.Consolidator, a.PlanId, "Draft", ("bulk/an-binh.docx", "an-binh.docx"));

        var row = (await Browserless.ParseAsync(response)).QuerySelector("#import-results tbody tr")!;
        Assert.Equal("failed", row.GetAttribute("data-outcome"));
        Assert.Contains("Kỳ báo cáo đã khoá sổ sau ngày 25/03/2025", row.TextContent, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.False(await db.Reports.AnyAsync(r => r.UnitId == a.AnBinh));
    }

    [Fact]
    public async Task Post_NoFiles_400AskingForThem()
    {
        var a = await ArrangeAsync();

        var response = await PostAsync(a.Consolidator, a.PlanId, "Draft");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Chọn các tệp Word (.docx) cần nhập.", Browserless.Errors(await Browserless.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_UnitStaff_Forbidden()
    {
        var a = await ArrangeAsync();
        await app.AddUserAsync($"canbo.{a.Tag}", a.AnBinh, Roles.Staff);
        var staff = await Browserless.LogInAsync(app, $"canbo.{a.Tag}");

        var response = await staff.Client.GetAsync($"/consolidation/import?plan={a.PlanId}&period=2025-03");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
