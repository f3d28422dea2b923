using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// POST /api/v1/reports/{id}/import (preview) and /import/{token} (apply) as an integration drives them: the same
/// service as the page, the same edit rules, ProblemDetails that say what went wrong.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImportApiTests(DanVanWebFactory app)
{
    private sealed record World(int ReportId, string Staff, string Colleague, string Consolidator, string Neighbour);

    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Nhập", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Nhập", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        var neighbour = await app.AddUnitAsync($"Y-{tag}", "Ủy ban nhân dân xã Bên Cạnh", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"dongnghiep.{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"lang.{tag}", neighbour, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        var reportId = await app.WithServicesAsync(async sp => await sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, await app.ActorAsync($"canbo.{tag}")));
        return new World(reportId, $"canbo.{tag}", $"dongnghiep.{tag}", $"snv.{tag}", $"lang.{tag}");
    }

    private static async Task<HttpResponseMessage> PreviewAsync(ApiClient api, int reportId, byte[] content, string fileName = "bao-cao.docx", string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reports/{reportId}/import");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        request.Content = new MultipartFormDataContent { { file, "file", fileName } };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await api.Client.SendAsync(request);
    }

    private static Task<byte[]> FixtureAsync(string name = "header-table.docx") => File.ReadAllBytesAsync(Fixtures.Import(name));

    private static async Task<JsonElement> PreviewOkAsync(ApiClient api, int reportId, string? language = null)
    {
        var response = await PreviewAsync(api, reportId, await FixtureAsync(), language: language);
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        return await ApiClient.ReadJsonAsync<JsonElement>(response);
    }

    [Fact]
    public async Task PreviewThenApply_AsStaff_ChoicesByIdAppliedAndTheNewVersionAnswered()
    {
        var w = await ArrangeAsync();
        var staff = await ApiClient.LogInAsync(app, w.Staff);

        var preview = await PreviewOkAsync(staff, w.ReportId);

        Assert.Matches("^[0-9a-f]{32}$", preview.GetProperty("token").GetString());
        Assert.Equal("2025-Q1", preview.GetProperty("period").GetString());
        var sections = preview.GetProperty("sections").EnumerateArray().ToList();
        var item1 = sections.Single(s => s.GetProperty("heading").GetString()!.StartsWith("1. Công tác lãnh", StringComparison.Ordinal));
        Assert.Equal("I.1", item1.GetProperty("target").GetString());
        var warning = Assert.Single(preview.GetProperty("warnings").EnumerateArray());
        Assert.Equal("StandardSectionMissing", warning.GetProperty("code").GetString());
        Assert.Equal("Không thấy mục chuẩn \"II. Đánh giá chung\" trong tệp.", warning.GetProperty("text").GetString());
        var figures = preview.GetProperty("figures").EnumerateArray().ToList();
        var reception = figures.Single(f => f.GetProperty("name").GetString() == "Số buổi tiếp công dân");
        await using (var db = app.NewDbContext())
        {
            Assert.Equal("", (await db.ReportSections.SingleAsync(s => s.ReportId == w.ReportId && s.Key == "I.1")).Text);
        }

        var applied = await staff.PostAsync(
            $"/api/v1/reports/{w.ReportId}/import/{preview.GetProperty("token").GetString()}",
            new { targets = new Dictionary<string, string> { [item1.GetProperty("id").GetString()!] = "skip" }, figures = new[] { reception.GetProperty("id").GetString() } });

        await ApiClient.EnsureStatusAsync(applied, HttpStatusCode.OK);
        var version = (await ApiClient.ReadJsonAsync<JsonElement>(applied)).GetProperty("version").GetInt32();
        await using var after = app.NewDbContext();
        var report = await after.Reports.Include(r => r.Sections).Include(r => r.Figures).SingleAsync(r => r.Id == w.ReportId);
        Assert.Equal(version, report.Version);
        Assert.Equal("", report.Sections.Single(s => s.Key == "I.1").Text);
        Assert.NotEqual("", report.Sections.Single(s => s.Key == "I.2").Text);
        Assert.Equal(["Số buổi tiếp công dân"], report.Figures.Select(f => f.Name));
        Assert.Equal("bao-cao.docx", (await after.ReportAttachments.SingleAsync(a => a.ReportId == w.ReportId)).FileName);
    }

    [Fact]
    public async Task Preview_EnglishAsked_WarningsInEnglishWithTheirCodes()
    {
        var w = await ArrangeAsync();

        var preview = await PreviewOkAsync(await ApiClient.LogInAsync(app, w.Staff), w.ReportId, "en");

        var warning = Assert.Single(preview.GetProperty("warnings").EnumerateArray());
        Assert.Equal("The standard section \"II. Đánh giá chung\" was not found.", warning.GetProperty("text").GetString());
        Assert.Equal(["II. Đánh giá chung"], warning.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Import_ConsolidatorOnceSent403_OtherUnit404_BeforeTheFileIsRead()
    {
        var w = await ArrangeAsync();
        var leaderUnit = (await app.ActorAsync(w.Staff)).UnitId;
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = w.ReportId, Action = ReportAction.Submit }, new Actor("", "lanhdao", "Lãnh đạo", leaderUnit, new HashSet<string> { Roles.Leader })));

        var consolidator = await PreviewAsync(await ApiClient.LogInAsync(app, w.Consolidator), w.ReportId, await FixtureAsync());
        var neighbour = await PreviewAsync(await ApiClient.LogInAsync(app, w.Neighbour), w.ReportId, await FixtureAsync());

        await ApiClient.AssertProblemAsync(consolidator, HttpStatusCode.Forbidden);
        await ApiClient.AssertProblemAsync(neighbour, HttpStatusCode.NotFound);
        await using var db = app.NewDbContext();
        Assert.False(await db.StagedUploads.AnyAsync(s => s.ReportId == w.ReportId));
    }

    [Fact]
    public async Task Apply_AColleaguesToken_404_AnUnknownOne404()
    {
        var w = await ArrangeAsync();
        var preview = await PreviewOkAsync(await ApiClient.LogInAsync(app, w.Staff), w.ReportId);
        var colleague = await ApiClient.LogInAsync(app, w.Colleague);

        var theirs = await colleague.PostAsync($"/api/v1/reports/{w.ReportId}/import/{preview.GetProperty("token").GetString()}", new { });
        var unknown = await colleague.PostAsync($"/api/v1/reports/{w.ReportId}/import/{new string('a', 32)}", new { });

        var problem = await ApiClient.AssertProblemAsync(theirs, HttpStatusCode.NotFound);
        Assert.Contains("hết hạn hoặc không còn", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await ApiClient.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Apply_ReportChangedSincePreview_409AndNothingImported()
    {
        var w = await ArrangeAsync();
        var staff = await ApiClient.LogInAsync(app, w.Staff);
        var preview = await PreviewOkAsync(staff, w.ReportId);
        await ApiClient.EnsureStatusAsync(await staff.SaveSectionAsync(w.ReportId, "I.1", "Bản của đồng nghiệp", 0), HttpStatusCode.OK);

        var applied = await staff.PostAsync($"/api/v1/reports/{w.ReportId}/import/{preview.GetProperty("token").GetString()}", new { });

        var problem = await ApiClient.AssertProblemAsync(applied, HttpStatusCode.Conflict);
        Assert.Contains("Tải tệp lên lại", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.Equal("Bản của đồng nghiệp", (await db.ReportSections.SingleAsync(s => s.ReportId == w.ReportId && s.Key == "I.1")).Text);
        Assert.False(await db.ReportAttachments.AnyAsync(a => a.ReportId == w.ReportId));
    }

    [Fact]
    public async Task Preview_FileOverTheLimit_413SayingTheLimit()
    {
        var w = await ArrangeAsync();
        var bytes = new byte[(20 * 1024 * 1024) + 200_000];
        "PK\u0003\u0004"u8.CopyTo(bytes);

        var response = await PreviewAsync(await ApiClient.LogInAsync(app, w.Staff), w.ReportId, bytes);

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("lớn hơn 20 MB", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated.docx", "bị hỏng hoặc tải lên chưa hết")]
    [InlineData("password.docx", "đặt mật khẩu")]
    [InlineData("empty.docx", "rỗng (0 byte)")]
    public async Task Preview_UnreadableFile_400WithTheReason(string fixture, string reason)
    {
        var w = await ArrangeAsync();

        var response = await PreviewAsync(await ApiClient.LogInAsync(app, w.Staff), w.ReportId, await FixtureAsync(fixture));

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(reason, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("File")[0].GetString(), StringComparison.Ordinal);
    }
}
