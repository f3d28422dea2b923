using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>The import preview's corrections (move a paragraph, mark the closing) and a Word 97-2003 upload, over real forms.</summary>
[Collection(WebCollection.Name)]
public sealed class ImportCorrectionsPageTests(DanVanWebFactory app)
{
    [Fact]
    public async Task Preview_MoveParagraphAndMarkClosing_AppliedOnConfirm()
    {
        var (staff, _, id) = await new ImportPageTests(app).ArrangeAsync();
        var preview = await Browserless.ParseAsync(await ImportPageTests.UploadAsync(staff, id, "tratan-q1.docx"));
        var rows = preview.QuerySelectorAll("#paragraphs tbody tr").ToList();
        var moved = rows.FindIndex(r => r.Children[1].TextContent.StartsWith("Ủy ban nhân dân xã đã tích cực", StringComparison.Ordinal));
        var task8 = rows.FindIndex(r => r.Children[1].TextContent.StartsWith("8. Phối hợp với ủy ban Mặt trận", StringComparison.Ordinal));
        Assert.True(moved >= 0 && task8 >= 0, "paragraphs not listed");
        var toItem2 = ((IHtmlSelectElement)rows[moved].QuerySelector("select")!).Options.First(o => o.Text.StartsWith("Chuyển sang: 2. Công tác tuyên truyền", StringComparison.Ordinal)).Value;
        Assert.Contains("1 đoạn", preview.QuerySelector("#closing-row")!.TextContent, StringComparison.Ordinal);
        var choices = new Dictionary<string, string> { [$"Input.Paragraphs[{moved}]"] = toItem2, [$"Input.Paragraphs[{task8}]"] = "closing" };

        // "Cập nhật xem trước": the choices shown applied, still nothing saved.
        var form = (IHtmlFormElement)preview.QuerySelector("#confirm")!;
        form.SetAttribute("action", $"/reports/{id}/import?handler=Edit");
        var edited = await staff.PostFormAsync(form, $"/reports/{id}/import", choices);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var page = await Browserless.ParseAsync(edited);
        Assert.Contains("2 đoạn", page.QuerySelector("#closing-row")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(toItem2, ((IHtmlSelectElement)page.QuerySelectorAll("#paragraphs select")[moved]).Value);
        var item2 = page.QuerySelectorAll("#mapping tbody tr").First(r => r.Children[0].TextContent.StartsWith("2. Công tác tuyên truyền", StringComparison.Ordinal));
        var item2Key = ((IHtmlSelectElement)item2.QuerySelector("select")!).Value!;
        await using (var db = app.NewDbContext())
        {
            Assert.False(await db.ReportAttachments.AnyAsync(a => a.ReportId == id));
        }

        var confirmed = await staff.PostFormAsync((IHtmlFormElement)page.QuerySelector("#confirm")!, $"/reports/{id}/import?handler=Confirm", []);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using var after = app.NewDbContext();
        var sections = await after.ReportSections.Where(s => s.ReportId == id).ToDictionaryAsync(s => s.Key, s => s.Text);
        // Moved back into item 2: after item 2's own paragraph, and in no other section.
        Assert.StartsWith("UBND xã đã đưa tin tuyên truyền", sections[item2Key], StringComparison.Ordinal);
        Assert.Contains("\nỦy ban nhân dân xã đã tích cực", sections[item2Key], StringComparison.Ordinal);
        Assert.Single(sections.Values, t => t.Contains("Ủy ban nhân dân xã đã tích cực", StringComparison.Ordinal));
        Assert.StartsWith("8. Phối hợp với ủy ban Mặt trận", sections["closing"], StringComparison.Ordinal);
        Assert.EndsWith("của UBND xã Trà Tân./.", sections["closing"], StringComparison.Ordinal);
        Assert.DoesNotContain(sections.Where(s => s.Key != "closing"), s => s.Value.Contains("Trên đây là báo cáo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_LegacyDoc_ConvertedWithLibreOfficeThenImported()
    {
        var (staff, _, id) = await new ImportPageTests(app).ArrangeAsync();

        var response = await ImportPageTests.UploadAsync(staff, id, "legacy.doc", "bao-cao-cu.doc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browserless.ParseAsync(response);
        Assert.Contains("15/BC-UBND", page.QuerySelector("#recognised")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("bao-cao-cu.docx", page.QuerySelector("#recognised")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("đã được LibreOffice chuyển sang .docx", page.QuerySelector("#warnings")!.TextContent, StringComparison.Ordinal);

        var confirmed = await staff.PostFormAsync((IHtmlFormElement)page.QuerySelector("#confirm")!, $"/reports/{id}/import?handler=Confirm", []);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using var db = app.NewDbContext();
        Assert.Equal("bao-cao-cu.docx", (await db.ReportAttachments.SingleAsync(a => a.ReportId == id)).FileName);
        Assert.StartsWith("Căn cứ văn bản của UBND tỉnh", (await db.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == "I.1")).Text, StringComparison.Ordinal);
    }
}
