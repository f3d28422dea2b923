using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// The dashboard and the units in scope as of a day, across the arrangement of 1/7/2025: a province whose district H
/// (communes X1, X2) is dissolved and whose communes merge into XA, beside a commune Y renamed that day.
/// </summary>
[Collection(CoreCollection.Name)]
public sealed class AsOfViewTests(CoreFixture core)
{
    private const string Basis = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025";
    private static readonly DateOnly July = new(2025, 7, 1);

    private sealed record World(int Province, int Snv, int District, int X1, int X2, int Y, int Xa, string YName, Actor Consolidator, int PlanId);

    [Fact]
    public void PeriodReorganisation_Q3UnderDecree09_MergerOn1July_StraddlesAndNamesTheCutoff()
    {
        var note = PeriodReorganisation.Of(ReportingPeriod.Quarter(2025, 3), PeriodSemantics.Decree09,
            [(UnitEventKind.Merged, July, Basis), (UnitEventKind.Closed, July, "Nghị quyết số 202/2025/QH15"), (UnitEventKind.Created, July, Basis)]);

        Assert.NotNull(note);
        Assert.Equal(new DateOnly(2025, 9, 14), note.Cutoff);
        var day = Assert.Single(note.Days);
        Assert.Equal(July, day.EffectiveOn);
        Assert.Equal([Basis, "Nghị quyết số 202/2025/QH15"], day.LegalBases);
    }

    [Fact]
    public void PeriodReorganisation_RenameOnlyOnTheWindowsFirstDayAfterTheCutoffOrNotYetSeen_DoesNotStraddle()
    {
        var q3 = ReportingPeriod.Quarter(2025, 3);

        Assert.Null(PeriodReorganisation.Of(q3, PeriodSemantics.Decree09, [(UnitEventKind.Renamed, July, Basis)]));
        Assert.Null(PeriodReorganisation.Of(q3, PeriodSemantics.Decree09, [(UnitEventKind.Merged, new DateOnly(2025, 6, 15), Basis)]));
        Assert.Null(PeriodReorganisation.Of(q3, PeriodSemantics.Decree09, [(UnitEventKind.Merged, new DateOnly(2025, 9, 15), Basis)]));
        Assert.Null(PeriodReorganisation.Of(q3, PeriodSemantics.Decree09, [(UnitEventKind.Merged, July, Basis)], seenOn: new DateOnly(2025, 6, 30)));
        // Under calendar windows Q3 starts on 1/7: the merger holds for the whole quarter.
        Assert.Null(PeriodReorganisation.Of(q3, PeriodSemantics.Calendar, [(UnitEventKind.Merged, July, Basis)]));
    }

    [Fact]
    public async Task UnitsInScopeOnAsync_EachSideOfTheMerger_UnitsAndNamesOfThatDay()
    {
        var w = await ArrangeAsync();

        var before = await ScopeAsync(w.Consolidator, new DateOnly(2025, 6, 30));
        var after = await ScopeAsync(w.Consolidator, July);
        var staffOfY = await ScopeAsync(CoreFixture.As(w.Y, Roles.Staff), July);
        var staffOfX1 = await ScopeAsync(CoreFixture.As(w.X1, Roles.Staff), July);

        Assert.Equal(new[] { w.Province, w.Snv, w.District, w.X1, w.X2, w.Y }.Order(), before.Select(u => u.Id).Order());
        Assert.Equal(w.District, before.Single(u => u.Id == w.X1).ParentId);
        Assert.Equal(w.YName, before.Single(u => u.Id == w.Y).Name);
        Assert.Equal(new[] { w.Province, w.Snv, w.Xa, w.Y }.Order(), after.Select(u => u.Id).Order());
        Assert.Equal("Ủy ban nhân dân phường Y", after.Single(u => u.Id == w.Y).Name);
        Assert.Equal([w.Y], staffOfY.Select(u => u.Id));
        Assert.Empty(staffOfX1);
    }

    [Fact]
    public async Task Dashboard_QuarterStraddlingTheMerger_ExpectsTheUnitsOfItsCutoff_AndSaysSo()
    {
        var w = await ArrangeAsync();

        var q3 = await DashboardAsync(w, new DashboardQuery { PlanId = w.PlanId, Period = "2025-Q3" });
        var q2 = await DashboardAsync(w, new DashboardQuery { PlanId = w.PlanId, Period = "2025-Q2" });

        Assert.Equal(new[] { w.Xa, w.Y }.Order(), q3.Rows.Select(r => r.UnitId).Order());
        Assert.Equal("Ủy ban nhân dân phường Y", q3.Rows.Single(r => r.UnitId == w.Y).UnitName);
        var note = Assert.IsType<PeriodReorganisation>(q3.Reorganisation);
        Assert.Equal((new DateOnly(2025, 9, 14), July), (note.Cutoff, Assert.Single(note.Days).EffectiveOn));
        Assert.Equal([Basis], note.Days[0].LegalBases);
        Assert.Equal(4, q2.Totals.Expected); // H, X1, X2 and Y, as on 14/6
        Assert.Null(q2.Reorganisation);
        await using var scope = core.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<PlanService>();
        Assert.Equal(new[] { w.Xa, w.Y }.Order(), (await plans.ExpectedUnitsAsync(await plans.LoadAsync(w.PlanId), ReportingPeriod.Quarter(2025, 3))).Order());
    }

    [Fact]
    public async Task Dashboard_AsOfADay_DefaultPeriodBegunByThen_UnitsOfThatDay_ReportsSentLaterLeftOut()
    {
        var w = await ArrangeAsync();

        var midJune = await DashboardAsync(w, new DashboardQuery { PlanId = w.PlanId, Period = "2025-Q2", On = new DateOnly(2025, 6, 22) });
        var today = await DashboardAsync(w, new DashboardQuery { PlanId = w.PlanId, Period = "2025-Q2" });
        var endOfJune = await DashboardAsync(w, new DashboardQuery { On = new DateOnly(2025, 6, 30) });
        var notYetBegun = await DashboardAsync(w, new DashboardQuery { PlanId = w.PlanId, Period = "2025-Q4", On = new DateOnly(2025, 6, 30) });

        // Y sent on 18/6, X1 on 25/6 (after the deadline of 20/6): on 22/6 only Y had sent and the other three were overdue.
        Assert.Equal(new Tally(4, 1, 1, 0, 3), midJune.Totals);
        Assert.Equal(new Tally(4, 2, 1, 1, 2), today.Totals);
        Assert.Equal((3, 0), (midJune.Rows.Single(r => r.UnitId == w.District).Below.Expected, midJune.Rows.Single(r => r.UnitId == w.District).Below.Submitted));
        // 30/6 falls in Q3's data window (15/6–14/9): the quarter under way then, with that day's units and names, and
        // the merger of 1/7 not yet in effect.
        Assert.Equal((w.PlanId, "2025-Q3", new DateOnly(2025, 6, 30)), (endOfJune.Plan?.Id, endOfJune.Period.ToString(), endOfJune.Today));
        Assert.Equal(new[] { w.District, w.Y }.Order(), endOfJune.Rows.Select(r => r.UnitId).Order());
        Assert.Equal(w.YName, endOfJune.Rows.Single(r => r.UnitId == w.Y).UnitName);
        Assert.Equal(4, endOfJune.Totals.Expected);
        Assert.Null(endOfJune.Reorganisation);
        Assert.Equal(["2025-Q3", "2025-Q2"], notYetBegun.Periods.Select(p => p.ToString()));
        Assert.Equal("2025-Q3", notYetBegun.Period.ToString());
    }

    private async Task<World> ArrangeAsync()
    {
        core.Clock.Now = new DateTimeOffset(2025, 4, 1, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), district);
        var x2 = await core.AddUnitAsync(CoreFixture.Code("X2"), district);
        var yCode = CoreFixture.Code("Y");
        var y = await core.AddUnitAsync(yCode, province);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);
        var planId = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 4, 1)) with
            {
                Number = "42/KH-UBND",
                Summary = "Báo cáo công tác dân vận chính quyền hằng quý",
                Semantics = PeriodSemantics.Decree09,
                FirstPeriod = "2025-Q2",
                LastPeriod = "2025-Q4",
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
            },
            consolidator));
        await SubmitAsync(y, "2025-Q2", new DateTimeOffset(2025, 6, 18, 3, 0, 0, TimeSpan.Zero));
        await SubmitAsync(x1, "2025-Q2", new DateTimeOffset(2025, 6, 25, 3, 0, 0, TimeSpan.Zero));

        var codes = new Dictionary<int, string>();
        await using (var db = core.Database.NewContext())
        {
            foreach (var u in db.Units.Where(u => u.Id == district || u.Id == x1 || u.Id == x2 || u.Id == province))
            {
                codes[u.Id] = u.Code;
            }
        }

        var xaCode = CoreFixture.Code("XA");
        await core.RunAsync(sp => sp.GetRequiredService<ReorganisationService>().ApplyAsync(
            [
                new ReorganisationRow
                {
                    Row = 2, Code = xaCode, Name = "Ủy ban nhân dân xã Trà Tân", Kind = "xã", ParentCode = codes[province], EffectiveOn = July,
                    Predecessors = Reorganisation.ParsePredecessors($"{codes[x1]}; {codes[x2]}", out _)!, LegalBasis = Basis,
                },
                new ReorganisationRow { Row = 3, Code = codes[district], EffectiveOn = July, Predecessors = [], LegalBasis = Basis, Dissolve = true },
            ],
            CoreFixture.Admin));
        await core.RunAsync(async sp =>
        {
            await sp.GetRequiredService<OrgUnitService>().RenameAsync(new RenameUnit { UnitId = y, NewName = "Ủy ban nhân dân phường Y", EffectiveOn = July }, CoreFixture.Admin);
            return 0;
        });
        int xa;
        await using (var db = core.Database.NewContext())
        {
            xa = db.Units.Single(u => u.Code == xaCode).Id;
        }

        core.Clock.Now = new DateTimeOffset(2025, 10, 20, 3, 0, 0, TimeSpan.Zero);
        return new World(province, snv, district, x1, x2, y, xa, "Đơn vị " + yCode, consolidator, planId);
    }

    private Task<IReadOnlyList<UnitRow>> ScopeAsync(Actor actor, DateOnly day) =>
        core.RunAsync(sp => sp.GetRequiredService<AccessService>().UnitsInScopeOnAsync(actor, day));

    private Task<CompletenessDashboard> DashboardAsync(World w, DashboardQuery query) =>
        core.RunAsync(sp => sp.GetRequiredService<CompletenessService>().DashboardAsync(query, w.Consolidator));

    private async Task SubmitAsync(int unit, string period, DateTimeOffset at)
    {
        var saved = core.Clock.Now;
        core.Clock.Now = at;
        var id = await core.WhileOpenAsync(period, () =>
            core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, CoreFixture.As(unit, Roles.Leader))));
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, CoreFixture.As(unit, Roles.Leader)));
        core.Clock.Now = saved;
    }
}
