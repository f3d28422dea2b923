using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A clerk writes the whole report on one page: sections save themselves as she types, survive a reload and a
/// dropped connection, and a colleague writing the same section meanwhile is shown, not overwritten.
/// </summary>
public sealed class WriteReportBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Staff = "canbo.vietbao";
    private const string Leader = "lanhdao.vietbao";
    private static readonly System.Text.RegularExpressions.Regex SavedAt = new(@"^Đã lưu lúc \d\d:\d\d$");

    private readonly Screenshots _shots = new("write-");

    private static ILocator Box(IPage page, string key) => page.Locator($"form[data-key='{key}'] textarea");

    private static ILocator State(IPage page, string key) => page.Locator($"form[data-key='{key}'] .save-state");

    private async Task<string> StoredAsync(int id, string key)
    {
        await using var db = App.NewDbContext();
        return (await db.ReportSections.SingleAsync(s => s.ReportId == id && s.Key == key)).Text;
    }

    /// <summary>A commune under a province whose Sở Nội vụ asks, by plan, for last quarter's report with guidance per section.</summary>
    private async Task<int> ArrangeAsync()
    {
        var province = await App.AddUnitAsync("E2E-W-TINH", "Tỉnh Viết Báo", UnitKind.Province);
        var department = await App.AddUnitAsync("E2E-W-SNV", "Sở Nội vụ tỉnh Viết Báo", UnitKind.Department, parentId: province, consolidatesForId: province);
        var commune = await App.AddUnitAsync("E2E-W-XA", "Xã Viết Báo", UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff, commune, Roles.Staff, "Nguyễn Thị Lan");
        await App.AddUserAsync(Leader, commune, Roles.Leader, "Trần Văn Minh");
        await App.AddUserAsync("tonghop.vietbao", department, Roles.Consolidator, "Lê Thu Hà");
        var today = DanVan.Core.VietnamTime.Today(TimeProvider.System);
        var period = DanVan.Core.Periods.ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1).Previous();
        var consolidator = await App.ActorAsync("tonghop.vietbao");
        await App.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            new PlanInput
            {
                Number = "15/KH-UBND",
                IssuedOn = period.CalendarWindow().Start,
                Summary = "Báo cáo công tác dân vận chính quyền hằng quý",
                PeriodType = PeriodType.Quarter,
                FirstPeriod = period.ToString(),
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                OwnerDeadlineKind = DeadlineKind.DayOfMonth,
                OwnerDeadlineValue = 25,
                Sections =
                [
                    new PlanSectionInput("I", "I. KẾT QUẢ THỰC HIỆN", 1, null, false),
                    new PlanSectionInput("I.1", "1. Công tác lãnh đạo, chỉ đạo", 2, "Nêu số văn bản ban hành, hội nghị quán triệt; so sánh cùng kỳ.", true),
                    new PlanSectionInput("I.2", "2. Công tác tuyên truyền", 2, "Hình thức, số buổi, số lượt người nghe.", false),
                    new PlanSectionInput("I.3", "3. Phong trào thi đua \"Dân vận khéo\"", 2, "Số mô hình mới, mô hình được khen thưởng.", false),
                    new PlanSectionInput("I.4", "4. Cải cách hành chính", 2, null, false),
                    new PlanSectionInput("II", "II. ĐÁNH GIÁ CHUNG", 1, "Ưu điểm, hạn chế và nguyên nhân; không quá một trang.", true),
                    new PlanSectionInput("III", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", 1, "Mỗi nhiệm vụ một dòng: kỳ sau đơn vị báo cáo kết quả từng dòng.", true),
                ],
            },
            consolidator));
        var actor = await App.ActorAsync(Staff);
        return await App.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period.ToString() }, actor));
    }

    [Fact]
    public async Task Write_TypeInSections_AutosavedKeptOverReloadAndDroppedConnection_ConflictShown()
    {
        var id = await ArrangeAsync();
        var staff = await NewPageAsync();
        try
        {
            await LogInAsync(staff, Staff);
            await staff.GotoAsync($"/reports/{id}");
            await staff.Locator("#write-report").ClickAsync();
            await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/reports/{id}/write$"));
            await Expect(staff.Locator("textarea")).ToHaveCountAsync(9);
            await Expect(staff.Locator("#section-II aside.guidance")).ToContainTextAsync("Ưu điểm, hạn chế và nguyên nhân");

            // Typing saves a moment after it stops; leaving the box saves at once.
            await Box(staff, "I.1").PressSequentiallyAsync("Đảng ủy xã ban hành 3 nghị quyết chuyên đề.");
            await Expect(State(staff, "I.1")).ToHaveTextAsync(SavedAt);
            await Box(staff, "II").FillAsync("Công tác dân vận chính quyền có chuyển biến rõ.\nCòn chậm ở khâu tiếp dân.");
            await Box(staff, "III").FocusAsync();
            await Expect(State(staff, "II")).ToHaveTextAsync(SavedAt);
            Assert.Equal("Đảng ủy xã ban hành 3 nghị quyết chuyên đề.", await StoredAsync(id, "I.1"));
            await staff.SetViewportSizeAsync(1366, 900);
            await _shots.TakeAsync(staff, "saved-1366");

            await staff.ReloadAsync();
            await Expect(Box(staff, "I.1")).ToHaveValueAsync("Đảng ủy xã ban hành 3 nghị quyết chuyên đề.");
            await Expect(Box(staff, "II")).ToHaveValueAsync("Công tác dân vận chính quyền có chuyển biến rõ.\nCòn chậm ở khâu tiếp dân.");

            // The connection drops while she types: the text waits on this computer and goes when it is back.
            await staff.Context.SetOfflineAsync(true);
            await Box(staff, "III").FillAsync("Tiếp tục đổi mới tiếp công dân.");
            await Expect(State(staff, "III")).ToHaveTextAsync("Chưa lưu — mất kết nối, sẽ thử lại");
            await _shots.TakeAsync(staff, "offline");
            Assert.Equal("", await StoredAsync(id, "III"));
            await staff.Context.SetOfflineAsync(false);
            await Expect(State(staff, "III")).ToHaveTextAsync(SavedAt);
            Assert.Equal("Tiếp tục đổi mới tiếp công dân.", await StoredAsync(id, "III"));

            // Offline again, and the tab is closed before the connection returns: the next visit restores and saves it.
            await staff.Context.SetOfflineAsync(true);
            await Box(staff, "I.2").FillAsync("Tuyên truyền qua loa truyền thanh 40 buổi.");
            await Expect(State(staff, "I.2")).ToHaveTextAsync("Chưa lưu — mất kết nối, sẽ thử lại");
            await staff.CloseAsync();
            await Contexts[0].SetOfflineAsync(false);
            staff = await Contexts[0].NewPageAsync();
            await staff.GotoAsync($"/reports/{id}/write");
            await Expect(staff.Locator("form[data-key='I.2'] .restored")).ToContainTextAsync("Đã khôi phục nội dung bạn gõ");
            await Expect(State(staff, "I.2")).ToHaveTextAsync(SavedAt);
            Assert.Equal("Tuyên truyền qua loa truyền thanh 40 buổi.", await StoredAsync(id, "I.2"));

            // The leader writes another section at the same time: no conflict. Then both write section II.
            var leader = await NewPageAsync();
            await LogInAsync(leader, Leader);
            await leader.GotoAsync($"/reports/{id}/write");
            await Box(leader, "I.3").FillAsync("Phong trào Dân vận khéo có 5 mô hình mới.");
            await Box(staff, "I.4").FillAsync("Rút ngắn thời gian giải quyết hồ sơ đất đai.");
            await Expect(State(leader, "I.3")).ToHaveTextAsync(SavedAt);
            await Expect(State(staff, "I.4")).ToHaveTextAsync(SavedAt);

            await Box(staff, "II").FillAsync("Bản đánh giá của cán bộ.");
            await Expect(State(staff, "II")).ToHaveTextAsync(SavedAt);
            await Box(leader, "II").FillAsync("Bản đánh giá của lãnh đạo.");
            await Expect(State(leader, "II")).ToContainTextAsync("vừa được " + Staff + " lưu lúc");
            await Expect(leader.Locator("#section-II .saved-meanwhile")).ToHaveTextAsync("Bản đánh giá của cán bộ.");
            await Expect(Box(leader, "II")).ToHaveValueAsync("Bản đánh giá của lãnh đạo.");
            Assert.Equal("Bản đánh giá của cán bộ.", await StoredAsync(id, "II"));
            await leader.SetViewportSizeAsync(390, 844);
            await leader.Locator("#section-II").ScrollIntoViewIfNeededAsync();
            await _shots.TakeAsync(leader, "conflict-390");

            // Having read the colleague's text, the leader keeps her own deliberately.
            await leader.GetByRole(AriaRole.Button, new() { Name = "Lưu bản của tôi thay bản này" }).ClickAsync();
            await Expect(State(leader, "II")).ToHaveTextAsync(SavedAt);
            Assert.Equal("Bản đánh giá của lãnh đạo.", await StoredAsync(id, "II"));
            await leader.ReloadAsync();
            await _shots.TakeAsync(leader, "saved-390");
        }
        catch
        {
            foreach (var page in Contexts.SelectMany(c => c.Pages))
            {
                await _shots.TakeAsync(page, "failed");
            }

            throw;
        }
    }
}
