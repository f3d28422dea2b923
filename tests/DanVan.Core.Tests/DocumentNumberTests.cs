using DanVan.Core.Access;
using DanVan.Core.Decree30;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Numbers in a body's register (Decree 30/2020): given on issue, 01 upwards per body and year, never twice.</summary>
[Collection(CoreCollection.Name)]
public sealed class DocumentNumberTests(CoreFixture core)
{
    private async Task<int> ReadyForLeaderAsync(int unitId, string period)
    {
        var id = await core.WhileOpenAsync(period, () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, CoreFixture.As(unitId, Roles.Staff))));
        await ActAsync(id, CoreFixture.As(unitId, Roles.Staff), ReportAction.SendToLeader);
        return id;
    }

    private Task<ReportStatus> ActAsync(int id, Actor actor, ReportAction action, string? comment = null) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = action, Comment = comment }, actor));

    private async Task<(string? Number, DateOnly? IssuedOn)> NumberAsync(int id)
    {
        await using var db = core.Database.NewContext();
        var r = await db.Reports.AsNoTracking().SingleAsync(x => x.Id == id);
        return (r.DocumentNumber, r.IssuedOn);
    }

    [Fact]
    public async Task Submit_SuccessiveReports_NumberedFrom01InTheBodysRegister()
    {
        // The collection's tests share one clock and some leave it elsewhere: the issue date below is this day's.
        core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"));
        var other = await core.AddUnitAsync(CoreFixture.Code("C"));
        var leader = CoreFixture.As(commune, Roles.Leader);
        var ids = new List<int>();
        foreach (var period in new[] { "2025-01", "2025-02", "2025-03" })
        {
            ids.Add(await ReadyForLeaderAsync(commune, period));
        }

        var draft = await ReadyForLeaderAsync(other, "2025-01");

        foreach (var id in ids)
        {
            await ActAsync(id, leader, ReportAction.Submit);
        }

        Assert.Equal(["01/BC-UBND", "02/BC-UBND", "03/BC-UBND"], (await Task.WhenAll(ids.Select(NumberAsync))).Select(n => n.Number));
        Assert.Equal(new DateOnly(2025, 4, 10), (await NumberAsync(ids[0])).IssuedOn);
        Assert.Null((await NumberAsync(draft)).Number);
    }

    [Fact]
    public async Task Submit_AfterReturn_KeepsItsNumberAndTheNextReportGetsTheNext()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var board = await core.AddUnitAsync(CoreFixture.Code("B"), province, kind: UnitKind.Board);
        var leader = CoreFixture.As(board, Roles.Leader);
        var first = await ReadyForLeaderAsync(board, "2025-Q1");
        await ActAsync(first, leader, ReportAction.Submit);
        await ActAsync(first, CoreFixture.As(snv, Roles.Consolidator), ReportAction.Return, "Bổ sung số liệu");

        await ActAsync(first, leader, ReportAction.Submit);
        var second = await ReadyForLeaderAsync(board, "2025-Q2");
        await ActAsync(second, leader, ReportAction.Submit);

        // The test tree names a board "Đơn vị B-…": its symbol is the initials of that name.
        Assert.Equal("01/BC-ĐVB", (await NumberAsync(first)).Number);
        Assert.Equal("02/BC-ĐVB", (await NumberAsync(second)).Number);
    }

    [Fact]
    public async Task Submit_OverNewYearInVietnam_RestartsAt01()
    {
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"));
        var leader = CoreFixture.As(commune, Roles.Leader);
        var december = await ReadyForLeaderAsync(commune, "2025-11");
        var later = await ReadyForLeaderAsync(commune, "2025-12");
        var previous = core.Clock.Now;
        try
        {
            // 16:59 UTC on 31/12 is 23:59 in Vietnam; a minute later it is 1 January there.
            core.Clock.Now = new DateTimeOffset(2025, 12, 31, 16, 59, 0, TimeSpan.Zero);
            await ActAsync(december, leader, ReportAction.Submit);
            core.Clock.Now = new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero);
            await ActAsync(later, leader, ReportAction.Submit);
        }
        finally
        {
            core.Clock.Now = previous;
        }

        Assert.Equal(("01/BC-UBND", new DateOnly(2025, 12, 31)), await NumberAsync(december));
        Assert.Equal(("01/BC-UBND", new DateOnly(2026, 1, 1)), await NumberAsync(later));
    }

    [Fact]
    public async Task IssueAsync_SaveFails_NumberIsNotUsedUp()
    {
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"));
        var id = await ReadyForLeaderAsync(commune, "2025-05");
        var at = new DateTime(2025, 6, 1, 3, 0, 0, DateTimeKind.Utc);

        await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<Core.Data.DanVanDbContext>();
            var report = await db.Reports.SingleAsync(r => r.Id == id);
            await Assert.ThrowsAsync<InvalidOperationException>(() => sp.GetRequiredService<DocumentRegister>()
                .IssueAsync(report.UnitId, at, (_, _, _) => throw new InvalidOperationException("save failed")));
        });
        await ActAsync(id, CoreFixture.As(commune, Roles.Leader), ReportAction.Submit);

        Assert.Equal("01/BC-UBND", (await NumberAsync(id)).Number);
    }

    [Fact]
    public async Task Submit_ManyLeadersAtOnce_DistinctConsecutiveNumbers()
    {
        const int count = 8;
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"));
        var ids = new List<int>();
        for (var month = 1; month <= count; month++)
        {
            ids.Add(await ReadyForLeaderAsync(commune, $"2025-{month:00}"));
        }

        using var start = new SemaphoreSlim(0);
        var submits = ids.Select((id, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await ActAsync(id, CoreFixture.As(commune, Roles.Leader, $"lanhdao{i}"), ReportAction.Submit);
        })).ToList();
        start.Release(count);
        await Task.WhenAll(submits);

        var numbers = (await Task.WhenAll(ids.Select(NumberAsync))).Select(n => n.Number!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, count).Select(n => $"{n:00}/BC-UBND"), numbers);
        await using var db = core.Database.NewContext();
        Assert.Equal(count, (await db.DocumentCounters.SingleAsync(c => c.UnitId == commune && c.Year == 2025)).LastNumber);
    }

    [Theory]
    [InlineData(UnitKind.Commune, "Ủy ban nhân dân xã Trà Tân", "UBND")]
    [InlineData(UnitKind.Province, "Ủy ban nhân dân tỉnh Lâm Đồng", "UBND")]
    [InlineData(UnitKind.Department, "Sở Nội vụ tỉnh Lâm Đồng", "SNV")]
    [InlineData(UnitKind.Department, "Sở Giáo dục và Đào tạo thành phố Hà Nội", "SGDĐT")]
    [InlineData(UnitKind.Board, "Ban Quản lý dự án giao thông tỉnh Lâm Đồng", "BQLDAGT")]
    [InlineData(UnitKind.Department, "Thanh tra tỉnh Quảng Ngãi", "TT")]
    public void Abbreviation_UnitKindAndName_SymbolOfTheRegister(UnitKind kind, string name, string expected) =>
        Assert.Equal(expected, DocumentRegister.Abbreviation(kind, name));
}
