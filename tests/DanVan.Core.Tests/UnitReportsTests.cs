using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// The pure rules of a unit's page: A (1) and B (2) merged into C (3) on 1/7/2025, C split into E (5, 60 %) and F on
/// 1/1/2026; A was renamed on 1/4/2025.
/// </summary>
[Trait("Database", "none")]
public sealed class UnitReportsBuilderTests
{
    private static readonly DateOnly July = new(2025, 7, 1);
    private static readonly DateOnly January = new(2026, 1, 1);

    private static readonly Lineage OfE = new(5, "E", "Phường E",
        [
            new LineageLink(3, "C", "Xã C", UnitEventKind.Split, January, 0.6m, "Nghị quyết 2/2025", 1),
            new LineageLink(1, "A", "Xã A Mới", UnitEventKind.Merged, July, null, "Nghị quyết 1/2025", 2),
            new LineageLink(2, "B", "Xã B", UnitEventKind.Merged, July, null, "Nghị quyết 1/2025", 2),
        ],
        []);

    private static readonly UnitHistory Names = new([],
        [
            (1, "Xã A", new DateOnly(2020, 1, 1)), (1, "Xã A Mới", new DateOnly(2025, 4, 1)),
            (2, "Xã B", new DateOnly(2020, 1, 1)), (3, "Xã C", July), (5, "Phường E", January),
        ]);

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 1, 0, 0, DateTimeKind.Utc);

    private static ReportingDuty Duty(int unit, string period, DateOnly deadline) => new(unit, ReportingPeriod.Parse(period), 9, "Kế hoạch số 9/KH", deadline);

    private static UnitReports Build(Lineage lineage, IReadOnlySet<int>? visible = null, IReadOnlySet<int>? drafts = null) => UnitReportsBuilder.Build(new UnitReportsInput
    {
        Lineage = lineage,
        ClosedOn = null,
        Names = [],
        History = Names,
        Reports =
        [
            new LoadedReport(10, 1, "2025-Q1", "A quý I", ReportStatus.Accepted, Utc(2025, 3, 18)),
            new LoadedReport(11, 1, "2025-Q2", "A quý II", ReportStatus.Submitted, Utc(2025, 6, 25)),
            new LoadedReport(12, 2, "2025-Q2", "B quý II", ReportStatus.Draft, null),
            new LoadedReport(13, 3, "2025-Q3", "C quý III", ReportStatus.Accepted, Utc(2025, 9, 16)),
            new LoadedReport(14, 3, "2026-Q1", "C quý I sau chia tách", ReportStatus.Accepted, Utc(2026, 3, 16)),
            new LoadedReport(15, 5, "2026-Q1", "E quý I", ReportStatus.Submitted, Utc(2026, 3, 17)),
            new LoadedReport(16, 4, "2025-Q2", "Đơn vị khác", ReportStatus.Accepted, Utc(2025, 6, 16)),
        ],
        Duties =
        [
            Duty(1, "2025-Q2", new DateOnly(2025, 6, 20)), Duty(2, "2025-Q2", new DateOnly(2025, 6, 20)),
            Duty(3, "2025-Q3", new DateOnly(2025, 9, 20)), Duty(3, "2025-Q4", new DateOnly(2025, 12, 20)),
            Duty(3, "2026-Q1", new DateOnly(2026, 3, 20)), Duty(5, "2026-Q1", new DateOnly(2026, 3, 20)), Duty(4, "2025-Q2", new DateOnly(2025, 6, 20)),
        ],
        Visible = visible,
        Inherited = Inheritance.None,
        DraftUnits = drafts ?? new HashSet<int>(),
        Today = new DateOnly(2026, 4, 10),
    });

    [Fact]
    public void Build_MergedThenSplit_EachPredecessorsReportsUpToTheDayItPassedOnUnderItsNameThen()
    {
        var page = Build(OfE);

        Assert.Equal([15], page.Reports.Select(r => r.Id));
        var byCode = page.Predecessors.ToDictionary(p => p.Link.Code);
        // C lives on after giving 60 % away: its report after the split is its own, not E's history.
        Assert.Equal([13], byCode["C"].Reports.Select(r => r.Id));
        Assert.Equal([(11, "Xã A Mới"), (10, "Xã A")], byCode["A"].Reports.Select(r => (r.Id, r.UnitName)));
        Assert.Empty(byCode["B"].Reports);
    }

    [Fact]
    public void Build_AConsolidatorsView_DraftsAreNeitherListedNorLinkedButCountAsNotSent()
    {
        var page = Build(OfE);

        var q2 = page.History.Single(p => p.Period == "2025-Q2");
        Assert.True(q2.ByPredecessors);
        Assert.Equal(
            [(1, "Xã A Mới", Timeliness.Late, (int?)11), (2, "Xã B", Timeliness.Overdue, null)],
            q2.Units.Select(u => (u.UnitId, u.UnitName, u.Timeliness, u.ReportId)));
        Assert.Equal(ReportStatus.Draft, q2.Units[1].Status);
    }

    [Fact]
    public void Build_EveryPeriod_TheUnitOrItsPredecessorsThenNewestFirst()
    {
        var page = Build(OfE);

        Assert.Equal(
            [("2026-Q1", 5, Timeliness.OnTime), ("2025-Q4", 3, Timeliness.Overdue), ("2025-Q3", 3, Timeliness.OnTime), ("2025-Q2", 1, Timeliness.Late), ("2025-Q2", 2, Timeliness.Overdue)],
            page.History.SelectMany(p => p.Units.Select(u => (p.Period, u.UnitId, u.Timeliness))));
        Assert.False(page.History[0].ByPredecessors);
    }

    [Fact]
    public void Build_AChainOfArrangements_SaysWhoReportedBeforeEachDay()
    {
        var page = Build(OfE);

        Assert.Equal(
            [(January, "Xã C"), (July, "Xã A Mới, Xã B")],
            page.ReportedBefore.Select(r => (r.Day, string.Join(", ", r.Units))));
    }

    [Fact]
    public void Build_AMergerIntoAnExistingUnit_NamesTheUnitItselfAmongThoseWhoReportedBefore()
    {
        var intoA = new Lineage(1, "A", "Xã A Mới", [new LineageLink(2, "B", "Xã B", UnitEventKind.Merged, July, null, null, 1)], []);

        var page = Build(intoA);

        Assert.Equal("Xã A Mới, Xã B", string.Join(", ", Assert.Single(page.ReportedBefore).Units));
        Assert.Equal([11, 10], page.Reports.Select(r => r.Id));
    }

    [Fact]
    public void Build_APredecessorOutsideTheViewersScope_NamedButNeitherItsReportsNorItsDuties()
    {
        var page = Build(OfE, visible: new HashSet<int> { 5, 3 });

        Assert.Equal(3, page.Predecessors.Count);
        Assert.All(page.Predecessors.Where(p => p.Link.UnitId != 3), p => Assert.Empty(p.Reports));
        Assert.DoesNotContain(page.History, p => p.Period == "2025-Q2");
    }

    [Fact]
    public void Build_TheUnitsOwnStaff_SeeTheirDraftsLinked()
    {
        var page = Build(new Lineage(2, "B", "Xã B", [], []), drafts: new HashSet<int> { 2 });

        Assert.Equal([12], page.Reports.Select(r => r.Id));
        Assert.Equal(12, page.History.Single().Units.Single().ReportId);
    }
}

/// <summary>The unit's page on the run's engine: lineage, plans and access as the service loads them.</summary>
[Collection(CoreCollection.Name)]
public sealed class UnitReportsServiceTests(CoreFixture core)
{
    private const string Basis = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025";

    [Fact]
    public async Task GetAsync_RenamedMergedThenSplit_ConsolidatorSeesPredecessorsSentReportsNotDraftsAndOthersAreRefused()
    {
        var before = core.Clock.Now;
        core.Clock.Now = new DateTimeOffset(2026, 4, 10, 3, 0, 0, TimeSpan.Zero);
        try
        {
            var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
            var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
            var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), province);
            var x2 = await core.AddUnitAsync(CoreFixture.Code("X2"), province);
            var other = await core.AddUnitAsync(CoreFixture.Code("O"), province);
            await using var db = core.Database.NewContext();
            var code = await db.Units.Where(u => u.Id == province || u.Id == x1 || u.Id == x2).ToDictionaryAsync(u => u.Id, u => u.Code);
            var (a, b, c) = (CoreFixture.Code("XA"), CoreFixture.Code("XB"), CoreFixture.Code("XC"));
            Task Apply(params ReorganisationRow[] rows) => core.RunAsync(sp => sp.GetRequiredService<ReorganisationService>().ApplyAsync(rows, CoreFixture.Admin));
            await Apply(new ReorganisationRow { Code = code[x1], Name = "Ủy ban nhân dân xã Một Mới", EffectiveOn = new DateOnly(2025, 4, 1), LegalBasis = Basis });
            await Apply(new ReorganisationRow { Row = 2, Code = a, Name = "Ủy ban nhân dân xã A", Kind = "xã", ParentCode = code[province], EffectiveOn = new DateOnly(2025, 7, 1), LegalBasis = Basis, Predecessors = [new(code[x1]), new(code[x2])] });
            await Apply(
                new ReorganisationRow { Row = 2, Code = b, Name = "Ủy ban nhân dân phường B", Kind = "phường", ParentCode = code[province], EffectiveOn = new DateOnly(2026, 1, 1), LegalBasis = "Nghị quyết số 2/2025", Predecessors = [new(a, 0.6m)] },
                new ReorganisationRow { Row = 3, Code = c, Name = "Ủy ban nhân dân xã C", Kind = "xã", ParentCode = code[province], EffectiveOn = new DateOnly(2026, 1, 1), LegalBasis = "Nghị quyết số 2/2025", Predecessors = [new(a, 0.4m)] });
            var ids = await db.Units.Where(u => u.Code == a || u.Code == b).ToDictionaryAsync(u => u.Code, u => u.Id);
            var plan = new Plan
            {
                OwnerUnitId = province,
                Number = "9/KH-UBND",
                Summary = "Báo cáo hằng quý",
                IssuedOn = new DateOnly(2025, 1, 2),
                PeriodType = PeriodType.Quarter,
                FirstPeriod = "2025-Q1",
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                OwnerDeadlineKind = DeadlineKind.DayOfMonth,
                OwnerDeadlineValue = 25,
                CreatedBy = "test",
            };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            Report Made(int unit, string period, ReportStatus status) => new()
            {
                UnitId = unit,
                PlanId = plan.Id,
                Period = period,
                Title = "Báo cáo " + period,
                Status = status,
                CreatedAt = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
                SubmittedAt = status == ReportStatus.Draft ? null : new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            };
            Report[] made = [Made(x1, "2025-Q1", ReportStatus.Accepted), Made(x1, "2025-Q2", ReportStatus.Submitted), Made(x2, "2025-Q2", ReportStatus.Draft), Made(ids[a], "2025-Q3", ReportStatus.Accepted), Made(ids[a], "2026-Q1", ReportStatus.Accepted)];
            db.Reports.AddRange(made);
            await db.SaveChangesAsync();
            Task<UnitReports> Page(Actor actor) => core.RunAsync(sp => sp.GetRequiredService<UnitReportsService>().GetAsync(new UnitReportsQuery { UnitId = ids[b] }, actor));

            var page = await Page(CoreFixture.As(snv, Roles.Consolidator));

            Assert.Equal(3, page.Predecessors.Count);
            var byUnit = page.Predecessors.ToDictionary(p => p.Link.UnitId);
            Assert.Equal((UnitEventKind.Split, 0.6m, 1), (byUnit[ids[a]].Link.Kind, byUnit[ids[a]].Link.Share, byUnit[ids[a]].Link.Depth));
            Assert.Equal([made[3].Id], byUnit[ids[a]].Reports.Select(r => r.Id));
            Assert.Equal(
                [(made[1].Id, "Ủy ban nhân dân xã Một Mới"), (made[0].Id, "Đơn vị " + code[x1])],
                byUnit[x1].Reports.Select(r => (r.Id, r.UnitName)));
            Assert.Empty(byUnit[x2].Reports);
            Assert.Equal(
                ["2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1"],
                page.History.Select(p => p.Period));
            var q2 = page.History.Single(p => p.Period == "2025-Q2").Units.ToDictionary(u => u.UnitId);
            Assert.Equal((Timeliness.OnTime, (int?)made[1].Id), (q2[x1].Timeliness, q2[x1].ReportId));
            Assert.Equal((Timeliness.Overdue, (int?)null, (ReportStatus?)ReportStatus.Draft), (q2[x2].Timeliness, q2[x2].ReportId, q2[x2].Status));
            Assert.Equal(
                [new DateOnly(2026, 1, 1), new DateOnly(2025, 7, 1)],
                page.ReportedBefore.Select(r => r.Day));
            Assert.Equal(new[] { "Ủy ban nhân dân xã Một Mới", "Đơn vị " + code[x2] }.Order(StringComparer.Ordinal), page.ReportedBefore[1].Units.Order(StringComparer.Ordinal));

            await Assert.ThrowsAsync<NotFoundException>(() => Page(CoreFixture.As(other, Roles.Staff)));
            // B's own people inherit its predecessors' files, through the split and the merger before it: the reports
            // they sent of the periods begun before each passed on; not X2's draft, not A's report of a period after the split.
            var staff = CoreFixture.As(ids[b], Roles.Staff);
            var own = await Page(staff);
            Assert.Equal(new[] { made[0].Id, made[1].Id, made[3].Id }.Order(), own.Predecessors.SelectMany(p => p.Reports).Select(r => r.Id).Order());
            var reads = await core.RunAsync(async sp =>
            {
                var access = sp.GetRequiredService<AccessService>();
                async Task<bool> Reads(Actor actor, Report report) => await (await access.VisibleReportAsync(actor, report.Id)).AnyAsync();
                return (await Reads(staff, made[1]), await Reads(staff, made[2]), await Reads(staff, made[4]), await Reads(CoreFixture.As(other, Roles.Staff), made[1]));
            });
            Assert.Equal((true, false, false, false), reads);
            var alone = await core.RunAsync(sp => sp.GetRequiredService<UnitReportsService>().GetAsync(new UnitReportsQuery { UnitId = ids[b], WithPredecessors = false }, CoreFixture.As(snv, Roles.Consolidator)));
            Assert.Empty(alone.Predecessors);
            Assert.Equal(["2026-Q2", "2026-Q1"], alone.History.Select(p => p.Period));
        }
        finally
        {
            core.Clock.Now = before;
        }
    }
}
