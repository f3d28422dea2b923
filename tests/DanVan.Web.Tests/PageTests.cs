using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>Pages as a user drives them: real forms with antiforgery tokens, asserted on status, text and database state.</summary>
[Collection(WebCollection.Name)]
public sealed class PageTests(DanVanWebFactory app)
{
    private sealed record Unit(int Province, int Snv, int Commune, string Staff, string Leader, string Consolidator);

    private async Task<Unit> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        await app.AddUserAsync($"lanhdao.{tag}", commune, Roles.Leader, "Đinh Văn Sơn");
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        return new Unit(province, snv, commune, $"canbo.{tag}", $"lanhdao.{tag}", $"snv.{tag}");
    }

    private async Task<Browserless> AdminAsync(Unit u)
    {
        var name = $"admin.{Guid.NewGuid().ToString("N")[..6]}";
        await app.AddUserAsync(name, u.Snv, Roles.Admin);
        return await Browserless.LogInAsync(app, name);
    }

    private static async Task<int> CreateReportAsync(Browserless browser, string period = "2025-Q2")
    {
        var response = await browser.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = period });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Browserless.ReportIdFrom(response);
    }

    [Fact]
    public async Task Login_WrongPassword_400WithVietnameseMessage_ThenLockedAfterFiveFailures()
    {
        var u = await ArrangeAsync();
        var browser = new Browserless(app.CreateClient(new() { AllowAutoRedirect = false }));

        var wrong = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = u.Staff, ["Input.Password"] = "sai-mat-khau" });
        for (var i = 0; i < 4; i++)
        {
            await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = u.Staff, ["Input.Password"] = "sai-mat-khau" });
        }

        var locked = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = u.Staff, ["Input.Password"] = DanVanWebFactory.Password });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng", Browserless.Errors(await Browserless.ParseAsync(wrong)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("tạm khóa", Browserless.Errors(await Browserless.ParseAsync(locked)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_EmptyFields_400WithFieldMessages()
    {
        var browser = new Browserless(app.CreateClient(new() { AllowAutoRedirect = false }));

        var response = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = "", ["Input.Password"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Browserless.Errors(await Browserless.ParseAsync(response));
        Assert.Contains("Nhập tên đăng nhập.", errors, StringComparison.Ordinal);
        Assert.Contains("Nhập mật khẩu.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyForm_PostedWithoutAntiforgeryToken_400AndNothingSaved()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Staff);

        var response = await browser.Client.PostAsync("/reports?handler=Create", new FormUrlEncodedContent([new("Input.Period", "2025-Q3")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.NewDbContext();
        Assert.False(await db.Reports.AnyAsync(r => r.UnitId == u.Commune));
    }

    [Fact]
    public async Task CreateReport_BadOrDuplicatePeriod_400WithMessage()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Staff);
        await CreateReportAsync(browser, "2025-07");

        var bad = await browser.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "tháng 7" });
        var duplicate = await browser.SubmitAsync("/reports", "form[action*='handler=Create']", new() { ["Input.Period"] = "2025-7" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Chọn kỳ báo cáo theo dạng", Browserless.Errors(await Browserless.ParseAsync(bad)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("đã có báo cáo kỳ tháng 7 năm 2025", Browserless.Errors(await Browserless.ParseAsync(duplicate)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditSection_Save_RedirectsAndShowsTextEscaped()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Staff);
        var id = await CreateReportAsync(browser);
        const string text = "Tổ chức 12 buổi tiếp công dân.\n<script>alert('x')</script>";

        var saved = await browser.SubmitAsync($"/reports/{id}/sections/I.6", "form.editor", new() { ["Input.Text"] = text });
        var (_, page) = await browser.GetPageAsync($"/reports/{id}");
        var raw = await browser.Client.GetStringAsync($"/reports/{id}");
        Assert.Equal("", Browserless.Errors(page));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(text, page.QuerySelector("#section-I\\.6 .text")!.TextContent);
        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", raw, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        var section = await db.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == "I.6");
        Assert.Equal((text, 1), (section.Text, section.Version));
    }

    [Fact]
    public async Task EditSection_TwoSessionsEditOneSection_SecondRefusedAndNothingLost()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var leader = await Browserless.LogInAsync(app, u.Leader);
        var id = await CreateReportAsync(staff);
        var url = $"/reports/{id}/sections/II";
        var (_, staffPage) = await staff.GetPageAsync(url);
        var (_, leaderPage) = await leader.GetPageAsync(url);

        var first = await staff.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)staffPage.QuerySelector("form.editor")!, url, new() { ["Input.Text"] = "Đánh giá của cán bộ" });
        var second = await leader.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)leaderPage.QuerySelector("form.editor")!, url, new() { ["Input.Text"] = "Đánh giá của lãnh đạo" });
        var conflictPage = await Browserless.ParseAsync(second);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("vừa được", Browserless.Errors(conflictPage), StringComparison.Ordinal);
        Assert.Equal("Đánh giá của lãnh đạo", conflictPage.QuerySelector("textarea[name='Input.Text']")!.TextContent);
        Assert.Equal("Đánh giá của cán bộ", conflictPage.QuerySelector("#saved-meanwhile")!.TextContent);
        await using (var db = app.NewDbContext())
        {
            Assert.Equal("Đánh giá của cán bộ", (await db.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == "II")).Text);
        }

        // Having read the newer text, the leader saves deliberately: that is based on the newer version and goes through.
        var overwrite = await leader.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)conflictPage.QuerySelector("form.editor")!, url, new() { ["Input.Text"] = "Đánh giá đã hợp nhất" });
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        await using var after = app.NewDbContext();
        var merged = await after.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == "II");
        Assert.Equal(("Đánh giá đã hợp nhất", 2), (merged.Text, merged.Version));
    }

    [Fact]
    public async Task EditSection_TextOver100000Characters_400AndTextKeptOnPage()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Staff);
        var id = await CreateReportAsync(browser);
        var text = new string('x', ReportSection.MaxTextLength + 1);

        var response = await browser.SubmitAsync($"/reports/{id}/sections/III", "form.editor", new() { ["Input.Text"] = text });
        var page = await Browserless.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("vượt giới hạn 100.000 ký tự", Browserless.Errors(page), StringComparison.Ordinal);
        Assert.Equal(text.Length, page.QuerySelector("textarea[name='Input.Text']")!.TextContent.Length);
    }

    [Fact]
    public async Task Figures_VietnameseNumbers_SavedAndBadNumber400()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Staff);
        var id = await CreateReportAsync(browser);

        var bad = await browser.SubmitAsync($"/reports/{id}/figures", "main form", new()
        {
            ["Input.Figures[0].Name"] = "Số buổi tiếp công dân",
            ["Input.Figures[0].Value"] = "mười hai",
        });
        var good = await browser.SubmitAsync($"/reports/{id}/figures", "main form", new()
        {
            ["Input.Figures[0].Name"] = "Số buổi tiếp công dân",
            ["Input.Figures[0].Value"] = "1.234,5",
            ["Input.Figures[0].UnitOfMeasure"] = "buổi",
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"mười hai\" không phải là số", Browserless.Errors(await Browserless.ParseAsync(bad)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var db = app.NewDbContext();
        var figure = await db.ReportFigures.SingleAsync(f => f.ReportId == id);
        Assert.Equal(("Số buổi tiếp công dân", 1234.5m, "buổi"), (figure.Name, figure.Value, figure.UnitOfMeasure));
    }

    [Fact]
    public async Task Workflow_ThroughPages_ReturnNeedsReasonAndStaffSeesIt()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);
        var leader = await Browserless.LogInAsync(app, u.Leader);
        var consolidator = await Browserless.LogInAsync(app, u.Consolidator);
        var id = await CreateReportAsync(staff);
        var url = $"/reports/{id}";

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, "form[action*='handler=SendToLeader']", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(url + "?confirm=Submit", "form[action*='handler=Submit']", [])).StatusCode);
        var (_, table) = await consolidator.GetPageAsync("/consolidation?period=2025-Q2");
        var row = table.QuerySelector($"#completeness tr[data-unit='X-{u.Staff[^6..].ToUpperInvariant()}']");
        var noReason = await consolidator.SubmitAsync(url, "form[action*='handler=Return']", new() { ["Input.Comment"] = "" });
        var returned = await consolidator.SubmitAsync(url, "form[action*='handler=Return']", new() { ["Input.Comment"] = "Bổ sung số liệu tiếp công dân quý II" });
        var (_, staffView) = await staff.GetPageAsync(url);
        var (_, history) = await staff.GetPageAsync(url + "?tab=history");

        Assert.NotNull(row);
        Assert.Contains("Đã gửi", row!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Nhập lý do trả lại", Browserless.Errors(await Browserless.ParseAsync(noReason)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal("Bị trả lại", staffView.QuerySelector("#report-status")!.TextContent);
        Assert.Contains("Bổ sung số liệu tiếp công dân quý II", staffView.QuerySelector(".returned")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, history.QuerySelectorAll("#history tbody tr").Length);
        Assert.Contains("Trần Văn Minh", history.QuerySelector("#history tbody tr:last-child")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPage_OtherUnitsReport_404()
    {
        var mine = await ArrangeAsync();
        var other = await ArrangeAsync();
        var owner = await Browserless.LogInAsync(app, other.Staff);
        var id = await CreateReportAsync(owner);
        var stranger = await Browserless.LogInAsync(app, mine.Staff);

        var response = await stranger.Client.GetAsync($"/reports/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consolidation_SetDeadline_SavedAndLateSubmissionsFlagged()
    {
        var u = await ArrangeAsync();
        var consolidator = await Browserless.LogInAsync(app, u.Consolidator);

        var bad = await consolidator.SubmitAsync("/consolidation?period=2025-Q2", "form[action*='handler=Deadline']", new() { ["Input.DueOn"] = "" });
        var impossible = await consolidator.SubmitAsync("/consolidation?period=2025-Q2", "form[action*='handler=Deadline']", new() { ["Input.DueOn"] = "31/02/2025" });
        var set = await consolidator.SubmitAsync("/consolidation?period=2025-Q2", "form[action*='handler=Deadline']", new() { ["Input.DueOn"] = "20/06/2025" });
        var (_, page) = await consolidator.GetPageAsync("/consolidation?period=2025-Q2");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        var impossiblePage = await Browserless.ParseAsync(impossible);
        Assert.Contains("Ngày \"31/02/2025\" không hợp lệ", Browserless.Errors(impossiblePage), StringComparison.Ordinal);
        Assert.Equal("31/02/2025", impossiblePage.QuerySelector("#Input_DueOn")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("20/06/2025", page.QuerySelector("form[action*='handler=Deadline']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("20/06/2025", page.QuerySelector("#Input_DueOn")!.GetAttribute("value"));
        Assert.Contains("Quá hạn, chưa gửi", page.QuerySelector("#completeness")!.TextContent, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.Equal(new DateOnly(2025, 6, 20), (await db.PeriodDeadlines.SingleAsync(d => d.ScopeUnitId == u.Province && d.Period == "2025-Q2")).DueOn);
    }

    [Fact]
    public async Task Consolidation_StaffUser_Forbidden()
    {
        var u = await ArrangeAsync();
        var staff = await Browserless.LogInAsync(app, u.Staff);

        var response = await staff.Client.GetAsync("/consolidation");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminUnits_CreateRenameMoveClose_EffectiveDatedHistory()
    {
        var u = await ArrangeAsync();
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await AdminAsync(u);

        var invalid = await admin.SubmitAsync("/admin/units/new", "main form", new() { ["Input.Code"] = "mã có dấu", ["Input.Name"] = "X", ["Input.PlaceName"] = "X" });
        var created = await admin.SubmitAsync("/admin/units/new", "main form", new()
        {
            ["Input.Code"] = $"XM-{tag}",
            ["Input.Name"] = "Ủy ban nhân dân xã Mới",
            ["Input.Kind"] = nameof(UnitKind.Commune),
            ["Input.PlaceName"] = "Mới",
            ["Input.ParentId"] = u.Province.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ValidFrom"] = "01/01/2024",
        });
        var unitUrl = created.Headers.Location!.OriginalString;
        var renamed = await admin.SubmitAsync(unitUrl, "form[action*='handler=Rename']", new() { ["Input.NewName"] = "Ủy ban nhân dân phường Mới", ["Input.EffectiveOn"] = "01/07/2025" });
        var moved = await admin.SubmitAsync(unitUrl, "form[action*='handler=Move']", new() { ["Input.NewParentId"] = u.Snv.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.EffectiveOn"] = "01/07/2025" });
        var closed = await admin.SubmitAsync(unitUrl, "form[action*='handler=Close']", new() { ["Input.EffectiveOn"] = "2025-12-31" });
        var (_, page) = await admin.GetPageAsync(unitUrl);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Mã đơn vị chỉ gồm", Browserless.Errors(await Browserless.ParseAsync(invalid)), StringComparison.Ordinal);
        Assert.All(new[] { created, renamed, moved, closed }, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Contains("ngừng hoạt động từ 31/12/2025", page.QuerySelector(".subtitle")!.TextContent, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        var unit = await db.Units.Include(x => x.Names).Include(x => x.ParentLinks).SingleAsync(x => x.Code == $"XM-{tag}");
        Assert.Equal(["Ủy ban nhân dân xã Mới", "Ủy ban nhân dân phường Mới"], unit.Names.OrderBy(n => n.ValidFrom).Select(n => n.Name));
        Assert.Equal([u.Province, u.Snv], unit.ParentLinks.OrderBy(l => l.ValidFrom).Select(l => l.ParentId));
        Assert.Equal(new DateOnly(2025, 7, 1), unit.ParentLinks.OrderBy(l => l.ValidFrom).First().ValidTo);
    }

    [Fact]
    public async Task AdminUsers_CreateWithWeakPassword400_ThenCreatedUserChoosesOwnPasswordAtFirstLogIn()
    {
        var u = await ArrangeAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await AdminAsync(u);
        var fields = new Dictionary<string, string>
        {
            ["Input.UserName"] = $"moi.{tag}",
            ["Input.FullName"] = "Nguyễn Văn Mới",
            ["Input.UnitId"] = u.Commune.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Role"] = Roles.Leader,
            ["Input.Password"] = "ngan",
        };

        var weak = await admin.SubmitAsync("/admin/users/new", "form.form", fields);
        fields["Input.Password"] = "Matkhau-Moi-2025";
        var created = await admin.SubmitAsync("/admin/users/new", "form.form", fields);
        var browser = new Browserless(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var logIn = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = $"moi.{tag}", ["Input.Password"] = "Matkhau-Moi-2025" });
        var before = await browser.Client.GetAsync("/reports");
        var chosen = await browser.SubmitAsync("/account/login/new-password", "#new-password", new() { ["Input.NewPassword"] = "Cum-tu-rieng-2026", ["Input.ConfirmPassword"] = "Cum-tu-rieng-2026" });
        var (_, reports) = await browser.GetPageAsync("/reports");

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("ít nhất 12 ký tự", Browserless.Errors(await Browserless.ParseAsync(weak)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/account/login/new-password", logIn.Headers.Location!.OriginalString);
        Assert.StartsWith("/account/login", before.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.NotNull(reports.QuerySelector("form[action*='handler=Create']"));
    }

    [Fact]
    public async Task AdminPages_NonAdmin_Forbidden()
    {
        var u = await ArrangeAsync();
        var consolidator = await Browserless.LogInAsync(app, u.Consolidator);

        var response = await consolidator.Client.GetAsync("/admin/units");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/status/403", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_VietnameseByDefault_EnglishWhenChosen()
    {
        var client = app.CreateClient();

        var vietnamese = await client.GetStringAsync("/account/login");
        var english = await client.GetStringAsync("/account/login?culture=en");

        Assert.Contains("<h1>Đăng nhập</h1>", vietnamese, StringComparison.Ordinal);
        Assert.Contains("<h1>Log in</h1>", english, StringComparison.Ordinal);
    }
}
