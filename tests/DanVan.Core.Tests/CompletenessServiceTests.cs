using System.Diagnostics;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

[Collection(CoreCollection.Name)]
public sealed partial class CompletenessServiceTests(CoreFixture core)
{
    private static readonly DateOnly Due = new(2025, 3, 20);

    [Theory]
    [InlineData("2025-03-20T16:59:00Z", "2025-04-01", Timeliness.OnTime)] // 23:59 on the due day in Vietnam
    [InlineData("2025-03-20T17:00:00Z", "2025-04-01", Timeliness.Late)] // 00:00 the next day in Vietnam
    [InlineData(null, "2025-03-20", Timeliness.NotDue)]
    [InlineData(null, "2025-03-21", Timeliness.Overdue)]
    public void Classify_DeadlineDayInVietnamTime(string? submitted, string today, Timeliness expected)
    {
        DateTime? at = submitted is null ? null : DateTime.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(expected, Completeness.Classify(Due, at, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Classify_NoDeadline_NotDue() => Assert.Equal(Timeliness.NotDue, Completeness.Classify(null, DateTime.UtcNow, new DateOnly(2030, 1, 1)));

    [Fact]
    public void DeadlineEndUtc_IsMidnightAfterTheDayInVietnam() =>
        Assert.Equal(new DateTime(2025, 3, 20, 17, 0, 0, DateTimeKind.Utc), Completeness.DeadlineEndUtc(Due));

    [Fact]
    public void Series_TwelveMonthsBackAcrossYearEnd_NoneBeforeFirst()
    {
        Assert.Equal(["2024-11", "2024-12", "2025-01", "2025-02"], Completeness.Series(ReportingPeriod.Month(2025, 2), 12, ReportingPeriod.Month(2024, 11)).Select(p => p.ToString()));
        Assert.Equal(["2024-Q3", "2024-Q4", "2025-Q1"], Completeness.Series(ReportingPeriod.Quarter(2025, 1), 3).Select(p => p.ToString()));
    }

    [Fact]
    public void Rows_FilteredAndPaged_CountsPerFilter_PageClampedToTheLast()
    {
        CompletenessRow Row(int id, Tally below) => new(id, $"U{id}", $"Đơn vị {id}", UnitKind.Commune, null, 1, true, null, null, null, Timeliness.NotDue, below, false);
        var sent = default(Tally).With(true, Timeliness.OnTime);
        var late = default(Tally).With(true, Timeliness.Late);
        var unsent = default(Tally).With(false, Timeliness.Overdue);
        var rows = Enumerable.Range(1, 250).Select(i => Row(i, i % 10 == 0 ? unsent : i % 25 == 0 ? late : sent)).ToList();

        var first = CompletenessRows.Page(rows, RowFilter.All, page: 1);
        var third = CompletenessRows.Page(rows, RowFilter.All, page: 9);
        var unsentOnly = CompletenessRows.Page(rows, RowFilter.Unsent, page: 0);

        Assert.Equal((100, 1, 3, 1), (first.Rows.Count, first.Rows[0].UnitId, first.Pages, first.Page));
        Assert.Equal((3, 50, 201), (third.Page, third.Rows.Count, third.Rows[0].UnitId));
        Assert.Equal((250, 25, 5), (first.Counts[RowFilter.All], first.Counts[RowFilter.Unsent], first.Counts[RowFilter.Late]));
        Assert.Equal((1, 1, 25), (unsentOnly.Page, unsentOnly.Pages, unsentOnly.Rows.Count));
        Assert.All(unsentOnly.Rows, r => Assert.Equal(0, r.UnitId % 10));
    }

    [Fact]
    public void Tally_RateAndPending()
    {
        var t = default(Tally).With(true, Timeliness.OnTime).With(true, Timeliness.Late).With(false, Timeliness.Overdue).With(false, Timeliness.NotDue);

        Assert.Equal((4, 2, 1, 1, 1, 1, 0.5), (t.Expected, t.Submitted, t.OnTime, t.Late, t.Missing, t.Pending, t.Rate));
    }

    [Fact]
    public async Task Dashboard_NoPlan_EveryUnitInScopeWithManualDeadline()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var onTime = await core.AddUnitAsync(CoreFixture.Code("A"), province);
        var late = await core.AddUnitAsync(CoreFixture.Code("B"), province);
        var draft = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var missing = await core.AddUnitAsync(CoreFixture.Code("D"), province);
        var elsewhere = await core.AddUnitAsync(CoreFixture.Code("E"));
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);

        var tooEarly = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => sp.GetRequiredService<CompletenessService>().SetDeadlineAsync(new SetDeadline { Period = "2025-Q1", DueOn = new DateOnly(2025, 3, 14) }, consolidator)));
        Assert.Contains("sớm nhất là 17/03/2025", tooEarly.Message, StringComparison.Ordinal); // 14/3 is the cut-off; 15–16/3 a weekend
        await core.RunAsync(sp => sp.GetRequiredService<CompletenessService>().SetDeadlineAsync(new SetDeadline { Period = "2025-Q1", DueOn = Due }, consolidator));
        await SubmitAsync(onTime, "2025-Q1", new DateTimeOffset(2025, 3, 18, 3, 0, 0, TimeSpan.Zero));
        await SubmitAsync(late, "2025-Q1", new DateTimeOffset(2025, 3, 25, 3, 0, 0, TimeSpan.Zero));
        await CreateAsync(draft, "2025-Q1");
        await SubmitAsync(elsewhere, "2025-Q1", new DateTimeOffset(2025, 3, 18, 3, 0, 0, TimeSpan.Zero));

        var d = await DashboardAsync(consolidator, new DashboardQuery { PlanId = 0, Period = "2025-Q1" });

        Assert.Null(d.Plan);
        Assert.Equal(Due, d.Deadline);
        Assert.Equal([onTime, late, draft, missing], d.Rows.Select(r => r.UnitId).Order().ToArray());
        Assert.Equal(new Tally(4, 2, 1, 1, 2), d.Totals);
        var byUnit = d.Rows.ToDictionary(r => r.UnitId);
        Assert.Equal((ReportStatus.Submitted, Timeliness.OnTime), (byUnit[onTime].Status, byUnit[onTime].Timeliness));
        Assert.Equal(Timeliness.Late, byUnit[late].Timeliness);
        Assert.Equal((ReportStatus.Draft, Timeliness.Overdue), (byUnit[draft].Status, byUnit[draft].Timeliness));
        Assert.Equal(((ReportStatus?)null, Timeliness.Overdue), (byUnit[missing].Status, byUnit[missing].Timeliness));
    }

    [Fact]
    public async Task Dashboard_Plan_CountsExpectedPerPeriod_ClosedAndNewUnitsOnlyWhileTheyExist()
    {
        var s = await ArrangeProvinceAsync();
        await SubmitAsync(s.B, "2025-02", new DateTimeOffset(2025, 2, 21, 3, 0, 0, TimeSpan.Zero)); // the day after February's deadline

        var d = await DashboardAsync(s.Consolidator, new DashboardQuery { PlanId = s.PlanId });

        Assert.Equal(s.PlanId, d.Plan?.Id);
        Assert.Equal("2025-03", d.Period.ToString());
        Assert.Equal(new DateOnly(2025, 3, 20), d.Deadline);
        Assert.Equal(new Tally(6, 3, 2, 1, 3), d.Totals);
        Assert.Equal(["2025-01", "2025-02", "2025-03"], d.History.Select(h => h.Period.ToString()));
        Assert.Equal(new Tally(6, 1, 1, 0, 5), d.History[0].Tally); // D still open in January, E not yet created
        Assert.Equal(new Tally(5, 1, 0, 1, 4), d.History[1].Tally); // D closed on 1/2; E, created 15/2, after February's cut-off (14/2), owes March first; B late
        Assert.Equal(d.Totals, d.History[2].Tally);
        await using (var scope = core.Services.CreateAsyncScope())
        {
            var plans = scope.ServiceProvider.GetRequiredService<PlanService>();
            var plan = await plans.LoadAsync(s.PlanId);
            foreach (var h in d.History)
            {
                Assert.Equal((await plans.ExpectedUnitsAsync(plan, h.Period)).Count, h.Tally.Expected);
            }
        }

        var rows = d.Rows.ToDictionary(r => r.UnitId);
        Assert.Equal(new[] { s.A, s.B, s.C, s.E, s.Dept }.Order(), rows.Keys.Order());
        Assert.Equal((true, 2, 1), (rows[s.Dept].HasUnits, rows[s.Dept].Below.Expected, rows[s.Dept].Below.Submitted));
        Assert.Equal((Timeliness.OnTime, Timeliness.Late, Timeliness.Overdue), (rows[s.A].Timeliness, rows[s.B].Timeliness, rows[s.E].Timeliness));
        Assert.Equal(ReportStatus.Draft, rows[s.E].Status);
        var communes = Assert.Single(d.Levels, l => l.UnitId is null);
        Assert.Equal((UnitKind.Commune, 4, 2), (communes.Kind, communes.Tally.Expected, communes.Tally.Submitted));
        Assert.Equal(s.Dept, Assert.Single(d.Levels, l => l.UnitId is not null).UnitId);
    }

    [Fact]
    public async Task Dashboard_DrillDown_ChildrenOfTheUnit_PathBackToScope_AllRowsInTreeOrder()
    {
        var s = await ArrangeProvinceAsync();

        var d = await DashboardAsync(s.Consolidator, new DashboardQuery { PlanId = s.PlanId, UnitId = s.Dept });
        var all = await DashboardAsync(s.Consolidator, new DashboardQuery { PlanId = s.PlanId, AllRows = true });

        Assert.Equal([s.Province, s.Dept], d.Path.Select(p => p.UnitId));
        Assert.Equal([s.Sub], d.Rows.Select(r => r.UnitId));
        Assert.Equal(new Tally(1, 0, 0, 0, 1), d.Totals);
        Assert.Equal(6, all.AllRows.Count);
        var order = all.AllRows.Select(r => r.UnitId).ToList();
        Assert.Equal(order.IndexOf(s.Dept) + 1, order.IndexOf(s.Sub));
    }

    [Fact]
    public async Task Dashboard_OtherProvincesPlanOrUnit_NotFound_StaffForbidden()
    {
        var s = await ArrangeProvinceAsync();
        var other = await ArrangeProvinceAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => DashboardAsync(other.Consolidator, new DashboardQuery { PlanId = s.PlanId }));
        await Assert.ThrowsAsync<NotFoundException>(() => DashboardAsync(other.Consolidator, new DashboardQuery { PlanId = other.PlanId, UnitId = s.Dept }));
        await Assert.ThrowsAsync<ForbiddenException>(() => DashboardAsync(CoreFixture.As(s.A, Roles.Staff), new DashboardQuery()));
        var mine = await DashboardAsync(other.Consolidator, new DashboardQuery());
        Assert.Equal(other.PlanId, Assert.Single(mine.Plans).Id);
        Assert.DoesNotContain(mine.Rows, r => r.UnitId == s.A);
    }

    [Fact]
    public async Task Dashboard_KeptUntilWhatItShowsChanges_ASentReportAtOnce_ASectionSavedNot()
    {
        var s = await ArrangeProvinceAsync();
        var query = new DashboardQuery { PlanId = s.PlanId };
        var first = await DashboardAsync(s.Consolidator, query);
        var draft = await core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().Reports.Include(r => r.Sections).SingleAsync(r => r.UnitId == s.E && r.Period == "2025-03"));
        var section = draft.Sections.First();

        Assert.Same(first, await DashboardAsync(s.Consolidator, query));
        var before = await VersionAsync();
        await core.WhileOpenAsync("2025-03", () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(
            new SaveSection { ReportId = draft.Id, Key = section.Key, Text = "Tổ chức hội nghị đối thoại ở thôn Gò Rô.", ExpectedVersion = section.Version }, CoreFixture.As(s.E, Roles.Staff))));
        Assert.Equal(before, await VersionAsync());
        Assert.Same(first, await DashboardAsync(s.Consolidator, query));

        await SubmitAsync(s.C, "2025-03", new DateTimeOffset(2025, 4, 2, 3, 0, 0, TimeSpan.Zero));
        var after = await DashboardAsync(s.Consolidator, query);

        Assert.NotEqual(before, await VersionAsync());
        Assert.Null(first.Rows.Single(r => r.UnitId == s.C).Status);
        Assert.Equal(ReportStatus.Submitted, after.Rows.Single(r => r.UnitId == s.C).Status);
        Assert.Equal(first.Totals.Submitted + 1, after.Totals.Submitted);
        Assert.Same(after, await DashboardAsync(s.Consolidator, query));
    }

    [Fact]
    public async Task Cache_AskedAgainWhileBuilding_BuiltOnceForBoth_AFailedBuildLeavesTheOtherToBuildItsOwn()
    {
        using var cache = new CompletenessCache();
        CompletenessDashboard Dashboard() => new(1, [], null, [], ReportingPeriod.Month(2025, 3), null, new DateOnly(2025, 4, 10), [new UnitCrumb(1, "Tỉnh")], default, [], [], [], []);
        var key = new CompletenessCache.Key(7, new DateOnly(2025, 4, 10), 1, false, new DashboardQuery());
        var building = new TaskCompletionSource<CompletenessDashboard>();
        var builds = 0;
        Task<CompletenessDashboard> Build()
        {
            builds++;
            return building.Task;
        }

        var first = cache.GetOrBuildAsync(key, Build, default);
        var second = cache.GetOrBuildAsync(key, Build, default);
        building.SetResult(Dashboard());

        Assert.Same(await first, await second);
        Assert.Same(await first, await cache.GetOrBuildAsync(key, Build, default));
        Assert.Equal(1, builds);

        var failing = new TaskCompletionSource<CompletenessDashboard>();
        var own = Dashboard();
        var failed = cache.GetOrBuildAsync(key with { Version = 8 }, () => failing.Task, default);
        var waiting = cache.GetOrBuildAsync(key with { Version = 8 }, () => Task.FromResult(own), default);
        failing.SetException(new TimeoutException());

        await Assert.ThrowsAsync<TimeoutException>(() => failed);
        Assert.Same(own, await waiting);
    }

    [Fact]
    public async Task Dashboard_ChangedThroughAnotherInstance_ShowsAtOnce_RenameAndCalendarToo()
    {
        var s = await ArrangeProvinceAsync();
        var query = new DashboardQuery { PlanId = s.PlanId };
        var first = await DashboardAsync(s.Consolidator, query);
        await using var other = core.NewInstance();

        await using (var scope = other.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrgUnitService>().RenameAsync(new RenameUnit { UnitId = s.A, NewName = "Xã Ba Tơ", EffectiveOn = new DateOnly(2025, 3, 1) }, CoreFixture.Admin);
        }

        var renamed = await DashboardAsync(s.Consolidator, query);
        Assert.Equal("Xã Ba Tơ", renamed.Rows.Single(r => r.UnitId == s.A).UnitName);
        Assert.NotEqual("Xã Ba Tơ", first.Rows.Single(r => r.UnitId == s.A).UnitName);

        await core.RunAsync(sp => sp.GetRequiredService<CalendarService>().AddAsync(new DateOnly(2025, 3, 20), CalendarDayKind.Holiday, "Nghỉ bù", CoreFixture.Admin));
        var holiday = await DashboardAsync(s.Consolidator, query);
        Assert.Equal(new DateOnly(2025, 3, 21), holiday.Deadline);
        var id = await core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().CalendarDays.Where(d => d.Date == new DateOnly(2025, 3, 20)).Select(d => d.Id).SingleAsync());
        await using (var scope = other.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CalendarService>().RemoveAsync(id, CoreFixture.Admin);
        }

        Assert.Equal(new DateOnly(2025, 3, 20), (await DashboardAsync(s.Consolidator, query)).Deadline);
    }

    [Fact]
    public async Task Dashboard_ReadsNothingButTheTablesWhoseSavesRenewTheVersion()
    {
        var s = await ArrangeProvinceAsync();
        await using var scope = core.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var completeness = scope.ServiceProvider.GetRequiredService<CompletenessService>();
        scope.ServiceProvider.GetRequiredService<CompletenessCache>().Clear();
        var read = new HashSet<string>();
        using (SqlTables.Of(db, read))
        {
            await completeness.DashboardAsync(new DashboardQuery { PlanId = s.PlanId, AllRows = true }, s.Consolidator);
            await completeness.DashboardAsync(new DashboardQuery { PlanId = s.PlanId, Period = "2025-02", UnitId = s.Dept, On = new DateOnly(2025, 3, 1) }, s.Consolidator);
            await completeness.DashboardAsync(new DashboardQuery { PlanId = 0, Period = "2025-Q1" }, s.Consolidator);
        }

        var watched = CompletenessCache.InputTypes.Append(typeof(DataVersion)).Select(t => db.Model.FindEntityType(t)!.GetTableName()!).ToHashSet();
        Assert.Superset(new HashSet<string> { "Reports", "Units", "UnitParentLinks", "Plans", "PeriodDeadlines", "DataVersions" }, read);
        Assert.Empty(read.Except(watched));
    }

    private Task<long?> VersionAsync() => core.RunAsync(sp => CompletenessCache.VersionAsync(sp.GetRequiredService<DanVanDbContext>(), default));

    /// <summary>The tables named by the commands one context sends while it is open.</summary>
    private sealed partial class SqlTables(DbContext context, HashSet<string> tables) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> subscriptions = [];

        public static SqlTables Of(DbContext context, HashSet<string> tables)
        {
            var log = new SqlTables(context, tables);
            log.subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(log));
            return log;
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData e && e.Context == context)
            {
                lock (tables)
                {
                    tables.UnionWith(TableName().Matches(e.Command.CommandText).Select(m => m.Groups[1].Value));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:FROM|JOIN|UPDATE)\s+""(\w+)""")]
        private static partial System.Text.RegularExpressions.Regex TableName();
    }

    private sealed record Arranged(int Province, int Snv, int A, int B, int C, int D, int E, int Dept, int Sub, int PlanId, Actor Consolidator);

    [Fact]
    public async Task Dashboard_UnitsJudgedByThePlanTheyReportUnder_ACommuneByItsDistrictsDeadline()
    {
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var commune = await core.AddUnitAsync(CoreFixture.Code("X"), district);
        PlanInput Monthly(string number, int day) => PlanInput.Draft(new DateOnly(2025, 1, 2)) with
        {
            Number = number,
            Summary = "Báo cáo công tác dân vận chính quyền hằng tháng",
            PeriodType = PeriodType.Month,
            FirstPeriod = "2025-01",
            LastPeriod = "2025-03",
            UnitDeadlineKind = DeadlineKind.DayOfMonth,
            UnitDeadlineValue = day,
        };
        var provincePlan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(Monthly("42/KH-UBND", 20), CoreFixture.As(snv, Roles.Consolidator)));
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(Monthly("7/KH-UBND", 15), CoreFixture.As(district, Roles.Consolidator)));
        await SubmitAsync(commune, "2025-03", new DateTimeOffset(2025, 3, 18, 3, 0, 0, TimeSpan.Zero)); // the district's deadline: 15/3 a Saturday, so 17/3
        await SubmitAsync(commune, "2025-02", new DateTimeOffset(2025, 2, 18, 3, 0, 0, TimeSpan.Zero)); // the district's: 15/2 a Saturday, so 17/2
        core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);

        var d = await DashboardAsync(CoreFixture.As(snv, Roles.Consolidator), new DashboardQuery { PlanId = provincePlan, Period = "2025-03", AllRows = true });

        Assert.Equal(new DateOnly(2025, 3, 20), d.Deadline);
        Assert.Equal(Timeliness.Late, d.AllRows.Single(r => r.UnitId == commune).Timeliness);
        Assert.Equal((1, 1), (d.Totals.Submitted, d.History[^1].Tally.Late));
        Assert.Equal((1, 1), (d.History[^2].Tally.Submitted, d.History[^2].Tally.Late)); // an earlier period judged the same way
    }

    /// <summary>
    /// A province with a monthly plan for 2025-01..2025-03 (deadline day 20): communes A (on time in March), B (late),
    /// C (nothing), D (closed 1/2/2025, sent January), E (created 15/2/2025, a draft), a department with one unit below it.
    /// </summary>
    private async Task<Arranged> ArrangeProvinceAsync()
    {
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var a = await core.AddUnitAsync(CoreFixture.Code("A"), province);
        var b = await core.AddUnitAsync(CoreFixture.Code("B"), province);
        var c = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var d = await core.AddUnitAsync(CoreFixture.Code("D"), province);
        var e = await core.AddUnitAsync(CoreFixture.Code("E"), province, from: new DateOnly(2025, 2, 15));
        var dept = await core.AddUnitAsync(CoreFixture.Code("S"), province, kind: UnitKind.Department);
        var sub = await core.AddUnitAsync(CoreFixture.Code("S1"), dept, kind: UnitKind.Other);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);
        var planId = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 2)) with
            {
                Number = "42/KH-UBND",
                Summary = "Báo cáo công tác dân vận chính quyền hằng tháng",
                PeriodType = PeriodType.Month,
                FirstPeriod = "2025-01",
                LastPeriod = "2025-03",
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
            },
            consolidator));
        await SubmitAsync(d, "2025-01", new DateTimeOffset(2025, 1, 15, 3, 0, 0, TimeSpan.Zero));
        await core.RunAsync(sp => sp.GetRequiredService<OrgUnitService>().CloseAsync(new CloseUnit { UnitId = d, ClosedOn = new DateOnly(2025, 2, 1) }, CoreFixture.Admin));
        await SubmitAsync(a, "2025-03", new DateTimeOffset(2025, 3, 18, 3, 0, 0, TimeSpan.Zero));
        await SubmitAsync(dept, "2025-03", new DateTimeOffset(2025, 3, 19, 3, 0, 0, TimeSpan.Zero));
        await SubmitAsync(b, "2025-03", new DateTimeOffset(2025, 3, 25, 3, 0, 0, TimeSpan.Zero));
        await CreateAsync(e, "2025-03");
        core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);
        return new Arranged(province, snv, a, b, c, d, e, dept, sub, planId, consolidator);
    }

    private Task<CompletenessDashboard> DashboardAsync(Actor actor, DashboardQuery query) =>
        core.RunAsync(sp => sp.GetRequiredService<CompletenessService>().DashboardAsync(query, actor));

    private Task<int> CreateAsync(int unit, string period) => core.WhileOpenAsync(period, () =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, CoreFixture.As(unit, Roles.Leader))));

    private async Task SubmitAsync(int unit, string period, DateTimeOffset at)
    {
        var saved = core.Clock.Now;
        core.Clock.Now = at;
        var id = await CreateAsync(unit, period);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, CoreFixture.As(unit, Roles.Leader)));
        core.Clock.Now = saved;
    }
}
