using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>A consolidator accepts several sent reports at once; each goes through the one transition, and one that cannot be accepted is refused alone.</summary>
[Collection(CoreCollection.Name)]
public sealed class BulkAcceptTests(CoreFixture core)
{
    private async Task<(Actor Consolidator, Actor Outsider, (Actor Staff, Actor Leader)[] Units)> WorldAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var other = await core.AddUnitAsync(CoreFixture.Code("H2"), province, kind: UnitKind.District);
        var units = new List<(Actor, Actor)>();
        foreach (var name in new[] { "A", "B", "C" })
        {
            var commune = await core.AddUnitAsync(CoreFixture.Code(name), district);
            units.Add((await ReportNoticeTests.UserIn(core, commune, Roles.Staff, "Cán bộ " + name), await ReportNoticeTests.UserIn(core, commune, Roles.Leader, "Lãnh đạo " + name)));
        }

        return (await ReportNoticeTests.UserIn(core, district, Roles.Consolidator, "Phòng Nội vụ"), await ReportNoticeTests.UserIn(core, other, Roles.Consolidator, "Huyện khác"), units.ToArray());
    }

    private Task<int> CreateAsync(Actor staff) =>
        core.WhileOpenAsync("2025-Q1", () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff)));

    private Task<ReportStatus> SubmitAsync(int id, Actor leader) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader));

    private Task<IReadOnlyList<BulkOutcome>> AcceptManyAsync(Actor actor, params int[] ids) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().AcceptManyAsync(ids, actor));

    [Fact]
    public async Task AcceptManyAsync_TwoSentAndADraft_TwoAcceptedEachRecordedVersionedNotifiedAndTheDraftRefused()
    {
        var (consolidator, _, units) = await WorldAsync();
        var a = await CreateAsync(units[0].Staff);
        var b = await CreateAsync(units[1].Staff);
        var draft = await CreateAsync(units[2].Staff);
        await SubmitAsync(a, units[0].Leader);
        await SubmitAsync(b, units[1].Leader);
        await using var before = core.Database.NewContext();
        var versions = await before.Reports.Where(r => r.Id == a || r.Id == b || r.Id == draft).ToDictionaryAsync(r => r.Id, r => r.Version);

        var outcomes = await AcceptManyAsync(consolidator, a, draft, b);

        Assert.Equal([a, draft, b], outcomes.Select(o => o.ReportId));
        Assert.Equal((ReportStatus.Accepted, (string?)null), (outcomes[0].Status, outcomes[0].Refusal));
        Assert.Equal((ReportStatus.Accepted, (string?)null), (outcomes[2].Status, outcomes[2].Refusal));
        Assert.Null(outcomes[1].Status);
        Assert.Contains("Không tìm thấy báo cáo", outcomes[1].Refusal, StringComparison.Ordinal); // a draft is the unit's own
        await using var db = core.Database.NewContext();
        var reports = await db.Reports.Where(r => r.Id == a || r.Id == b || r.Id == draft).ToDictionaryAsync(r => r.Id);
        Assert.Equal((ReportStatus.Accepted, ReportStatus.Accepted, ReportStatus.Draft), (reports[a].Status, reports[b].Status, reports[draft].Status));
        Assert.Equal((versions[a] + 1, versions[b] + 1, versions[draft]), (reports[a].Version, reports[b].Version, reports[draft].Version));
        Assert.NotNull(reports[a].AcceptedAt);
        foreach (var (id, leader) in new[] { (a, units[0].Leader), (b, units[1].Leader) })
        {
            var last = await db.ReportTransitions.Where(t => t.ReportId == id).OrderBy(t => t.Id).LastAsync();
            Assert.Equal((ReportStatus.Submitted, ReportStatus.Accepted, "Phòng Nội vụ"), (last.FromStatus, last.ToStatus, last.UserFullName));
            Assert.Contains(await db.Notifications.Where(n => n.UserId == leader.UserId).Select(n => n.Text).ToListAsync(), t => t.Contains("đã được tiếp nhận", StringComparison.Ordinal));
        }

        Assert.False(await db.ReportTransitions.AnyAsync(t => t.ReportId == draft && t.ToStatus == ReportStatus.Accepted));
    }

    [Fact]
    public async Task AcceptManyAsync_NotTheReviewerOrNothingChosen_RefusedAndNothingChanges()
    {
        var (_, outsider, units) = await WorldAsync();
        var a = await CreateAsync(units[0].Staff);
        await SubmitAsync(a, units[0].Leader);

        var outcomes = await AcceptManyAsync(outsider, a);
        await Assert.ThrowsAsync<ForbiddenException>(() => AcceptManyAsync(units[1].Leader, a));
        var none = await Assert.ThrowsAsync<DomainException>(() => AcceptManyAsync(outsider));

        Assert.Equal(a, Assert.Single(outcomes).ReportId);
        Assert.Null(outcomes[0].Status);
        Assert.NotNull(outcomes[0].Refusal);
        Assert.Equal("ReportIds", none.Field);
        await using var db = core.Database.NewContext();
        Assert.Equal(ReportStatus.Submitted, (await db.Reports.SingleAsync(r => r.Id == a)).Status);
    }
}
