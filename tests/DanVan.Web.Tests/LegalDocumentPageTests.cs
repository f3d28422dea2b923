using System.Net;
using DanVan.Core.Access;
using DanVan.Core.Audit;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 17 item 11: administrators keep the legal-document registry from a page; a report lists what it cites with its status.</summary>
[Collection(WebCollection.Name)]
public sealed class LegalDocumentPageTests(DanVanWebFactory app)
{
    private static Dictionary<string, string> Form(string number, string type = "kế hoạch") => new()
    {
        ["Input.Number"] = number,
        ["Input.Type"] = type,
        ["Input.Title"] = "Thực hiện công tác dân vận chính quyền năm 2025",
        ["Input.IssuedOn"] = "10/01/2025",
        ["Input.Issuer"] = "Ủy ban nhân dân tỉnh Thử",
        ["Input.SupersededBy"] = "",
        ["Input.SupersededFrom"] = "",
        ["Input.Source"] = "Công báo tỉnh Thử số 5/2025",
    };

    private async Task<Browserless> AdminAsync(string tag)
    {
        var unit = await app.AddUnitAsync($"VB-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department);
        await app.AddUserAsync($"qtv.{tag}", unit, Roles.Admin);
        return await Browserless.LogInAsync(app, $"qtv.{tag}");
    }

    [Fact]
    public async Task Admin_AddsThenMarksReplaced_ListShowsStatusAndAuditHasBoth()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var number = $"{Random.Shared.Next(100, 9999)}/KH-{tag.ToUpperInvariant()}";
        var browser = await AdminAsync(tag);

        var added = await browser.SubmitAsync("/admin/legal-documents", "#document-form form", Form(number));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, page) = await browser.GetPageAsync("/admin/legal-documents");
        var row = page.QuerySelectorAll("#legal-documents tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Contains("Còn hiệu lực", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("do quản trị thêm", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("34/2007/PL-UBTVQH11", page.QuerySelector("#legal-documents")!.TextContent, StringComparison.Ordinal);

        var form = Form(number);
        form["Input.SupersededBy"] = "10/2022/QH15";
        form["Input.SupersededFrom"] = "01/03/2025";
        var edited = await browser.SubmitAsync($"/admin/legal-documents?edit={Uri.EscapeDataString(number)}", "#document-form form", form);

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        (_, page) = await browser.GetPageAsync("/admin/legal-documents");
        row = page.QuerySelectorAll("#legal-documents tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Contains("Hết hiệu lực từ 01/03/2025, thay bằng 10/2022/QH15", row.TextContent, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.Equal([AuditKind.LegalDocumentAdded, AuditKind.LegalDocumentChanged],
            await db.AuditEvents.Where(e => e.Target == number).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task Admin_TypeContradictsNumber_400WithTheReasonAndNothingSaved()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var number = $"{Random.Shared.Next(100, 9999)}/QĐ-{tag.ToUpperInvariant()}";
        var browser = await AdminAsync(tag);

        var refused = await browser.SubmitAsync("/admin/legal-documents", "#document-form form", Form(number, "kế hoạch"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Browserless.ParseAsync(refused);
        Assert.Contains("là của quyết định, không phải kế hoạch", Browserless.Errors(page), StringComparison.Ordinal);
        Assert.Equal(number, page.QuerySelector("#Input_Number")!.GetAttribute("value"));
        await using var db = app.NewDbContext();
        Assert.False(await db.LegalDocuments.AnyAsync(d => d.Number == number));
    }

    [Fact]
    public async Task Staff_RegistryPage_Refused()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var unit = await app.AddUnitAsync($"VBX-{tag}", "Ủy ban nhân dân xã Thử", UnitKind.Commune);
        await app.AddUserAsync($"canbo.{tag}", unit, Roles.Staff);
        var browser = await Browserless.LogInAsync(app, $"canbo.{tag}");

        var response = await browser.Client.GetAsync("/admin/legal-documents");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReportPage_CitesReplacedOrdinance_ListedAsReplacedWithTheLawThatReplacedIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var commune = await app.AddUnitAsync($"VBR-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff);
        var id = await app.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var staff = await app.ActorAsync($"canbo.{tag}");
            var report = await reports.CreateAsync(new CreateReport { Period = "2025-03" }, staff);
            await reports.SaveSectionAsync(new SaveSection
            {
                ReportId = report,
                Key = "I.1",
                Text = "Tiếp tục thực hiện Pháp lệnh số 34/2007/PL-UBTVQH11 và Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.",
                ExpectedVersion = 0,
            }, staff);
            return report;
        });
        var browser = await Browserless.LogInAsync(app, $"canbo.{tag}");

        var (response, page) = await browser.GetPageAsync($"/reports/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("#cited-documents tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Hết hiệu lực từ 01/07/2023, thay bằng 10/2022/QH15", rows[0], StringComparison.Ordinal);
        Assert.Contains("nên trích dẫn văn bản thay thế", rows[0], StringComparison.Ordinal);
        Assert.Contains("Còn hiệu lực", rows[1], StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#edit-legal-documents"));

        // The registry page has no room in the administrator's menu: the list of a report's cited documents leads there.
        await app.AddUserAsync($"qtv.{tag}", commune, Roles.Admin);
        var admin = await Browserless.LogInAsync(app, $"qtv.{tag}");
        var (_, seen) = await admin.GetPageAsync($"/reports/{id}");
        Assert.Equal("/admin/legal-documents", seen.QuerySelector("#cited-documents a#edit-legal-documents")?.GetAttribute("href"));
    }
}
