using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 20.1: a plan's figures as numbered indicators — derived rates, weighted means and rules — on a real database.</summary>
[Collection(CoreCollection.Name)]
public sealed class IndicatorTests(CoreFixture core)
{
    private static readonly PlanFigureInput[] Figures =
    [
        new("Hồ sơ thủ tục hành chính", null, FigureKind.Heading, Rollup.None, Code: "1"),
        new("Số hồ sơ tiếp nhận", "hồ sơ", FigureKind.WholeNumber, Rollup.Sum, Code: "1.1"),
        new("Số hồ sơ giải quyết đúng hạn", "hồ sơ", FigureKind.WholeNumber, Rollup.Sum, Code: "1.2"),
        new("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "1.3", Formula: "[1.2] / [1.1] × 100", Target: 95),
        new("Tỷ lệ hài lòng", "%", FigureKind.DecimalNumber, Rollup.WeightedMean, Code: "2", WeightBy: "[1.1]"),
    ];

    [Fact]
    public async Task SaveFigures_DerivedRateComputed_TypedValueForItIgnored_RuleBroken_RefusedWithTheRuleText()
    {
        var t = await ArrangeAsync();
        var a = await SaveAsync(t, t.A, 10, 9, 80, rateTyped: 12);

        await using (var db = core.Database.NewContext())
        {
            var saved = await db.ReportFigures.Where(f => f.ReportId == a).ToDictionaryAsync(f => f.Name, f => f.Value);
            Assert.Equal(90m, saved["Tỷ lệ hồ sơ giải quyết đúng hạn"]);
        }

        var error = await Assert.ThrowsAsync<FigureRulesException>(() => SaveAsync(t, t.B, 10, 12, 90));

        Assert.Contains("Số hồ sơ giải quyết đúng hạn (12) phải ≤ Số hồ sơ tiếp nhận (10) (Số hồ sơ đúng hạn không vượt số hồ sơ tiếp nhận).", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.3. Tỷ lệ hồ sơ giải quyết đúng hạn tính theo công thức ra 120", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Breaches.Count);
    }

    [Fact]
    public async Task Consolidate_DerivedRateRecomputedFromSums_WeightedMeanByFigure_NotTheLowestUnitsRate()
    {
        var t = await ArrangeAsync();
        await SubmitAsync(t.A, await SaveAsync(t, t.A, 10, 9, 80));
        await SubmitAsync(t.B, await SaveAsync(t, t.B, 100, 99, 90));

        var result = await core.RunAsync(sp => sp.GetRequiredService<ConsolidationService>().ConsolidateAsync(new Consolidate { PlanId = t.Plan, Period = "2025-Q1" }, t.Consolidator));

        var figures = result.Content.Figures.ToDictionary(f => f.Name, f => (f.Value, f.Reports));
        Assert.Equal((110m, 2), figures["Số hồ sơ tiếp nhận"]);
        // (9 + 99) / (10 + 100) × 100, not the lowest unit's 90 nor the plain mean 94.5.
        Assert.Equal((98.18m, 2), figures["Tỷ lệ hồ sơ giải quyết đúng hạn"]);
        // (80 × 10 + 90 × 100) / 110.
        Assert.Equal((89.09m, 2), figures["Tỷ lệ hài lòng"]);
        Assert.Contains("1.3. Tỷ lệ hồ sơ giải quyết đúng hạn (%) – tính lại từ số tổng hợp", result.Content.Appendix.Columns);
        Assert.Equal(["110", "108", "98,18", "89,09"], result.Content.Appendix.Totals);
        await using var db = core.Database.NewContext();
        Assert.Equal(98.18m, await db.ReportFigures.Where(f => f.ReportId == result.ReportId && f.Name == "Tỷ lệ hồ sơ giải quyết đúng hạn").Select(f => f.Value).SingleAsync());
    }

    [Fact]
    public async Task CreatePlan_CycleOrUnknownFigure_RefusedNamingTheFigure_NothingSaved()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        Task<int> CreateAsync(params PlanFigureInput[] figures) => core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 2)) with { Number = "43/KH-UBND", Summary = "Chỉ tiêu", FirstPeriod = "2025-Q1", Figures = figures },
            CoreFixture.As(snv, Roles.Consolidator)));

        var cycle = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(
            new("A", "", FigureKind.WholeNumber, Rollup.Recompute, Formula: "[2] + 1"), new("B", "", FigureKind.WholeNumber, Rollup.Recompute, Formula: "[1] * 2")));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(new("A", "", FigureKind.WholeNumber, Rollup.Sum), new("B", "%", FigureKind.DecimalNumber, Rollup.Recompute, Formula: "[1] / [7]")));

        Assert.Contains("[1] → [2] → [1]", cycle.Message, StringComparison.Ordinal);
        Assert.Equal(("Figures[1].Formula", "Chỉ tiêu 2: không có chỉ tiêu số [7]."), (unknown.Field, unknown.Message));
        await using var db = core.Database.NewContext();
        Assert.False(await db.Plans.AnyAsync(p => p.OwnerUnitId == snv));
    }

    private sealed record Arranged(int A, int B, int Plan, Actor Consolidator);

    private async Task<Arranged> ArrangeAsync()
    {
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var a = await core.AddUnitAsync(CoreFixture.Code("X"), province);
        var b = await core.AddUnitAsync(CoreFixture.Code("X"), province);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);
        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 2)) with
            {
                Number = "42/KH-UBND",
                Summary = "Báo cáo chỉ tiêu cải cách hành chính hằng quý",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures = Figures,
                Rules = [new("[1.2] <= [1.1]", "Số hồ sơ đúng hạn không vượt số hồ sơ tiếp nhận")],
            },
            consolidator));
        // Back to the fixture's day, which other tests of the collection expect.
        core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);
        return new Arranged(a, b, plan, consolidator);
    }

    private Task<int> SaveAsync(Arranged t, int unit, decimal received, decimal onTime, decimal satisfied, decimal? rateTyped = null) =>
        core.RunAsync(async sp =>
        {
            var leader = CoreFixture.As(unit, Roles.Leader);
            var reports = sp.GetRequiredService<ReportService>();
            var id = await reports.CreateAsync(new CreateReport { Period = "2025-Q1" }, leader);
            var ids = (await reports.PlanFiguresAsync(t.Plan)).Values.ToDictionary(f => f.Code, f => f.Id);
            List<FigureInput> figures =
            [
                new("Số hồ sơ tiếp nhận", received, "hồ sơ", ids["1.1"]),
                new("Số hồ sơ giải quyết đúng hạn", onTime, "hồ sơ", ids["1.2"]),
                new("Tỷ lệ hài lòng", satisfied, "%", ids["2"]),
            ];
            if (rateTyped is { } typed)
            {
                figures.Add(new("Tỷ lệ hồ sơ giải quyết đúng hạn", typed, "%", ids["1.3"]));
            }

            await reports.SaveFiguresAsync(new SaveFigures { ReportId = id, ExpectedVersion = 0, Figures = figures }, leader);
            return id;
        });

    private Task SubmitAsync(int unit, int reportId) => core.RunAsync(async sp =>
    {
        var leader = CoreFixture.As(unit, Roles.Leader);
        var reports = sp.GetRequiredService<ReportService>();
        var report = await reports.GetAsync(reportId, leader);
        await reports.ChangeStatusAsync(new ChangeStatus { ReportId = reportId, Action = ReportAction.Submit, ExpectedVersion = report.Version }, leader);
    });
}
