using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>Accounts at province scale: the users workbook in and out of the admin pages, and the user's own account page.</summary>
[Collection(WebCollection.Name)]
public sealed class UserAccountPageTests(DanVanWebFactory app)
{
    private static readonly SheetColumn[] Header =
        [new("Tên đăng nhập", 20), new("Họ và tên", 20), new("Đơn vị", 30), new("Vai trò", 20), new("Email", 20), new("Chức danh", 20)];

    private sealed record Arranged(string Tag, string ProvinceCode, string CommuneCode, Browserless Admin);

    private async Task<Arranged> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var code = tag.ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{code}", $"Ủy ban nhân dân tỉnh Thử {code}", UnitKind.Province);
        await app.AddUnitAsync($"X-{code}", $"Ủy ban nhân dân xã An Bình {code}", UnitKind.Commune, province);
        await app.AddUserAsync($"qt.{tag}", province, Roles.Admin);
        return new Arranged(tag, $"P-{code}", $"X-{code}", await Browserless.LogInAsync(app, $"qt.{tag}"));
    }

    private static byte[] Workbook(params string[][] rows) => Xlsx.Write("Người dùng", Header, rows.Select(r => (IReadOnlyList<string>)r));

    private static async Task<HttpResponseMessage> UploadAsync(Browserless browser, byte[] file, string name = "nguoi-dung.xlsx")
    {
        var (_, page) = await browser.GetPageAsync("/admin/users/import");
        var form = (IHtmlFormElement)page.QuerySelector("#import-users")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name='__RequestVerificationToken']")!).Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        content.Add(part, "file", name);
        return await browser.Client.PostAsync("/admin/users/import", content);
    }

    private async Task<int> CountAsync(string tag)
    {
        await using var db = app.NewDbContext();
        return await db.Users.CountAsync(u => u.UserName!.EndsWith("." + tag) && !u.UserName.StartsWith("qt."));
    }

    [Fact]
    public async Task Import_OneBadRow400NothingSaved_FixedFileCreatesAll_NewUserLogsInWithTheOneTimePasswordAndReplacesIt()
    {
        var a = await ArrangeAsync();
        string[] good = [$"canbo.{a.Tag}", "Nguyễn Văn Mới", a.CommuneCode, "Cán bộ", $"moi.{a.Tag}@example.gov.vn", "Chuyên viên"];

        var refused = await UploadAsync(a.Admin, Workbook(good, [$"lanhdao.{a.Tag}", "Trần Thị Hai", "Không có đơn vị này", "Lãnh đạo đơn vị", "", ""]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Browserless.ParseAsync(refused);
        var row = Assert.Single(page.QuerySelectorAll("#row-errors tbody tr"));
        Assert.Equal("3", row.GetAttribute("data-row"));
        Assert.Equal("Dòng 3, cột Đơn vị: không có đơn vị mã/tên 'Không có đơn vị này'.", row.QuerySelector("li")!.TextContent);
        Assert.Contains("Chưa lưu tài khoản nào.", page.QuerySelector("#import-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(a.Tag));

        var done = await UploadAsync(a.Admin, Workbook(good, [$"lanhdao.{a.Tag}", "Trần Thị Hai", $"Ủy ban nhân dân xã An Bình {a.Tag.ToUpperInvariant()}", "Lãnh đạo đơn vị", "", ""]));

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        page = await Browserless.ParseAsync(done);
        var created = page.QuerySelectorAll("#created-users tbody tr").ToList();
        Assert.Equal([$"canbo.{a.Tag}", $"lanhdao.{a.Tag}"], created.Select(r => r.Children[1].TextContent));
        var password = created[0].QuerySelector("code.password")!.TextContent;
        var download = page.QuerySelector("#download-created")!.GetAttribute("href")!;
        Assert.StartsWith($"data:{Xlsx.ContentType};base64,", download, StringComparison.Ordinal);
        var handedOut = Xlsx.ReadFirstSheet(new MemoryStream(Convert.FromBase64String(download[(download.IndexOf(',', StringComparison.Ordinal) + 1)..])));
        Assert.Equal([$"canbo.{a.Tag}", "Nguyễn Văn Mới", $"Ủy ban nhân dân xã An Bình {a.Tag.ToUpperInvariant()}", "Cán bộ", $"moi.{a.Tag}@example.gov.vn", password], handedOut[1].Cells);
        Assert.Equal(2, await CountAsync(a.Tag));

        // A one-time password opens only the page that replaces it.
        var newUser = new Browserless(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var logIn = await newUser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = $"canbo.{a.Tag}", ["Input.Password"] = password });
        Assert.Equal("/account/login/new-password", logIn.Headers.Location!.OriginalString);
        var chosen = await newUser.SubmitAsync("/account/login/new-password", "#new-password", new() { ["Input.NewPassword"] = "Cum-tu-cua-Moi-2026", ["Input.ConfirmPassword"] = "Cum-tu-cua-Moi-2026" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var (response, account) = await newUser.GetPageAsync("/account");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Nguyễn Văn Mới", account.QuerySelector("#account-fullname")!.TextContent);
        Assert.Equal($"canbo.{a.Tag}", account.QuerySelector("#account-username")!.TextContent);
        Assert.Contains($"Ủy ban nhân dân xã An Bình {a.Tag.ToUpperInvariant()}", account.QuerySelector("#account-unit")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"thuộc Ủy ban nhân dân tỉnh Thử {a.Tag.ToUpperInvariant()}", account.QuerySelector("#account-unit")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("Cán bộ", $"moi.{a.Tag}@example.gov.vn", "Chuyên viên"), (account.QuerySelector("#account-role")!.TextContent, account.QuerySelector("#account-email")!.TextContent, account.QuerySelector("#account-jobtitle")!.TextContent));
        Assert.Equal("/account", account.QuerySelector("header a.username")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Import_NotAWorkbookOrNoFile_400WithTheReason()
    {
        var a = await ArrangeAsync();

        var text = await UploadAsync(a.Admin, "Tên đăng nhập;Họ và tên"u8.ToArray(), "nguoi-dung.csv");
        var (_, page) = await a.Admin.GetPageAsync("/admin/users/import");
        var none = await a.Admin.PostFormAsync((IHtmlFormElement)page.QuerySelector("#import-users")!, "/admin/users/import", []);

        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal("Tệp không phải bảng tính Excel .xlsx. Lưu tệp dạng .xlsx (Excel Workbook) rồi tải lên.", Browserless.Errors(await Browserless.ParseAsync(text)));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("Chọn tệp Excel (.xlsx) danh sách người dùng.", Browserless.Errors(await Browserless.ParseAsync(none)));
    }

    [Fact]
    public async Task TemplateAndExport_Workbooks_TheExportListsUnitCodeNameRoleAndEmail()
    {
        var a = await ArrangeAsync();
        await UploadAsync(a.Admin, Workbook([$"xuat.{a.Tag}", "Lê Văn Xuất", a.CommuneCode, "Cơ quan tổng hợp", $"xuat.{a.Tag}@example.gov.vn", "Chuyên viên"]));

        var template = await a.Admin.Client.GetAsync("/admin/users/import?handler=Template");
        var export = await a.Admin.Client.GetAsync("/admin/users?handler=Export");

        Assert.Equal(Xlsx.ContentType, template.Content.Headers.ContentType!.MediaType);
        var templateRows = Xlsx.ReadFirstSheet(await template.Content.ReadAsStreamAsync());
        Assert.Equal(["Tên đăng nhập", "Họ và tên", "Đơn vị", "Vai trò", "Email", "Chức danh"], templateRows[0].Cells);
        Assert.Equal(2, templateRows.Count);
        Assert.Equal(Xlsx.ContentType, export.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("nguoi-dung-", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var exported = Xlsx.ReadFirstSheet(await export.Content.ReadAsStreamAsync());
        Assert.Contains(exported, r => r.Cells.SequenceEqual([$"xuat.{a.Tag}", "Lê Văn Xuất", a.CommuneCode, $"Ủy ban nhân dân xã An Bình {a.Tag.ToUpperInvariant()}", "Cơ quan tổng hợp", $"xuat.{a.Tag}@example.gov.vn", "Chuyên viên"]));
    }

    [Theory]
    [InlineData("/admin/users/import")]
    [InlineData("/admin/users/import?handler=Template")]
    [InlineData("/admin/users?handler=Export")]
    public async Task UserAdministration_NonAdmin_Forbidden(string url)
    {
        var a = await ArrangeAsync();
        await using var db = app.NewDbContext();
        var unit = await db.Units.Where(u => u.Code == a.ProvinceCode).Select(u => u.Id).SingleAsync();
        await app.AddUserAsync($"thth.{a.Tag}", unit, Roles.Consolidator);
        var consolidator = await Browserless.LogInAsync(app, $"thth.{a.Tag}");

        var response = await consolidator.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentOrMismatch400_ThenChangedAndTheNewOneLogsIn()
    {
        var a = await ArrangeAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "Sai-Matkhau-1",
            ["Input.NewPassword"] = "Matkhau-Moi-2026",
            ["Input.ConfirmPassword"] = "Matkhau-Moi-2026",
        };

        var wrong = await a.Admin.SubmitAsync("/account", "#change-password", fields);
        fields["Input.CurrentPassword"] = DanVanWebFactory.Password;
        fields["Input.ConfirmPassword"] = "Matkhau-Khac-2026";
        var mismatch = await a.Admin.SubmitAsync("/account", "#change-password", fields);
        fields["Input.NewPassword"] = fields["Input.ConfirmPassword"] = "ngan";
        var weak = await a.Admin.SubmitAsync("/account", "#change-password", fields);
        fields["Input.NewPassword"] = fields["Input.ConfirmPassword"] = "Qwertyuiopasdfgh";
        var common = await a.Admin.SubmitAsync("/account", "#change-password", fields);
        fields["Input.NewPassword"] = fields["Input.ConfirmPassword"] = "Matkhau-Moi-2026";
        var changed = await a.Admin.SubmitAsync("/account", "#change-password", fields);
        var (stillIn, _) = await a.Admin.GetPageAsync("/account");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("Mật khẩu hiện tại không đúng.", Browserless.Errors(await Browserless.ParseAsync(wrong)));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("Mật khẩu nhập lại không khớp với mật khẩu mới.", Browserless.Errors(await Browserless.ParseAsync(mismatch)));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("ít nhất 12 ký tự", Browserless.Errors(await Browserless.ParseAsync(weak)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Contains("quá phổ biến", Browserless.Errors(await Browserless.ParseAsync(common)), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/account"), (changed.StatusCode, changed.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        await Browserless.LogInAsync(app, $"qt.{a.Tag}", "Matkhau-Moi-2026");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Browserless.LogInAsync(app, $"qt.{a.Tag}"));
    }
}
