using System.Text.RegularExpressions;
using DanVan.Core.Data;
using DanVan.Core.Demo;
using DanVan.Core.Reports;
using DanVan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The whole everyday journey on the demo data, as each demo role, at 1366 px and on a 390 px phone: the board's clerk
/// continues the draft the demo left in the one-page writer and sends it to the leader; the leader remarks on a
/// section and hands it back; the clerk fixes it and sends it again; the leader sends it up; the Sở Nội vụ reads what
/// changed, remarks, returns it; once sent again, accepts it from the list and reminds the units that have not sent;
/// the administrator looks after the accounts; the clerk downloads the Word file and the PDF. No step may show a
/// console error or scroll sideways on the phone.
/// </summary>
[LongJourney]
public sealed class DemoJourneyBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Clerk = "bqlda.canbo";
    private const string Leader = "bqlda.lanhdao";
    private const string Consolidator = "snv.lamdong";
    private const string Propaganda = "Tuyên truyền Chỉ thị 33/CT-TTg đến 100% cán bộ, viên chức của Ban qua 02 hội nghị.";
    private const string Tasks = "1. Phối hợp với UBND các xã vận động người dân bàn giao mặt bằng.\n2. Công khai phương án bồi thường tại nhà văn hóa thôn.";
    private const string LeaderRemark = "Ghi rõ số lượt người nghe ở mỗi hội nghị.";
    private const string ReviewRemark = "Nêu kết quả tuyên truyền đến người dân vùng dự án, không chỉ cán bộ của Ban.";

    private static readonly Regex SavedAt = new(@"^Đã lưu lúc \d\d:\d\d$");

    private readonly List<string> _errors = [];

    /// <summary>While the test has cut the connection, the browser's own "failed to load" lines are expected.</summary>
    private bool _offline;

    [Fact]
    public async Task DemoRoles_WriteReviewReturnResendAcceptNudgeAndExport_NoErrorAtEitherWidth()
    {
        Assert.True(await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password)));
        var (id, period, planId) = await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            var draft = await db.Reports.Where(r => r.Status == ReportStatus.Draft && r.Unit!.Code == "LD-BQLDAGT").Select(r => new { r.Id, r.Period, r.PlanId }).SingleAsync();
            return (draft.Id, draft.Period, draft.PlanId!.Value);
        });
        var url = $"/reports/{id}";
        var shots = new Screenshots("journey-");
        try
        {
            // The clerk finds the demo's draft in the list and continues it where "Sửa" leads: the writer, at the section.
            var clerk = await UserAsync(Clerk);
            await clerk.GotoAsync("/reports");
            var row = clerk.Locator("table#reports tbody tr", new() { Has = clerk.Locator($"a[href='{url}']") });
            await Expect(row.Locator(".status")).ToHaveTextAsync("Nháp");
            await BothWidthsAsync(clerk, shots, "clerk-reports");
            await row.Locator($"a[href='{url}']").ClickAsync();
            await clerk.Locator("[id='section-I.2'] header").GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true }).ClickAsync();
            await Expect(clerk).ToHaveURLAsync(new Regex($"/reports/{id}/write#section-I\\.2$"));
            await Box(clerk, "I.2").FillAsync(Propaganda);
            await Box(clerk, "III").FocusAsync();
            await Expect(State(clerk, "I.2")).ToHaveTextAsync(SavedAt);
            await Box(clerk, "III").FillAsync(Tasks);
            await Box(clerk, "I.2").FocusAsync();
            await Expect(State(clerk, "III")).ToHaveTextAsync(SavedAt);
            await BothWidthsAsync(clerk, shots, "clerk-writer");

            // In English the writer's own messages are English too, offline included.
            await clerk.GotoAsync($"/language?culture=en&returnUrl={Uri.EscapeDataString($"/reports/{id}/write")}");
            await Box(clerk, "I.3").FillAsync("Ban đăng ký 01 mô hình \"Dân vận khéo\" về giải phóng mặt bằng.");
            await Box(clerk, "III").FocusAsync();
            await Expect(State(clerk, "I.3")).ToHaveTextAsync(new Regex(@"^Saved at \d\d:\d\d$"));
            _offline = true;
            await clerk.Context.SetOfflineAsync(true);
            await Box(clerk, "I.4").FillAsync("Công khai thủ tục hành chính tại trụ sở Ban.");
            await Expect(State(clerk, "I.4")).ToHaveTextAsync("Not saved — connection lost, will try again");
            await shots.TakeAsync(clerk, "clerk-writer-english-offline");
            await clerk.Context.SetOfflineAsync(false);
            await Expect(State(clerk, "I.4")).ToHaveTextAsync(new Regex(@"^Saved at \d\d:\d\d$"));
            _offline = false;
            await clerk.GotoAsync($"/language?culture=vi-VN&returnUrl={Uri.EscapeDataString(url)}");
            await SendToLeaderAsync(clerk);
            await BothWidthsAsync(clerk, shots, "clerk-sent-to-leader");

            // The leader learns of it in the bell, remarks on the section (the opening takes none) and hands it back.
            var leader = await UserAsync(Leader);
            await BellHasAsync(leader, "chờ lãnh đạo duyệt");
            await leader.GotoAsync(url);
            await Expect(leader.Locator("[id='comments-intro']")).ToHaveCountAsync(0);
            await RemarkAsync(leader, "I.2", LeaderRemark);
            await BothWidthsAsync(leader, shots, "leader-remark");
            await leader.GetByRole(AriaRole.Button, new() { Name = "Trả lại cán bộ", Exact = true }).ClickAsync();
            await Expect(leader.Locator("#report-status")).ToHaveTextAsync("Nháp");

            // The clerk reads why, fixes the section in the writer and sends it again.
            await BellHasAsync(clerk, "trả lại báo cáo");
            await BothWidthsAsync(clerk, shots, "clerk-bell");
            await clerk.GotoAsync(url);
            await Expect(clerk.Locator("[id='comments-I.2'] article.comment.open")).ToContainTextAsync(LeaderRemark);
            await clerk.Locator("[id='section-I.2'] header").GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true }).ClickAsync();
            await Box(clerk, "I.2").FillAsync(Propaganda + " Có 145 lượt người nghe.");
            await Box(clerk, "III").FocusAsync();
            await Expect(State(clerk, "I.2")).ToHaveTextAsync(SavedAt);
            await SendToLeaderAsync(clerk);

            // The leader sends it up, after the confirmation that says what sending does.
            await leader.GotoAsync(url);
            await SubmitAsync(leader, shots, "leader-confirm");

            // The Sở Nội vụ sees it arrive, reads what changed between the two hand-ons, remarks and returns it.
            var snv = await UserAsync(Consolidator);
            await BellHasAsync(snv, "đã gửi đến");
            await snv.GotoAsync($"{url}?tab=history&from=1&to=2#diff");
            await Expect(snv.Locator("[id='diff-I.2'] ins")).ToContainTextAsync("145 lượt người nghe");
            await BothWidthsAsync(snv, shots, "consolidator-diff");
            await snv.GotoAsync(url);
            await RemarkAsync(snv, "I.2", ReviewRemark);
            await snv.GetByRole(AriaRole.Button, new() { Name = "Trả lại", Exact = true }).ClickAsync();
            await Expect(snv.Locator("#report-status")).ToHaveTextAsync("Bị trả lại");
            await Expect(snv.Locator(".returned .reason")).ToContainTextAsync(ReviewRemark);
            await BothWidthsAsync(snv, shots, "consolidator-returned");

            // The clerk answers the remark, fixes the text, and the report goes up again.
            await clerk.GotoAsync(url);
            var thread = clerk.Locator("[id='comments-I.2'] article.comment.open", new() { HasText = ReviewRemark });
            await thread.Locator("textarea[name='Remark.Text']").FillAsync("Đã bổ sung kết quả tuyên truyền tại 3 xã vùng dự án.");
            await thread.GetByRole(AriaRole.Button, new() { Name = "Gửi trả lời", Exact = true }).ClickAsync();
            await clerk.GotoAsync($"/reports/{id}/write#section-I.2");
            await Box(clerk, "I.2").FillAsync(Propaganda + " Có 145 lượt người nghe. Tuyên truyền tại 3 xã vùng dự án.");
            await Box(clerk, "III").FocusAsync();
            await Expect(State(clerk, "I.2")).ToHaveTextAsync(SavedAt);
            await BothWidthsAsync(clerk, shots, "clerk-answered");
            await SendToLeaderAsync(clerk);
            await leader.GotoAsync(url);
            await SubmitAsync(leader, shots, "leader-resend");

            // The Sở Nội vụ accepts it from the list, with the other reports it may accept.
            await snv.GotoAsync($"/reports?Period={period}");
            await snv.Locator($"#select-{id}").CheckAsync();
            await BothWidthsAsync(snv, shots, "consolidator-list");
            await snv.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận các báo cáo đã chọn", Exact = true }).ClickAsync();
            await Expect(snv.Locator("#bulk-results li.ok")).ToHaveCountAsync(1);
            await Expect(snv.Locator("table#reports tbody tr", new() { Has = snv.Locator($"a[href='{url}']") }).Locator(".status")).ToHaveTextAsync("Đã tiếp nhận");

            // … and reminds, now, the communes of the province that have not sent the month.
            await snv.GotoAsync($"/consolidation?plan={planId}&period={period}");
            await BothWidthsAsync(snv, shots, "consolidator-dashboard");
            await snv.GetByRole(AriaRole.Button, new() { Name = "Đôn đốc", Exact = true }).ClickAsync();
            await Expect(snv.Locator("#confirm-nudge")).ToContainTextAsync("đơn vị chưa gửi báo cáo");
            await snv.GetByRole(AriaRole.Button, new() { Name = "Gửi nhắc nhở", Exact = true }).ClickAsync();
            await Expect(snv.Locator("#last-nudge")).ToContainTextAsync("Đã đôn đốc lúc");
            await BothWidthsAsync(snv, shots, "consolidator-nudged");

            // The clerk: the report accepted, its history with each version, the Word file and the PDF.
            await BellHasAsync(clerk, "đã được tiếp nhận");
            await clerk.GotoAsync($"{url}?tab=history");
            await Expect(clerk.Locator("#versions ol.versions li")).ToHaveCountAsync(5);
            await BothWidthsAsync(clerk, shots, "clerk-history");
            // On a phone the history is a card per move, not five one-word-per-line columns.
            await clerk.SetViewportSizeAsync(390, 844);
            await Expect(clerk.Locator("#history thead")).ToBeHiddenAsync();
            await clerk.SetViewportSizeAsync(1366, 768);
            await clerk.GotoAsync(url);
            await Expect(clerk.Locator("#report-status")).ToHaveTextAsync("Đã tiếp nhận");
            await BothWidthsAsync(clerk, shots, "clerk-accepted");
            var docx = await clerk.RunAndWaitForDownloadAsync(() => clerk.Locator("#download-docx").ClickAsync());
            await docx.SaveAsAsync(Path.Combine(shots.Folder, "journey-report.docx"));
            if (await clerk.Locator("a#download-pdf").GetAttributeAsync("href") is { } pdfHref)
            {
                // LibreOffice may take longer than a click waits: fetched with the page's cookies instead.
                var pdf = await clerk.APIRequest.GetAsync(pdfHref, new() { Timeout = 180_000 });
                var bytes = await pdf.BodyAsync();
                Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
                await File.WriteAllBytesAsync(Path.Combine(shots.Folder, "journey-report.pdf"), bytes);
            }

            // The administrator's everyday pages.
            var admin = await UserAsync("admin");
            await admin.GotoAsync("/admin/users");
            await BothWidthsAsync(admin, shots, "admin-users");
            await admin.GotoAsync("/admin/units");
            await BothWidthsAsync(admin, shots, "admin-units");

            Assert.True(_errors.Count == 0, string.Join("\n", _errors));
            Assert.All(shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
        }
        catch
        {
            foreach (var page in Contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
            {
                await shots.TakeAsync(page, "failed");
            }

            throw;
        }
    }

    private static ILocator Box(IPage page, string key) => page.Locator($"form[data-key='{key}'] textarea");

    private static ILocator State(IPage page, string key) => page.Locator($"form[data-key='{key}'] .save-state");

    private static async Task SendToLeaderAsync(IPage clerk)
    {
        await clerk.GotoAsync(new Uri(clerk.Url).AbsolutePath.Replace("/write", "", StringComparison.Ordinal));
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Trình lãnh đạo", Exact = true }).ClickAsync();
        await Expect(clerk.Locator("#report-status")).ToHaveTextAsync("Chờ lãnh đạo duyệt");
    }

    private static async Task SubmitAsync(IPage leader, Screenshots shots, string name)
    {
        await leader.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Expect(leader.Locator("#confirm-submit")).ToContainTextAsync("Sở Nội vụ tỉnh Lâm Đồng");
        await BothWidthsAsync(leader, shots, name);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Xác nhận gửi báo cáo", Exact = true }).ClickAsync();
        await Expect(leader.Locator("#report-status")).ToHaveTextAsync("Đã gửi");
    }

    private static async Task RemarkAsync(IPage page, string key, string text)
    {
        var comments = page.Locator($"[id='comments-{key}']");
        await comments.Locator("details.remark summary").ClickAsync();
        await comments.Locator($"textarea[id='remark-{key}']").FillAsync(text);
        await comments.GetByRole(AriaRole.Button, new() { Name = "Gửi ý kiến", Exact = true }).ClickAsync();
        await Expect(page.Locator($"[id='comments-{key}'] article.comment.open", new() { HasText = text })).ToBeVisibleAsync();
    }

    private static async Task BellHasAsync(IPage page, string text)
    {
        await page.GotoAsync("/notifications");
        await Expect(page.Locator("table.notifications tbody tr", new() { HasText = text }).First).ToBeVisibleAsync();
    }

    /// <summary>A user's page at 1366 px; every console or script error on it fails the journey.</summary>
    private async Task<IPage> UserAsync(string userName)
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !_offline)
            {
                _errors.Add($"{userName} | {page.Url} | {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"{userName} | {page.Url} | {error}");
        // Returns and reopenings ask first (site.js).
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await LogInAsync(page, userName);
        await Expect(page.Locator("header a.bell")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The page pictured at 1366 px and on a 390 px phone, where nothing may scroll sideways; back to 1366 px after.</summary>
    private static async Task BothWidthsAsync(IPage page, Screenshots shots, string name)
    {
        await shots.TakeAsync(page, name + "-1366");
        await page.SetViewportSizeAsync(390, 844);
        await shots.TakeAsync(page, name + "-390");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        await page.SetViewportSizeAsync(1366, 768);
        Assert.True(widths[0] <= widths[1], $"{name}: the page scrolls sideways at 390 px ({widths[0]} > {widths[1]})");
    }
}
