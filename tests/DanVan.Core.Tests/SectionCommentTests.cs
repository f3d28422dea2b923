using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Reviewers remark on sections, the unit answers, a reviewer resolves; a return lists what is still open.</summary>
[Collection(CoreCollection.Name)]
public sealed class SectionCommentTests(CoreFixture core)
{
    private sealed record World(Actor Staff, Actor Leader, Actor District, Actor OtherDistrict);

    /// <summary>Province → districts H (with a consolidator) and H2 (with one) → commune C under H.</summary>
    private async Task<World> WorldAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var other = await core.AddUnitAsync(CoreFixture.Code("H2"), province, kind: UnitKind.District);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), district);
        return new World(
            await ReportNoticeTests.UserIn(core, commune, Roles.Staff, "Nguyễn Văn Cán"),
            await ReportNoticeTests.UserIn(core, commune, Roles.Leader, "Trần Thị Lãnh"),
            await ReportNoticeTests.UserIn(core, district, Roles.Consolidator, "Phòng Nội vụ huyện"),
            await ReportNoticeTests.UserIn(core, other, Roles.Consolidator, "Huyện khác"));
    }

    private Task<int> CreateAsync(Actor staff, string period = "2025-Q1") =>
        core.WhileOpenAsync(period, () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, staff)));

    private Task<ReportStatus> ActAsync(int id, Actor actor, ReportAction action, string? comment = null) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = action, Comment = comment }, actor));

    private Task<int> RemarkAsync(int id, Actor actor, string key, string text, int? parent = null) =>
        core.RunAsync(sp => sp.GetRequiredService<SectionCommentService>().AddAsync(new AddComment { ReportId = id, SectionKey = key, Text = text, ParentId = parent }, actor));

    private Task ResolveAsync(int id, int comment, Actor actor) =>
        core.RunAsync(sp => sp.GetRequiredService<SectionCommentService>().ResolveAsync(id, comment, actor));

    private Task<ReportComments> ListAsync(int id, Actor actor) =>
        core.RunAsync(sp => sp.GetRequiredService<SectionCommentService>().ListAsync(id, actor));

    private async Task<List<Notification>> BellAsync(Actor user)
    {
        await using var db = core.Database.NewContext();
        return await db.Notifications.Where(n => n.UserId == user.UserId).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task AddAsync_LeaderRemarksStaffAnswers_EachHearsTheOtherAndOnlyAReviewerResolves()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff);
        await ActAsync(id, w.Staff, ReportAction.SendToLeader);

        var remark = await RemarkAsync(id, w.Leader, "I.1", "Bổ sung số buổi tiếp công dân.");
        var staffBell = await BellAsync(w.Staff);
        await RemarkAsync(id, w.Staff, "I.1", "Đã bổ sung: 04 buổi, 12 lượt.", remark);
        var staffResolves = await Assert.ThrowsAsync<ForbiddenException>(() => ResolveAsync(id, remark, w.Staff));
        var staffRemarks = await Assert.ThrowsAsync<ForbiddenException>(() => RemarkAsync(id, w.Staff, "I.1", "Tự góp ý."));
        await ResolveAsync(id, remark, w.Leader);
        var afterResolve = await Assert.ThrowsAsync<DomainException>(() => RemarkAsync(id, w.Staff, "I.1", "Thêm nữa.", remark));

        var note = Assert.Single(staffBell);
        Assert.Equal($"/reports/{id}#section-I.1", note.Url);
        Assert.StartsWith("Trần Thị Lãnh ghi ý kiến vào mục \"", note.Text, StringComparison.Ordinal);
        Assert.EndsWith(": Bổ sung số buổi tiếp công dân.", note.Text, StringComparison.Ordinal);
        var answer = (await BellAsync(w.Leader)).Last();
        Assert.Contains("Nguyễn Văn Cán trả lời ý kiến ở mục", answer.Text, StringComparison.Ordinal);
        Assert.Contains("chỉ lãnh đạo", staffResolves.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ghi ý kiến", staffRemarks.Message, StringComparison.Ordinal);
        Assert.Contains("đã được giải quyết", afterResolve.Message, StringComparison.Ordinal);

        var seen = await ListAsync(id, w.Staff);
        var thread = Assert.Single(seen.For("I.1"));
        Assert.False(thread.Open);
        Assert.Equal("Trần Thị Lãnh", thread.Remark.ResolvedBy);
        Assert.True(thread.Remark.ByReviewer);
        Assert.False(Assert.Single(thread.Answers).ByReviewer);
        Assert.Equal((false, true, false), (seen.MayRemark, seen.MayAnswer, seen.MayResolve));
        var leaderView = await ListAsync(id, w.Leader);
        Assert.Equal((true, true, true), (leaderView.MayRemark, leaderView.MayAnswer, leaderView.MayResolve));
    }

    [Fact]
    public async Task ChangeStatusAsync_ReturnWithOpenRemarks_ReasonListsThemBySectionOrderAndNotTheResolvedOne()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff);
        await ActAsync(id, w.Leader, ReportAction.Submit);
        await RemarkAsync(id, w.District, "II", "Chưa nêu hạn chế, nguyên nhân.");
        var resolved = await RemarkAsync(id, w.District, "I.1", "Sai tên văn bản.");
        await RemarkAsync(id, w.District, "I.1", "Thiếu số liệu tiếp công dân.");
        await ResolveAsync(id, resolved, w.District);

        await ActAsync(id, w.District, ReportAction.Return);

        var headings = await core.RunAsync(async sp => (await sp.GetRequiredService<ReportService>().GetAsync(id, w.Staff)).Sections.ToDictionary(s => s.Key, s => s.Heading));
        var expected = $"Ý kiến theo mục chưa giải quyết:\n- {headings["I.1"]}: Thiếu số liệu tiếp công dân.\n- {headings["II"]}: Chưa nêu hạn chế, nguyên nhân.";
        var report = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, w.Staff));
        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal(expected, report.Transitions[^1].Comment);
        Assert.EndsWith("bị trả lại. Lý do: " + expected, (await BellAsync(w.Leader)).Last().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeStatusAsync_ReturnWithTypedReasonAndRemark_BothKeptAndWithoutEitherRefused()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff);
        await ActAsync(id, w.Leader, ReportAction.Submit);

        var bare = await Assert.ThrowsAsync<DomainException>(() => ActAsync(id, w.District, ReportAction.Return));
        await RemarkAsync(id, w.District, "I.1", "Thiếu số liệu.");
        await ActAsync(id, w.District, ReportAction.Return, "Đề nghị hoàn thiện.");

        Assert.Equal(nameof(ChangeStatus.Comment), bare.Field);
        var comment = (await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, w.Staff))).Transitions[^1].Comment!;
        Assert.StartsWith("Đề nghị hoàn thiện.\nÝ kiến theo mục chưa giải quyết:\n- ", comment, StringComparison.Ordinal);
        Assert.EndsWith(": Thiếu số liệu.", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_NotTheReviewerOrAcceptedOrBadInput_RefusedWithTheReason()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff);
        await ActAsync(id, w.Leader, ReportAction.Submit);

        await Assert.ThrowsAsync<NotFoundException>(() => RemarkAsync(id, w.OtherDistrict, "I.1", "Không thuộc phạm vi."));
        var empty = await Assert.ThrowsAsync<DomainException>(() => RemarkAsync(id, w.District, "I.1", "   "));
        var noSection = await Assert.ThrowsAsync<DomainException>(() => RemarkAsync(id, w.District, "IX.9", "Mục không có."));
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => RemarkAsync(id, w.District, "I.1", new string('a', SectionComment.MaxTextLength + 1)));
        await ActAsync(id, w.District, ReportAction.Accept);
        var accepted = await Assert.ThrowsAsync<DomainException>(() => RemarkAsync(id, w.District, "I.1", "Sau khi tiếp nhận."));

        Assert.Equal(("Text", "SectionKey", "Text"), (empty.Field, noSection.Field, tooLong.Field));
        Assert.Contains("đã được tiếp nhận", accepted.Message, StringComparison.Ordinal);
        Assert.Empty((await ListAsync(id, w.District)).BySection);
    }

    [Fact]
    public async Task AddAsync_OnTheOpeningOrTheClosing_RefusedWithTheReasonAndAContentSectionTakesIt()
    {
        var w = await WorldAsync();
        var id = await CreateAsync(w.Staff);
        await ActAsync(id, w.Staff, ReportAction.SendToLeader);

        var opening = await Assert.ThrowsAsync<DomainException>(() => RemarkAsync(id, w.Leader, "intro", "Sửa trích dẫn kế hoạch."));
        var closing = await Assert.ThrowsAsync<DomainException>(() => RemarkAsync(id, w.Leader, "closing", "Sửa câu kết."));
        await RemarkAsync(id, w.Leader, "I.1", "Bổ sung số buổi tiếp công dân.");

        Assert.Equal(("SectionKey", "SectionKey"), (opening.Field, closing.Field));
        Assert.Contains("ghi ý kiến vào mục nội dung", opening.Message, StringComparison.Ordinal);
        Assert.Equal(["I.1"], (await ListAsync(id, w.Leader)).BySection.Keys);
        Assert.Equal((false, false, true), (SectionComments.TakesRemarks("intro"), SectionComments.TakesRemarks("closing"), SectionComments.TakesRemarks("I")));
    }

    [Fact]
    public void ReturnReason_RemarksBeyondTheLimit_CountedInsteadAndWithinTheLimit()
    {
        var open = Enumerable.Range(1, 60).Select(i => new OpenRemark($"Mục {i}", new string('x', 90))).ToList();

        var reason = SectionComments.ReturnReason("Đề nghị sửa.", open, 4000)!;

        Assert.True(reason.Length <= 4000);
        Assert.StartsWith("Đề nghị sửa.\nÝ kiến theo mục chưa giải quyết:\n- Mục 1: ", reason, StringComparison.Ordinal);
        var listed = reason.Split('\n').Count(l => l.StartsWith("- Mục ", StringComparison.Ordinal));
        Assert.EndsWith($"\n- … và {60 - listed} ý kiến khác (xem bên cạnh các mục của báo cáo).", reason, StringComparison.Ordinal);
        Assert.Null(SectionComments.ReturnReason("  ", [], 4000));
        Assert.Equal("Lý do.", SectionComments.ReturnReason(" Lý do. ", [], 4000));
    }
}
