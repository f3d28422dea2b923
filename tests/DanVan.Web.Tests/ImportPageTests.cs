using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>"Nhập từ file Word": upload → preview → confirm, with real fixture files and real forms.</summary>
[Collection(WebCollection.Name)]
public sealed class ImportPageTests(DanVanWebFactory app)
{
    internal async Task<(Browserless Staff, Browserless Consolidator, int ReportId)> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var staff = await Browserless.LogInAsync(app, $"canbo.{tag}");
        var created = await staff.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "2025-Q1" });
        return (staff, await Browserless.LogInAsync(app, $"snv.{tag}"), Browserless.ReportIdFrom(created));
    }

    internal static async Task<HttpResponseMessage> UploadAsync(Browserless browser, int reportId, string? fixture, string fileName = "bao-cao.docx") =>
        await UploadBytesAsync(browser, reportId, fixture is null ? null : await File.ReadAllBytesAsync(Fixtures.Import(fixture)), fileName);

    private static async Task<HttpResponseMessage> UploadBytesAsync(Browserless browser, int reportId, byte[]? content, string fileName)
    {
        var (_, page) = await browser.GetPageAsync($"/reports/{reportId}/import");
        var token = ((IHtmlInputElement)page.QuerySelector("#upload input[name='__RequestVerificationToken']")!).Value;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (content is not null)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            form.Add(file, "file", fileName);
        }

        return await browser.Client.PostAsync($"/reports/{reportId}/import?handler=Upload", form);
    }

    [Fact]
    public async Task Upload_LockedPeriod_RefusedWithTheLockAsEveryEditIs()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var consolidator = await app.ActorAsync($"snv.{tag}");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        // Q1/2025 locked on its deadline day; an exception lets the unit start its report, then lapses.
        await app.WithServicesAsync(async sp =>
        {
            var plans = sp.GetRequiredService<PlanService>();
            var planId = await plans.CreateAsync(PlanInput.Draft(new DateOnly(2025, 1, 2)) with { Number = "08/KH-SNV", Summary = "Báo cáo quý", FirstPeriod = "2025-Q1", LockAfterDays = 0 }, consolidator);
            await plans.GrantExceptionAsync(planId, commune, "2025-Q1", today.AddDays(3), "Bổ sung theo yêu cầu", consolidator);
            return planId;
        });
        var staff = await Browserless.LogInAsync(app, $"canbo.{tag}");
        var id = Browserless.ReportIdFrom(await staff.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "2025-Q1" }));
        await using (var db = app.NewDbContext())
        {
            await db.LockExceptions.Where(x => x.UnitId == commune).ExecuteDeleteAsync();
        }

        var response = await UploadAsync(staff, id, "header-table.docx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Kỳ báo cáo đã khoá sổ sau ngày", (await Browserless.ParseAsync(response)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Preview_SavesNothingThenConfirmImportsAndKeepsOriginal()
    {
        var (staff, _, id) = await ArrangeAsync();

        var preview = await UploadAsync(staff, id, "header-table.docx");
        var page = await Browserless.ParseAsync(preview);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("15/BC-UBND", page.QuerySelector("#recognised")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Số buổi tiếp công dân", page.QuerySelector("#found-figures")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("đã hết hiệu lực", page.QuerySelector("#citations tr.problem")!.TextContent, StringComparison.Ordinal);
        var mapping = page.QuerySelectorAll("#mapping select").Cast<IHtmlSelectElement>().Select(s => s.Value).ToList();
        Assert.Contains("I.1", mapping);
        Assert.Contains("I.3", mapping);
        var warnings = page.QuerySelector("#warnings")!.TextContent;
        Assert.Contains("Không thấy mục chuẩn \"II. Đánh giá chung\"", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("was not found", warnings, StringComparison.Ordinal);
        await using (var db = app.NewDbContext())
        {
            Assert.False(await db.ReportAttachments.AnyAsync(a => a.ReportId == id));
            Assert.Equal("", (await db.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == "I.1")).Text);
        }

        var confirmed = await staff.PostFormAsync((IHtmlFormElement)page.QuerySelector("#confirm")!, $"/reports/{id}/import?handler=Confirm", []);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using var after = app.NewDbContext();
        var attachment = await after.ReportAttachments.SingleAsync(a => a.ReportId == id);
        Assert.Equal(("bao-cao.docx", new FileInfo(Fixtures.Import("header-table.docx")).Length), (attachment.FileName, attachment.Size));
        Assert.StartsWith("Căn cứ văn bản của UBND tỉnh", (await after.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == "I.1")).Text, StringComparison.Ordinal);
        Assert.Contains(await after.ReportFigures.Where(f => f.ReportId == id).ToListAsync(), f => f.Name == "Số buổi tiếp công dân" && f.Value == 12);
        Assert.Contains(await after.ReportTransitions.Where(t => t.ReportId == id).Select(t => t.Comment).ToListAsync(), c => c != null && c.StartsWith("Nhập từ tệp Word", StringComparison.Ordinal));

        // The original is listed on the report and downloads byte for byte; other units cannot reach it.
        var (_, reportPage) = await staff.GetPageAsync($"/reports/{id}");
        var link = reportPage.QuerySelector("#attachments a")!.GetAttribute("href")!;
        var download = await staff.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Fixtures.Import("header-table.docx")), await download.Content.ReadAsByteArrayAsync());
        var (stranger, _, _) = await ArrangeAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(link)).StatusCode);
    }

    [Theory]
    [InlineData("not-a-zip.docx", "không phải văn bản Word")]
    [InlineData("password.docx", "đặt mật khẩu")]
    [InlineData("zip-bomb.docx", "quá lớn")]
    public async Task Upload_BadFile_400WithVietnameseReason(string fixture, string reason)
    {
        var (staff, _, id) = await ArrangeAsync();

        var response = await UploadAsync(staff, id, fixture);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, Browserless.Errors(await Browserless.ParseAsync(response)), StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.False(await db.ReportAttachments.AnyAsync(a => a.ReportId == id));
    }

    [Theory]
    [InlineData(20 * 1024 * 1024 + 200_000)]
    [InlineData(60_000_000)]
    public async Task Upload_OverTheLimit_400SayingSoNotAGenericError(int size)
    {
        var (staff, _, id) = await ArrangeAsync();
        var bytes = new byte[size];
        "PK\u0003\u0004"u8.CopyTo(bytes);

        var response = await UploadBytesAsync(staff, id, bytes, "báo cáo lớn.docx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lớn hơn 20 MB", Browserless.Errors(await Browserless.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_EmptyFile_400SayingItIsEmpty()
    {
        var (staff, _, id) = await ArrangeAsync();

        var response = await UploadBytesAsync(staff, id, [], "rong.docx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rỗng (0 byte)", Browserless.Errors(await Browserless.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NoFile_400AskingForOne()
    {
        var (staff, _, id) = await ArrangeAsync();

        var response = await UploadAsync(staff, id, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Chọn tệp Word", Browserless.Errors(await Browserless.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_Consolidator_NotFoundOnTheDraft_ForbiddenOnceSent()
    {
        var (_, consolidator, id) = await ArrangeAsync();

        // The unit's draft (and any Word original it uploads) is its own; once sent, it is the unit's to change.
        var draft = await consolidator.Client.GetAsync($"/reports/{id}/import");
        await app.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var unitId = (await reports.GetAsync(id, DanVanWebFactory.SystemAdmin(0))).UnitId;
            return await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, new Actor("", "lanhdao", "Lãnh đạo", unitId, new HashSet<string> { Roles.Leader }));
        });
        var sent = await consolidator.Client.GetAsync($"/reports/{id}/import");

        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sent.StatusCode);
    }
}
