using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DanVan.Tests;

/// <summary>The report is locked while with the leader, and each move of the workflow tells who must act next.</summary>
[Collection(CoreCollection.Name)]
public sealed class ReportNoticeTests(CoreFixture core)
{
    private sealed record World(int Commune, string CommuneName, Actor Staff, Actor Leader, Actor DistrictConsolidator, Actor ProvinceConsolidator, Actor OtherDistrictConsolidator, Actor OtherCommuneLeader);

    /// <summary>Province P (Sở Nội vụ consolidates for it) → districts H and H2 (each with a consolidator) → commune C under H, and D under H2.</summary>
    private async Task<World> WorldAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var otherDistrict = await core.AddUnitAsync(CoreFixture.Code("H2"), province, kind: UnitKind.District);
        var code = CoreFixture.Code("C");
        var commune = await core.AddUnitAsync(code, district);
        var otherCommune = await core.AddUnitAsync(CoreFixture.Code("D"), otherDistrict);
        return new World(
            commune,
            "Đơn vị " + code,
            await UserAsync(commune, Roles.Staff, "Nguyễn Văn Cán"),
            await UserAsync(commune, Roles.Leader, "Trần Thị Lãnh"),
            await UserAsync(district, Roles.Consolidator, "Phòng Nội vụ huyện"),
            await UserAsync(snv, Roles.Consolidator, "Sở Nội vụ"),
            await UserAsync(otherDistrict, Roles.Consolidator, "Huyện khác"),
            await UserAsync(otherCommune, Roles.Leader, "Lãnh đạo xã khác"));
    }

    private Task<Actor> UserAsync(int unitId, string role, string fullName, string? email = null) => UserIn(core, unitId, role, fullName, email);

    internal static Task<Actor> UserIn(CoreFixture core, int unitId, string role, string fullName, string? email = null) => core.RunAsync(async sp =>
    {
        var userName = CoreFixture.Code("u").ToLowerInvariant();
        var id = await sp.GetRequiredService<UserAdminService>().CreateAsync(
            new CreateUser { UserName = userName, FullName = fullName, UnitId = unitId, Role = role, Password = CoreFixture.Password },
            CoreFixture.Admin);
        if (email is not null)
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await users.SetEmailAsync((await users.FindByIdAsync(id))!, email);
        }

        return new Actor(id, userName, fullName, unitId, new HashSet<string> { role });
    });

    private Task<int> CreateAsync(Actor staff, string period) =>
        core.WhileOpenAsync(period, () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, staff)));

    private Task<ReportStatus> ActAsync(int id, Actor actor, ReportAction action, string? comment = null) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = action, Comment = comment }, actor));

    private Task<SectionSaved> SaveAsync(int id, Actor actor, string key, string text) => core.RunAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var section = (await reports.GetAsync(id, actor)).Sections.Single(s => s.Key == key);
        return await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = key, Text = text, ExpectedVersion = section.Version }, actor);
    });

    private async Task<List<Notification>> BellAsync(Actor user)
    {
        await using var db = core.Database.NewContext();
        return await db.Notifications.Where(n => n.UserId == user.UserId).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task SaveSectionAsync_ReportWithTheLeader_StaffRefusedUntilTheLeaderReturnsIt()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff, "2025-Q1");
        await SaveAsync(id, w.Staff, "I.1", "Bản trình lãnh đạo.");
        await ActAsync(id, w.Staff, ReportAction.SendToLeader);

        var refused = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(id, w.Staff, "I.1", "Sửa khi lãnh đạo đang duyệt."));
        var figures = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var version = (await reports.GetAsync(id, w.Staff)).Version;
            return await reports.SaveFiguresAsync(new SaveFigures { ReportId = id, Figures = [new FigureInput("Buổi tiếp dân", 4, "buổi")], ExpectedVersion = version }, w.Staff);
        }));
        var stateOfStaff = await core.RunAsync(async sp => await sp.GetRequiredService<ReportStandingService>().StandingAsync(await sp.GetRequiredService<ReportService>().GetAsync(id, w.Staff), w.Staff));
        await SaveAsync(id, w.Leader, "I.1", "Bản trình lãnh đạo, lãnh đạo sửa câu chữ.");
        await ActAsync(id, w.Leader, ReportAction.ReturnToStaff, "Bổ sung số liệu.");
        await SaveAsync(id, w.Staff, "I.1", "Bản sửa sau khi lãnh đạo trả lại.");

        Assert.Contains("chờ lãnh đạo duyệt", refused.Message, StringComparison.Ordinal);
        Assert.Contains("lãnh đạo trả lại", refused.Message, StringComparison.Ordinal);
        Assert.Contains("chờ lãnh đạo duyệt", figures.Message, StringComparison.Ordinal);
        Assert.False(stateOfStaff.CanEdit);
        var report = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, w.Staff));
        Assert.Equal("Bản sửa sau khi lãnh đạo trả lại.", report.Sections.Single(s => s.Key == "I.1").Text);
        Assert.Empty(report.Figures);
    }

    [Fact]
    public async Task ChangeStatusAsync_LeaderAccountDisabled_GetsNoBellItem()
    {
        var w = await WorldAsync();
        var stillActive = await UserAsync(w.Commune, Roles.Leader, "Phó Chủ tịch");
        await core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().DisableAsync(w.Leader.UserId, CoreFixture.Admin));
        var id = await CreateAsync(w.Staff, "2025-Q1");

        await ActAsync(id, w.Staff, ReportAction.SendToLeader);

        Assert.Empty(await BellAsync(w.Leader));
        Assert.Single(await BellAsync(stillActive));
    }

    [Fact]
    public async Task ChangeStatusAsync_WholeJourney_EachMoveReachesWhoActsNextWithALinkToTheReport()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff, "2025-Q1");
        var link = $"/reports/{id}";

        await ActAsync(id, w.Staff, ReportAction.SendToLeader);
        var leaderAfterSend = await BellAsync(w.Leader);
        await ActAsync(id, w.Leader, ReportAction.ReturnToStaff, "Bổ sung số liệu tiếp công dân.");
        var staffAfterReturn = await BellAsync(w.Staff);
        await ActAsync(id, w.Staff, ReportAction.SendToLeader);
        await ActAsync(id, w.Leader, ReportAction.Submit);
        var number = (await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, w.Leader))).DocumentNumber;
        var districtAfterSubmit = await BellAsync(w.DistrictConsolidator);
        await ActAsync(id, w.DistrictConsolidator, ReportAction.Return, "Thiếu phần Đánh giá chung.");
        var staffAfterBodyReturn = await BellAsync(w.Staff);
        await ActAsync(id, w.Leader, ReportAction.Submit);
        await ActAsync(id, w.DistrictConsolidator, ReportAction.Accept);

        var leaderNotice = Assert.Single(leaderAfterSend);
        Assert.Equal((link, $"Báo cáo quý I năm 2025 của {w.CommuneName} chờ lãnh đạo duyệt (Nguyễn Văn Cán trình)."), (leaderNotice.Url, leaderNotice.Text));
        var returned = Assert.Single(staffAfterReturn);
        Assert.Contains("Lãnh đạo Trần Thị Lãnh trả lại báo cáo quý I năm 2025", returned.Text, StringComparison.Ordinal);
        Assert.EndsWith("Ý kiến: Bổ sung số liệu tiếp công dân.", returned.Text, StringComparison.Ordinal);
        var arrived = Assert.Single(districtAfterSubmit);
        Assert.Equal(link, arrived.Url);
        Assert.EndsWith($"(số {number}) đã gửi đến, chờ tiếp nhận.", arrived.Text, StringComparison.Ordinal);
        Assert.EndsWith("bị trả lại. Lý do: Thiếu phần Đánh giá chung.", staffAfterBodyReturn[^1].Text, StringComparison.Ordinal);

        // Both submissions reached every reviewer above (no plan: the district and the province), none beside it.
        Assert.Equal(2, (await BellAsync(w.DistrictConsolidator)).Count);
        Assert.Equal(2, (await BellAsync(w.ProvinceConsolidator)).Count);
        Assert.Empty(await BellAsync(w.OtherDistrictConsolidator));
        Assert.Empty(await BellAsync(w.OtherCommuneLeader));

        // Staff drafted it, the leader sent it: both hear the return and the acceptance; nobody hears of their own act.
        Assert.Equal(
            ["trả lại báo cáo", "bị trả lại", "đã được tiếp nhận"],
            (await BellAsync(w.Staff)).Select(n => n.Text).Select(Kind));
        Assert.Equal(
            ["chờ lãnh đạo duyệt", "chờ lãnh đạo duyệt", "bị trả lại", "đã được tiếp nhận"],
            (await BellAsync(w.Leader)).Select(n => n.Text).Select(Kind));
        Assert.All(await BellAsync(w.Staff), n => Assert.Equal(link, n.Url));

        static string Kind(string text) => new[] { "chờ lãnh đạo duyệt", "trả lại báo cáo", "bị trả lại", "đã được tiếp nhận" }.First(k => text.Contains(k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeStatusAsync_PlanReport_OnlyThePlanOwnersConsolidatorsHearItArrived()
    {
        var s = new ReminderScenario();
        await s.InitializeAsync();
        try
        {
            s.Core.Clock.Now = new DateTimeOffset(2025, 3, 10, 3, 0, 0, TimeSpan.Zero);
            var district = await s.Core.AddUnitAsync(CoreFixture.Code("H"), kind: UnitKind.District);
            var staff = await UserIn(s.Core, s.Commune, Roles.Staff, "Cán bộ");
            var leader = await UserIn(s.Core, s.Commune, Roles.Leader, "Lãnh đạo");
            var snv = await UserIn(s.Core, s.Snv, Roles.Consolidator, "Sở Nội vụ");
            var elsewhere = await UserIn(s.Core, district, Roles.Consolidator, "Huyện ngoài kế hoạch");
            var id = await s.Core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
            await s.Core.RunAsync(async sp =>
            {
                var reports = sp.GetRequiredService<ReportService>();
                await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I", Text = "Kết quả.", ExpectedVersion = 0 }, staff);
                await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
            });

            Assert.Contains("đã gửi đến", Assert.Single(await s.NotificationsAsync(snv.UserId)).Text, StringComparison.Ordinal);
            Assert.Empty(await s.NotificationsAsync(elsewhere.UserId));
        }
        finally
        {
            await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task ChangeStatusAsync_SmtpConfigured_TheLeaderIsEmailedWithTheLink()
    {
        await using var smtp = SmtpTestServer.Start();
        var settings = ReminderScenario.Smtp(smtp.Port) with { From = "DanVan <danvan@snv.example.vn>", SiteUrl = "https://danvan.snv.example.vn/" };
        var w = await WorldAsync();
        var withEmail = await UserAsync(w.Commune, Roles.Leader, "Lê Văn Thư", $"lanhdao.{w.Commune}@xa.gov.vn");
        var id = await CreateAsync(w.Staff, "2025-Q2");

        await core.RunAsync(sp =>
        {
            var notifications = ActivatorUtilities.CreateInstance<NotificationService>(sp, settings);
            var reports = ActivatorUtilities.CreateInstance<ReportService>(sp, ActivatorUtilities.CreateInstance<ReportNotices>(sp, notifications));
            return reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.SendToLeader }, w.Staff);
        });
        await ReminderScenario.SendMailAsync(core, settings);

        var (recipients, message) = Assert.Single(smtp.Messages, m => m.Recipients.Contains($"lanhdao.{w.Commune}@xa.gov.vn"));
        Assert.Single(recipients);
        Assert.Equal("Báo cáo quý II năm 2025 chờ lãnh đạo duyệt", message.Subject);
        Assert.Contains("chờ lãnh đạo duyệt (Nguyễn Văn Cán trình).", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://danvan.snv.example.vn/reports/{id}", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("DanVan", Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Name);
        Assert.Single(await BellAsync(withEmail));
    }

    [Fact]
    public async Task ChangeStatusAsync_ReturnedWithTheLongestReason_MoveSavedAndTheBellLineCut()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff, "2025-Q2");
        await ActAsync(id, w.Staff, ReportAction.SendToLeader);
        var reason = string.Concat(Enumerable.Repeat("Bổ sung số liệu. ", 235));

        await ActAsync(id, w.Leader, ReportAction.ReturnToStaff, reason);

        var line = Assert.Single(await BellAsync(w.Staff)).Text;
        Assert.Equal(NotificationService.MaxTextLength, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
        Assert.Equal(reason.Trim(), (await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, w.Staff))).Transitions[^1].Comment);
    }
}
