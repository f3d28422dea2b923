using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// The everyday round trip in Chromium: staff write and hand the report to the leader (and can no longer edit it),
/// the leader learns of it in the bell and returns it with a comment, staff read the comment in the bell and send
/// again, the leader sends it after the confirmation, the Sở Nội vụ learns it arrived, and history shows the diff.
/// </summary>
public sealed class ReportNoticeBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Period = "2025-08";
    private const string Staff = "canbo.traxuan";
    private const string Leader = "lanhdao.traxuan";
    private const string Consolidator = "tonghop.snv.notices";
    private const string Comment = "Ghi rõ số buổi đối thoại và số lượt người dự.";
    private const string FirstText = "Tổ chức đối thoại với Nhân dân, thu hút đông đảo người dân tham dự.";
    private const string SecondText = "Tổ chức 03 buổi đối thoại với Nhân dân, thu hút 215 lượt người tham dự.";

    private readonly Screenshots _shots = new("notices-");

    [Fact]
    public async Task Report_SentReturnedResentAndSubmitted_EachPersonToldInTheBellAndHistoryShowsTheChange()
    {
        var reportId = await ArrangeAsync();
        try
        {
            await RunAsync(reportId);
        }
        catch
        {
            foreach (var page in Contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
            {
                await _shots.TakeAsync(page, "failed");
            }

            throw;
        }
    }

    private async Task<int> ArrangeAsync()
    {
        var province = await App.AddUnitAsync("E2E-N-TINH", "Tỉnh Thử Thông Báo", UnitKind.Province);
        var department = await App.AddUnitAsync("E2E-N-SNV", "Sở Nội vụ tỉnh Thử Thông Báo", UnitKind.Department, parentId: province, consolidatesForId: province);
        var commune = await App.AddUnitAsync("E2E-N-TRAXUAN", "Ủy ban nhân dân xã Trà Xuân", UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff, commune, Roles.Staff, "Phạm Thị Hoa");
        await App.AddUserAsync(Leader, commune, Roles.Leader, "Võ Văn Thành");
        await App.AddUserAsync(Consolidator, department, Roles.Consolidator, "Lê Minh Tâm");
        var staff = await App.ActorAsync(Staff);
        return await App.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = Period }, staff));
    }

    private async Task RunAsync(int reportId)
    {
        var url = $"/reports/{reportId}";
        var staff = await UserAsync(Staff);
        await WriteAsync(staff, url, FirstText);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Trình lãnh đạo", Exact = true }).ClickAsync();
        await Expect(staff.Locator("#report-status")).ToHaveTextAsync("Chờ lãnh đạo duyệt");
        await Expect(staff.Locator("#with-leader")).ToBeVisibleAsync();
        await Expect(staff.Locator("[id='section-I.1']").GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true })).ToHaveCountAsync(0);
        await _shots.TakeAsync(staff, "staff-sent-report-locked");

        // Leader: the bell counts it; the notification leads to the report; returned with a comment.
        var leader = await UserAsync(Leader);
        await Expect(leader.Locator("header a.bell .count")).ToHaveTextAsync("1");
        await leader.GotoAsync("/notifications");
        var awaiting = leader.Locator("table.notifications tbody tr", new() { HasText = "chờ lãnh đạo duyệt" });
        await Expect(awaiting).ToContainTextAsync("Phạm Thị Hoa trình");
        await _shots.TakeAsync(leader, "leader-bell");
        await awaiting.GetByRole(AriaRole.Link, new() { Name = "Xem", Exact = true }).ClickAsync();
        await Expect(leader.Locator("#report-status")).ToHaveTextAsync("Chờ lãnh đạo duyệt");
        await leader.Locator("textarea#comment-ReturnToStaff").FillAsync(Comment);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Trả lại cán bộ", Exact = true }).ClickAsync();
        await Expect(leader.Locator("#report-status")).ToHaveTextAsync("Nháp");
        await _shots.TakeAsync(leader, "leader-returned");

        // Staff: the comment is in the bell; the report is editable again; written and sent again.
        await staff.GotoAsync("/notifications");
        var returned = staff.Locator("table.notifications tbody tr", new() { HasText = "trả lại báo cáo" });
        await Expect(returned).ToContainTextAsync(Comment);
        await _shots.TakeAsync(staff, "staff-bell-comment");
        await returned.GetByRole(AriaRole.Link, new() { Name = "Xem", Exact = true }).ClickAsync();
        await Expect(staff.Locator("#with-leader")).ToHaveCountAsync(0);
        await _shots.TakeAsync(staff, "staff-lock-lifted");
        await WriteAsync(staff, url, SecondText);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Trình lãnh đạo", Exact = true }).ClickAsync();
        await Expect(staff.Locator("#report-status")).ToHaveTextAsync("Chờ lãnh đạo duyệt");

        // Leader: "Gửi báo cáo" asks first, saying what will happen; confirmed, the report is sent with a number.
        await leader.GotoAsync(url);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        var confirm = leader.Locator("#confirm-submit");
        await Expect(confirm).ToContainTextAsync("Sở Nội vụ tỉnh Thử Thông Báo");
        await Expect(confirm).ToContainTextAsync("cấp số");
        await Expect(confirm).ToContainTextAsync("không sửa được nữa");
        await _shots.TakeAsync(leader, "leader-confirm-submit");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Xác nhận gửi báo cáo", Exact = true }).ClickAsync();
        await Expect(leader.Locator("#report-status")).ToHaveTextAsync("Đã gửi");
        await Expect(leader.Locator("#downloads")).ToContainTextAsync("/BC-");
        await _shots.TakeAsync(leader, "leader-submitted");

        // Sở Nội vụ: the bell says it arrived.
        var consolidator = await UserAsync(Consolidator);
        await Expect(consolidator.Locator("header a.bell .count")).ToHaveTextAsync("1");
        await consolidator.GotoAsync("/notifications");
        var arrived = consolidator.Locator("table.notifications tbody tr", new() { HasText = "đã gửi đến" });
        await Expect(arrived).ToContainTextAsync("Ủy ban nhân dân xã Trà Xuân");
        await _shots.TakeAsync(consolidator, "consolidator-bell-arrived");

        // History: first hand-on against the re-send, word by word.
        await arrived.GetByRole(AriaRole.Link, new() { Name = "Xem", Exact = true }).ClickAsync();
        await consolidator.GotoAsync($"{url}?tab=history&from=1&to=3#diff");
        var diff = consolidator.Locator("[id='diff-I.1']");
        await Expect(diff.Locator("ins").First).ToBeVisibleAsync();
        var inserted = string.Concat(await diff.Locator("ins").AllTextContentsAsync());
        Assert.Contains("03 buổi", inserted, StringComparison.Ordinal);
        Assert.Contains("215 lượt", inserted, StringComparison.Ordinal);
        await _shots.TakeAsync(consolidator, "history-diff-1366");

        await consolidator.SetViewportSizeAsync(390, 844);
        await consolidator.ReloadAsync();
        await Expect(diff.Locator("ins").First).ToBeVisibleAsync();
        await _shots.TakeAsync(consolidator, "history-diff-390");
        var widths = await consolidator.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"History scrolls sideways at 390 px: {widths[0]} > {widths[1]}");
        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }

    private async Task<IPage> UserAsync(string userName)
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await LogInAsync(page, userName);
        await Expect(page.Locator("header a.bell")).ToBeVisibleAsync();
        return page;
    }

    private static async Task WriteAsync(IPage page, string url, string text)
    {
        await page.GotoAsync($"{url}/sections/I.1");
        await page.Locator("textarea[name='Input.Text']").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(page.Locator("[id='section-I.1'] .text")).ToHaveTextAsync(text);
    }
}
