using System.Globalization;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// One report's whole round trip in headless Chromium against the real app on Kestrel: staff write and hand it
/// to the leader, the leader sends it, the Sở Nội vụ sees it as sent and returns it with a reason, staff read it.
/// </summary>
[LongJourney]
public sealed class ReportWorkflowBrowserTests(KestrelApp app) : BrowserTest(app)
{
    // Last quarter: among the periods "Lập báo cáo mới" offers whatever the day the test runs.
    private static readonly string Period = LastQuarter(DanVan.Core.VietnamTime.Today(TimeProvider.System));
    private const string CommuneCode = "E2E-HOABINH";
    private const string CommuneName = "Xã Hòa Bình";
    private const string Staff = "canbo.hoabinh";
    private const string Leader = "lanhdao.hoabinh";
    private const string Consolidator = "tonghop.snv";
    private const string ConsolidatorName = "Lê Thu Hà";
    private const string SectionKey = "I.1";

    // Diacritics, a line break and characters that must come back escaped, exactly as typed.
    private const string SectionText = "Đảng ủy xã ban hành 3 nghị quyết chuyên đề về công tác dân vận.\nTổ chức 12 hội nghị, 1.250 lượt người dự <đạt 100% kế hoạch> & đúng tiến độ.";
    private const string Reason = "Mục I.1 thiếu số liệu so sánh cùng kỳ năm trước; đề nghị bổ sung và gửi lại trước ngày 10/7.";

    private readonly Screenshots _shots = new();

    [Fact]
    public async Task Report_WrittenSubmittedAndReturned_StaffSeesReason()
    {
        await CheckListensOnLoopbackOnlyAsync();
        var communeId = await ArrangeAsync();
        try
        {
            await RunFlowAsync(communeId);
        }
        catch
        {
            await SnapOpenPagesAsync();
            throw;
        }
    }

    /// <summary>A test server reachable from the network would expose its fixed test password.</summary>
    private async Task CheckListensOnLoopbackOnlyAsync()
    {
        var port = App.BaseAddress.Port;
        Assert.Equal("127.0.0.1", App.BaseAddress.Host);
        Assert.True(await KestrelApp.AcceptsAsync(System.Net.IPAddress.Loopback, port), $"Nothing answers on {App.BaseAddress}");
        foreach (var other in KestrelApp.OtherLocalAddresses())
        {
            Assert.False(await KestrelApp.AcceptsAsync(other, port), $"The app also answers on {other}:{port}");
        }
    }

    private static string LastQuarter(DateOnly today) => DanVan.Core.Periods.ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1).Previous().ToString();

    private async Task<int> ArrangeAsync()
    {
        var province = await App.AddUnitAsync("E2E-TINH", "Tỉnh Thử Nghiệm", UnitKind.Province);
        var department = await App.AddUnitAsync("E2E-SNV", "Sở Nội vụ tỉnh Thử Nghiệm", UnitKind.Department, parentId: province, consolidatesForId: province);
        var commune = await App.AddUnitAsync(CommuneCode, CommuneName, UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff, commune, Roles.Staff, "Nguyễn Thị Lan");
        await App.AddUserAsync(Leader, commune, Roles.Leader, "Trần Văn Minh");
        await App.AddUserAsync(Consolidator, department, Roles.Consolidator, ConsolidatorName);
        return commune;
    }

    private async Task RunFlowAsync(int communeId)
    {
        // Staff: log in, create the report, write a section, hand it to the leader.
        var staff = await LogInAsync(Staff, "login", landsOn: "/reports");
        await _shots.TakeAsync(staff, "reports");
        await staff.Locator("#new-report select[name='Input.Period']").SelectOptionAsync(new SelectOptionValue { Value = Period });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo", Exact = true }).ClickAsync();
        await Expect(staff.Locator("#report-status")).ToHaveTextAsync("Nháp");
        Assert.NotNull(ReportId(staff.Url));
        var reportId = ReportId(staff.Url)!.Value;
        await Expect(staff.Locator(".flash")).ToContainTextAsync("Đã lập báo cáo");
        await NoErrorsShownAsync(staff);
        await Expect(staff.Locator("h1")).ToHaveTextAsync(CommuneName);
        await _shots.TakeAsync(staff, "report-created");

        var section = staff.Locator($"[id='section-{SectionKey}']");
        await Expect(section.Locator(".empty")).ToHaveTextAsync("(chưa có nội dung)");
        // "Sửa" opens the one-page writer at the section; the section's own page stays one link away.
        await section.GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true }).ClickAsync();
        Assert.Equal($"/reports/{reportId}/write#section-{SectionKey}", new Uri(staff.Url).PathAndQuery + new Uri(staff.Url).Fragment);
        await staff.Locator($"[id='section-{SectionKey}'] a.section-page").ClickAsync();
        await Expect(staff.Locator("h1")).ToHaveTextAsync("1. Công tác lãnh đạo, chỉ đạo");
        Assert.Equal($"/reports/{reportId}/sections/{SectionKey}", new Uri(staff.Url).AbsolutePath);
        await staff.Locator("textarea[name='Input.Text']").FillAsync(SectionText);
        // site.js counts characters as the user types; seeing the count proves the script ran under the CSP.
        await Expect(staff.Locator("[data-counter-for='Input_Text']"))
            .ToHaveTextAsync(SectionText.Length.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")) + " / 100.000 ký tự.");
        await _shots.TakeAsync(staff, "edit-section");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(staff.Locator(".flash")).ToHaveTextAsync("Đã lưu mục \"1. Công tác lãnh đạo, chỉ đạo\".");
        Assert.Equal(reportId, ReportId(staff.Url));
        Assert.Equal(SectionText, await section.Locator(".text").TextContentAsync());
        await _shots.TakeAsync(staff, "section-saved");

        await staff.GetByRole(AriaRole.Button, new() { Name = "Trình lãnh đạo", Exact = true }).ClickAsync();
        await Expect(staff.Locator(".flash")).ToHaveTextAsync("Đã trình lãnh đạo.");
        await Expect(staff.Locator("#report-status")).ToHaveTextAsync("Chờ lãnh đạo duyệt");
        // With the leader now: staff may read it but no longer edit it.
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true })).ToHaveCountAsync(0);
        await Expect(staff.Locator("#with-leader")).ToBeVisibleAsync();
        await _shots.TakeAsync(staff, "sent-to-leader");

        // Leader: open it from the list and send it up.
        var leader = await LogInAsync(Leader, "leader-login", landsOn: "/reports");
        var row = leader.Locator("table.grid tbody tr", new() { Has = leader.Locator($"a[href='/reports/{reportId}']") });
        await Expect(row.Locator(".status")).ToHaveTextAsync("Chờ lãnh đạo duyệt");
        await _shots.TakeAsync(leader, "leader-reports");
        await row.Locator($"a[href='/reports/{reportId}']").ClickAsync();
        await Expect(leader.Locator("#report-status")).ToHaveTextAsync("Chờ lãnh đạo duyệt");
        Assert.Equal(reportId, ReportId(leader.Url));
        await NoErrorsShownAsync(leader);
        Assert.Equal(SectionText, await leader.Locator($"[id='section-{SectionKey}'] .text").TextContentAsync());
        await _shots.TakeAsync(leader, "leader-report");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Expect(leader.Locator("#confirm-submit")).ToContainTextAsync("Sở Nội vụ tỉnh Thử Nghiệm");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Xác nhận gửi báo cáo", Exact = true }).ClickAsync();
        await Expect(leader.Locator(".flash")).ToHaveTextAsync("Đã gửi báo cáo lên cơ quan tổng hợp.");
        await Expect(leader.Locator("#report-status")).ToHaveTextAsync("Đã gửi");
        await Expect(leader.Locator(".actions")).ToHaveCountAsync(0);
        await _shots.TakeAsync(leader, "leader-submitted");

        // Consolidator (Sở Nội vụ): the commune shows as sent; return it with a reason.
        var consolidator = await LogInAsync(Consolidator, "consolidator-login", landsOn: "/consolidation");
        await consolidator.GotoAsync($"/consolidation?period={Period}");
        var communeRow = consolidator.Locator($"#completeness tr[data-unit='{CommuneCode}']");
        await Expect(communeRow.Locator(".status")).ToHaveTextAsync("Đã gửi");
        await Expect(communeRow.Locator("a")).ToHaveTextAsync(CommuneName);
        await Expect(consolidator.Locator("#stat-submitted")).ToHaveTextAsync("1/1");
        await _shots.TakeAsync(consolidator, "consolidation");
        await communeRow.Locator("a").ClickAsync();
        await Expect(consolidator.Locator("#report-status")).ToHaveTextAsync("Đã gửi");
        Assert.Equal(reportId, ReportId(consolidator.Url));
        await NoErrorsShownAsync(consolidator);
        await Expect(consolidator.GetByRole(AriaRole.Link, new() { Name = "Sửa", Exact = true })).ToHaveCountAsync(0);
        await _shots.TakeAsync(consolidator, "consolidator-report");

        var confirmations = new List<string>();
        consolidator.Dialog += async (_, dialog) =>
        {
            confirmations.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await consolidator.Locator("textarea#reason-Return").FillAsync(Reason);
        await consolidator.GetByRole(AriaRole.Button, new() { Name = "Trả lại", Exact = true }).ClickAsync();
        await Expect(consolidator.Locator(".flash")).ToHaveTextAsync("Đã trả lại báo cáo kèm lý do.");
        await Expect(consolidator.Locator("#report-status")).ToHaveTextAsync("Bị trả lại");
        Assert.Equal(["Trả lại báo cáo cho đơn vị?"], confirmations);
        await _shots.TakeAsync(consolidator, "consolidator-returned");

        // Staff: the reason is on the report, which is editable again.
        await staff.GotoAsync($"/reports/{reportId}");
        await Expect(staff.Locator("#report-status")).ToHaveTextAsync("Bị trả lại");
        var returned = staff.Locator(".returned");
        await Expect(returned.Locator(".reason")).ToHaveTextAsync(Reason);
        await Expect(returned).ToContainTextAsync("Báo cáo bị trả lại");
        await Expect(returned).ToContainTextAsync(ConsolidatorName);
        await NoErrorsShownAsync(staff);
        await Expect(staff.GetByRole(AriaRole.Button, new() { Name = "Trình lãnh đạo", Exact = true })).ToBeVisibleAsync();
        await _shots.TakeAsync(staff, "staff-sees-reason");

        await staff.GotoAsync($"/reports/{reportId}?tab=history");
        var history = staff.Locator("#history tbody tr");
        await Expect(history).ToHaveCountAsync(4);
        Assert.Equal(["Nháp", "Chờ lãnh đạo duyệt", "Đã gửi", "Bị trả lại"], await history.Locator("td:nth-child(4)").AllTextContentsAsync());
        Assert.Equal(["", "Nháp", "Chờ lãnh đạo duyệt", "Đã gửi"], await history.Locator("td:nth-child(3)").AllTextContentsAsync());
        var who = await history.Locator("td:nth-child(2)").AllTextContentsAsync();
        Assert.Equal([Staff, Staff, Leader, Consolidator], who.Select(w => w[(w.LastIndexOf('(') + 1)..w.LastIndexOf(')')]));
        Assert.Equal(Reason, await history.Last.Locator("td:nth-child(5)").TextContentAsync());
        await _shots.TakeAsync(staff, "history");

        await CheckLayoutAsync(staff.Context, reportId);
        await CheckDatabaseAsync(communeId, reportId);
        Assert.All(_shots.Taken, path => Assert.True(new FileInfo(path).Length > 1000, $"{path} is empty"));
    }

    /// <summary>The returned report as staff see it on a phone and on a 1366×768 laptop, which must not scroll sideways.</summary>
    private async Task CheckLayoutAsync(IBrowserContext staffContext, int reportId)
    {
        var page = await staffContext.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/reports/{reportId}");
        await Expect(page.Locator(".returned .reason")).ToHaveTextAsync(Reason);
        await _shots.TakeAsync(page, "report-phone-390");
        var (phoneScroll, phoneClient) = await Widths(page);
        Assert.True(phoneScroll <= phoneClient, $"The report page scrolls sideways on a 390 px phone: scrollWidth {phoneScroll} > clientWidth {phoneClient}");

        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync($"/reports/{reportId}");
        await _shots.TakeAsync(page, "report-1366");
        var (scrollWidth, clientWidth) = await Widths(page);
        Assert.True(scrollWidth <= clientWidth, $"The report page scrolls sideways at 1366 px: scrollWidth {scrollWidth} > clientWidth {clientWidth}");
        await page.CloseAsync();
    }

    private async Task CheckDatabaseAsync(int communeId, int reportId)
    {
        await using var db = App.NewDbContext();
        var report = await db.Reports.AsNoTracking()
            .Include(r => r.Sections)
            .Include(r => r.Transitions)
            .SingleAsync(r => r.UnitId == communeId && r.Period == Period);
        Assert.Equal(reportId, report.Id);
        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal(SectionText, report.Sections.Single(s => s.Key == SectionKey).Text);
        Assert.Equal(Staff, report.Sections.Single(s => s.Key == SectionKey).UpdatedBy);
        Assert.All(report.Sections.Where(s => s.Key != SectionKey), s => Assert.Equal("", s.Text));
        var transitions = report.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).ToList();
        Assert.Equal(
            [(null, ReportStatus.Draft, Staff), (ReportStatus.Draft, ReportStatus.AwaitingLeader, Staff), (ReportStatus.AwaitingLeader, ReportStatus.Submitted, Leader), (ReportStatus.Submitted, ReportStatus.Returned, Consolidator)],
            transitions.Select(t => (t.FromStatus, t.ToStatus, t.UserName)));
        Assert.Equal(Reason, transitions[^1].Comment);
    }

    private async Task<IPage> LogInAsync(string userName, string shot, string landsOn)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Đăng nhập");
        // The stylesheet really arrived (CSP, static files), or the screenshots and the layout checks mean nothing.
        await Expect(page.Locator("header.topbar")).ToHaveCSSAsync("background-color", "rgb(163, 29, 29)");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(DanVanWebFactory.Password);
        await _shots.TakeAsync(page, shot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        // Each role lands on its own start page ("/" redirects); waiting for its heading, not for the URL and the
        // load event, because Playwright's URL wait after a POST-redirect chain occasionally misses that event.
        await Expect(page.Locator("h1")).ToHaveTextAsync(landsOn == "/consolidation" ? "Theo dõi gửi báo cáo" : "Báo cáo");
        Assert.Equal(landsOn, new Uri(page.Url).AbsolutePath);
        return page;
    }

    /// <summary>A page reached by normal use shows no form errors (e.g. a model-binding message leaking into the page).</summary>
    private static async Task NoErrorsShownAsync(IPage page) =>
        Assert.Equal("", string.Join(" | ", await page.Locator(".errors li").AllTextContentsAsync()));

    private static int? ReportId(string url)
    {
        var segments = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["reports", var id] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static async Task<(int ScrollWidth, int ClientWidth)> Widths(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (widths[0], widths[1]);
    }

    /// <summary>What each open page showed when a step failed, to read beside the error.</summary>
    private async Task SnapOpenPagesAsync()
    {
        foreach (var page in Contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
        {
            try
            {
                await _shots.TakeAsync(page, "failed");
            }
            catch (PlaywrightException)
            {
                // The browser itself may be what failed; the original error matters more.
            }
        }
    }
}
