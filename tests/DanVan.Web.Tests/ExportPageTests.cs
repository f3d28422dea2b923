using System.Net;
using DanVan.Core.Access;
using DanVan.Core.Export;
using DanVan.Core.OrgUnits;
using DanVan.Core.Word;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>"Tải về Word"/"Tải về PDF" on the report page and GET /api/v1/reports/{id}/docx|pdf, after the leader issues the report.</summary>
[Collection(WebCollection.Name)]
public sealed class ExportPageTests(DanVanWebFactory app)
{
    private async Task<(Browserless Leader, string Tag, int ReportId)> IssuedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Quảng Ngãi", UnitKind.Province);
        await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Quảng Ngãi", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        await app.AddUserAsync($"lanhdao.{tag}", commune, Roles.Leader, "Đinh Văn Sơn");
        var staff = await Browserless.LogInAsync(app, $"canbo.{tag}");
        var id = Browserless.ReportIdFrom(await staff.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "2025-Q1" }));
        await staff.SubmitAsync($"/reports/{id}", "form[action*='handler=SendToLeader']", []);
        var leader = await Browserless.LogInAsync(app, $"lanhdao.{tag}");
        await leader.SubmitAsync($"/reports/{id}?confirm=Submit", "form[action*='handler=Submit']", []);
        return (leader, tag, id);
    }

    [Fact]
    public async Task DownloadWord_IssuedReport_NumberedDecree30Document()
    {
        var (leader, _, id) = await IssuedAsync();

        var (_, page) = await leader.GetPageAsync($"/reports/{id}");
        var href = page.QuerySelector("#download-docx")!.GetAttribute("href")!;
        var response = await leader.Client.GetAsync(new Uri(href, UriKind.Relative));

        Assert.Contains("01/BC-UBND", page.QuerySelector("#downloads")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportExportService.DocxType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("-2025-Q1.docx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var imported = DocxReader.Read(await response.Content.ReadAsStreamAsync());
        Assert.Equal("01/BC-UBND", imported.DocumentNumber);
        // "ỦY BAN NHÂN DÂN" / "XÃ TRÀ TÂN", both bold: one issuer on two lines (issue 17, item 9), no parent body.
        Assert.Equal(("ỦY BAN NHÂN DÂN XÃ TRÀ TÂN", null), (imported.Issuer, imported.ParentIssuer));
        Assert.Equal("Đinh Văn Sơn", imported.Signer?.Name);
        Assert.Equal(["Như trên", "Lưu: VT, VP"], imported.Recipients);
        Assert.Contains(imported.AllSections(), s => s.Heading == "II. ĐÁNH GIÁ CHUNG");
    }

    [Fact]
    public async Task DownloadWord_AfterTheSignerWasPromoted_SignatureBlockAsIssued()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Quảng Ngãi", UnitKind.Province);
        await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Quảng Ngãi", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        await app.AddUserAsync($"lanhdao.{tag}", commune, Roles.Leader, "Đinh Văn Sơn");
        var userId = (await app.ActorAsync($"lanhdao.{tag}")).UserId;
        async Task SetAsync(string name, string title) => await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<UserAdminService>().UpdateAsync(
                new UpdateUser { UserId = userId, FullName = name, JobTitle = title, UnitId = commune, Role = Roles.Leader }, DanVanWebFactory.SystemAdmin(province));
            return 0;
        });
        await SetAsync("Đinh Văn Sơn", "Phó Chủ tịch");
        var leader = await Browserless.LogInAsync(app, $"lanhdao.{tag}");
        var id = Browserless.ReportIdFrom(await leader.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "2025-Q1" }));
        await leader.SubmitAsync($"/reports/{id}?confirm=Submit", "form[action*='handler=Submit']", []);

        await SetAsync("Đinh Văn Sơn Mới", "Chủ tịch");
        var again = await Browserless.LogInAsync(app, $"lanhdao.{tag}");
        var (_, page) = await again.GetPageAsync($"/reports/{id}");
        var href = page.QuerySelector("#download-docx")!.GetAttribute("href")!;
        var signer = DocxReader.Read(await (await again.Client.GetAsync(new Uri(href, UriKind.Relative))).Content.ReadAsStreamAsync()).Signer!;

        // As issued (a deputy signing for the chair, under the name then), not the chair's own block with the new name.
        Assert.Equal(("PHÓ CHỦ TỊCH", "Đinh Văn Sơn"), (signer.Title, signer.Name));
    }

    [Fact]
    public async Task Api_DocxAndPdf_ForOwnUnit_AndNotFoundForAnotherUnit()
    {
        var (_, tag, id) = await IssuedAsync();
        var (_, otherTag, _) = await IssuedAsync();
        var api = await ApiClient.LogInAsync(app, $"canbo.{tag}");
        var stranger = await ApiClient.LogInAsync(app, $"canbo.{otherTag}");

        var docx = await api.GetAsync($"/api/v1/reports/{id}/docx");
        var pdf = await api.GetAsync($"/api/v1/reports/{id}/pdf");
        var hidden = await stranger.GetAsync($"/api/v1/reports/{id}/docx");

        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(ReportExportService.DocxType, docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("01/BC-UBND", DocxReader.Read(await docx.Content.ReadAsStreamAsync()).DocumentNumber);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        await ApiClient.AssertProblemAsync(hidden, HttpStatusCode.NotFound);
    }
}
