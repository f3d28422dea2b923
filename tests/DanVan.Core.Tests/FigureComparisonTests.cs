using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

public sealed class FigureComparisonTests
{
    private static readonly ReportingPeriod Q3 = ReportingPeriod.Quarter(2025, 3);

    internal static List<PlanFigure> Figures() =>
    [
        new() { Id = 1, Order = 0, Code = "1", Name = "Số lượt tiếp công dân", UnitOfMeasure = "lượt", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
        new() { Id = 2, Order = 1, Code = "2", Name = "Hồ sơ", Kind = FigureKind.Heading, Rollup = Rollup.None },
        new() { Id = 3, Order = 2, Code = "2.1", Name = "Số hồ sơ tiếp nhận", UnitOfMeasure = "hồ sơ", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
        new() { Id = 4, Order = 3, Code = "2.2", Name = "Số hồ sơ giải quyết đúng hạn", UnitOfMeasure = "hồ sơ", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
        new() { Id = 5, Order = 4, Code = "2.3", Name = "Tỷ lệ đúng hạn", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.Recompute, Formula = "[2.2] / [2.1] × 100" },
        new() { Id = 6, Order = 5, Code = "3", Name = "Mô hình tiêu biểu", Kind = FigureKind.Text, Rollup = Rollup.None },
    ];

    private static ComparedPart Part(string unit, decimal citizens, decimal received, decimal onTime, decimal share = 1m) =>
        new(unit, share, new Dictionary<string, decimal> { ["1"] = citizens, ["2.1"] = received, ["2.2"] = onTime });

    private static ComparedSide Side(ReportingPeriod period, params ComparedPart[] parts) => new(period, parts, []);

    private static FigureComparisonTable Compare(ComparedSide previous, ComparedSide lastYear, bool whole = true) =>
        FigureComparison.Compare(Figures(), Side(Q3, Part("UBND xã Trà Tân", 112, 40, 32)), previous, lastYear, whole);

    [Fact]
    public void Compare_PreviousPeriodAndSamePeriodLastYear_ChangeInNumbersPercentAndWords()
    {
        var table = Compare(Side(Q3.Previous(), Part("UBND xã Trà Tân", 100, 40, 30)), Side(ReportingPeriod.Quarter(2024, 3), Part("UBND xã Trà Tân", 140, 40, 32)));

        Assert.Equal((ReportingPeriod.Quarter(2025, 2), ReportingPeriod.Quarter(2024, 3)), (table.Previous, table.LastYear));
        var citizens = table.Row(1)!;
        Assert.Equal((112m, 100m, 12m, 12m), (citizens.Value, citizens.Previous.Base, citizens.Previous.Difference, citizens.Previous.Percent));
        Assert.Equal("tăng 12 % so với kỳ trước (quý II năm 2025)", citizens.Previous.Text);
        Assert.Equal(("+12", "+12 %"), (citizens.Previous.SignedDifference, citizens.Previous.SignedPercent));
        Assert.Equal("giảm 20 % so với cùng kỳ năm 2024", citizens.LastYear.Text);
        Assert.Equal(("−28", "−20 %"), (citizens.LastYear.SignedDifference, citizens.LastYear.SignedPercent));
        Assert.Equal("bằng cùng kỳ năm 2024", table.Row(5)!.LastYear.Text);
        Assert.Equal("tăng 5 điểm % so với kỳ trước (quý II năm 2025)", table.Row(5)!.Previous.Text);
        Assert.Null(table.Row(2));
    }

    [Fact]
    public void Compare_MergedPredecessors_BaseIsTheirSum()
    {
        var table = Compare(Side(Q3.Previous(), Part("UBND xã Trà Tân", 60, 25, 20), Part("UBND xã Trà Bùi", 40, 15, 10)), Side(ReportingPeriod.Quarter(2024, 3)));

        Assert.Equal((100m, 12m), (table.Row(1)!.Previous.Base, table.Row(1)!.Previous.Percent));
        Assert.Equal(40m, table.Row(3)!.Previous.Base);
    }

    [Fact]
    public void Compare_DerivedRate_RecomputedFromTheSummedComponentsNeverAdded()
    {
        // 9 of 10 (90 %) and 15 of 30 (50 %): together 24 of 40, 60 % — not 140 %, nor the mean 70 %.
        var table = Compare(Side(Q3.Previous(), Part("A", 1, 10, 9), Part("B", 1, 30, 15)), Side(ReportingPeriod.Quarter(2024, 3)));

        var rate = table.Row(5)!;
        Assert.Equal((80m, 60m, 20m), (rate.Value, rate.Previous.Base, rate.Previous.Difference));
        Assert.Equal("tăng 20 điểm % so với kỳ trước (quý II năm 2025)", rate.Previous.Text);
    }

    [Fact]
    public void Compare_SplitWithShare_CountsTakenInTheShareRatesRecomputed()
    {
        var table = Compare(Side(Q3.Previous(), Part("UBND xã Cũ", 200, 50, 40, share: 0.6m)), Side(ReportingPeriod.Quarter(2024, 3)));

        Assert.Equal(120m, table.Row(1)!.Previous.Base);
        Assert.Equal(30m, table.Row(3)!.Previous.Base);
        Assert.Equal(80m, table.Row(5)!.Previous.Base);
    }

    [Fact]
    public void Compare_SplitWithoutShare_SaysTheComparisonIsNotPossibleRatherThanInventing()
    {
        var gap = new Refusal("UBND xã Cũ chia tách từ 01/07/2025 mà không ghi tỷ lệ chuyển sang UBND xã Trà Tân, nên phần số liệu đó không so sánh được", "split without share");
        var previous = new ComparedSide(Q3.Previous(), [Part("UBND xã Trà Tân", 60, 25, 20)], [gap]);

        var table = Compare(previous, Side(ReportingPeriod.Quarter(2024, 3)));

        Assert.All(table.Rows.Where(r => r.Figure.Kind != FigureKind.Text), r => Assert.Null(r.Previous.Difference));
        Assert.Equal("Không so sánh được: " + gap.Message, table.Row(1)!.Previous.Text);
    }

    [Fact]
    public void Compare_NoReportZeroBaseAndText_SaidInWordsNeverBlankOrDividedByZero()
    {
        var table = Compare(Side(Q3.Previous(), Part("UBND xã Trà Tân", 0, 0, 0)), Side(ReportingPeriod.Quarter(2024, 3)));

        var citizens = table.Row(1)!;
        Assert.Equal((112m, (decimal?)null), (citizens.Previous.Difference, citizens.Previous.Percent));
        Assert.Equal("tăng 112 lượt so với kỳ trước (quý II năm 2025) (kỳ so sánh bằng 0, không tính được tỷ lệ %)", citizens.Previous.Text);
        Assert.Equal("", citizens.Previous.SignedPercent);
        Assert.StartsWith("Không so sánh được: không tính được quý II năm 2025", table.Row(5)!.Previous.Text, StringComparison.Ordinal);
        Assert.Equal("Không so sánh được: không có báo cáo đã gửi quý III năm 2024", citizens.LastYear.Text);
        Assert.Equal("Không so sánh (chỉ tiêu dạng chữ)", table.Row(6)!.Previous.Text);
    }

    [Fact]
    public void ConsolidatedText_ComparedFiguresInOneSentence_LastYearFirst_UncomparedLeftOut()
    {
        var table = Compare(Side(Q3.Previous(), Part("A", 100, 40, 30)), Side(ReportingPeriod.Quarter(2024, 3), Part("A", 100, 0, 0)));

        Assert.Equal(
            "Số liệu chủ yếu: Số lượt tiếp công dân 112 lượt, tăng 12 % so với cùng kỳ năm 2024, tăng 12 % so với kỳ trước (quý II năm 2025); "
            + "Số hồ sơ tiếp nhận 40 hồ sơ, tăng 40 hồ sơ so với cùng kỳ năm 2024 (kỳ so sánh bằng 0, không tính được tỷ lệ %), bằng kỳ trước (quý II năm 2025); "
            + "Số hồ sơ giải quyết đúng hạn 32 hồ sơ, tăng 32 hồ sơ so với cùng kỳ năm 2024 (kỳ so sánh bằng 0, không tính được tỷ lệ %), tăng 6,7 % so với kỳ trước (quý II năm 2025); "
            + "Tỷ lệ đúng hạn 80 %, tăng 5 điểm % so với kỳ trước (quý II năm 2025).",
            Core.Consolidation.Consolidator.ComparisonSentence(table));
        Assert.Null(Core.Consolidation.Consolidator.ComparisonSentence(Compare(Side(Q3.Previous()), Side(ReportingPeriod.Quarter(2024, 3)))));
    }

    [Fact]
    public void SamePeriodLastYear_EveryKindOfPeriod()
    {
        Assert.Equal(
            ["2024-07", "2024-Q3", "2024-H1", "2024-9M", "2024"],
            new[] { "2025-07", "2025-Q3", "2025-H1", "2025-9M", "2025" }.Select(p => FigureComparison.SamePeriodLastYear(ReportingPeriod.Parse(p)).ToString()));
        Assert.Equal("2024-12", ReportingPeriod.Parse("2025-01").Previous().ToString());
    }
}

[Collection(CoreCollection.Name)]
public sealed class FigureComparisonServiceTests(CoreFixture core)
{
    private static readonly DateOnly July = new(2025, 7, 1);

    [Fact]
    public async Task ForReportAsync_MergedCommune_ComparesWithItsPredecessorsSentReportsSummed()
    {
        var (province, successor, plan, figures) = await ArrangeAsync();
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), province, from: new DateOnly(2020, 1, 1));
        var x2 = await core.AddUnitAsync(CoreFixture.Code("X2"), province, from: new DateOnly(2020, 1, 1));
        var x3 = await core.AddUnitAsync(CoreFixture.Code("X3"), province, from: new DateOnly(2020, 1, 1));
        await AddReportAsync(x1, plan, figures, "2025-Q2", ReportStatus.Accepted, 60, 25, 20);
        await AddReportAsync(x2, plan, figures, "2025-Q2", ReportStatus.Submitted, 40, 15, 10);
        await AddReportAsync(x3, plan, figures, "2025-Q2", ReportStatus.Draft, 999, 999, 999);
        await AddReportAsync(x1, plan, figures, "2024-Q3", ReportStatus.Accepted, 50, 10, 10);
        await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            db.UnitEvents.AddRange(
                new UnitEvent { UnitId = x1, Kind = UnitEventKind.Merged, RelatedUnitId = successor, EffectiveOn = July },
                new UnitEvent { UnitId = x2, Kind = UnitEventKind.Merged, RelatedUnitId = successor, EffectiveOn = July });
            await db.SaveChangesAsync();
        });
        var report = await AddReportAsync(successor, plan, figures, "2025-Q3", ReportStatus.Draft, 112, 40, 32);

        var table = await core.RunAsync(sp => sp.GetRequiredService<FigureComparisonService>().ForReportAsync(report, CoreFixture.Admin));

        Assert.Equal((112m, 100m, "tăng 12 % so với kỳ trước (quý II năm 2025)"), (table.Row(figures["1"])!.Value, table.Row(figures["1"])!.Previous.Base, table.Row(figures["1"])!.Previous.Text));
        Assert.Equal((75m, "tăng 5 điểm % so với kỳ trước (quý II năm 2025)"), (table.Row(figures["2.3"])!.Previous.Base, table.Row(figures["2.3"])!.Previous.Text));
        // Last year only X1 reported, X2 did not: a sum of what is there would be invented.
        Assert.Null(table.Row(figures["1"])!.LastYear.Difference);
        Assert.Contains("không có báo cáo đã gửi quý III năm 2024", table.Row(figures["1"])!.LastYear.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForReportAsync_SplitWithAndWithoutShare_ShareCountedOrComparisonRefused()
    {
        var (province, successor, plan, figures) = await ArrangeAsync();
        var origin = await core.AddUnitAsync(CoreFixture.Code("O"), province, from: new DateOnly(2020, 1, 1));
        var other = await core.AddUnitAsync(CoreFixture.Code("N"), province, from: July);
        await AddReportAsync(origin, plan, figures, "2025-Q2", ReportStatus.Accepted, 200, 50, 40);
        await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            db.UnitEvents.AddRange(
                new UnitEvent { UnitId = successor, Kind = UnitEventKind.Split, RelatedUnitId = origin, EffectiveOn = July, Share = 0.6m },
                new UnitEvent { UnitId = other, Kind = UnitEventKind.Split, RelatedUnitId = origin, EffectiveOn = July });
            await db.SaveChangesAsync();
        });
        var shared = await AddReportAsync(successor, plan, figures, "2025-Q3", ReportStatus.Draft, 132, 30, 27);
        var unshared = await AddReportAsync(other, plan, figures, "2025-Q3", ReportStatus.Draft, 80, 20, 16);

        var service = (Func<int, Task<FigureComparisonTable>>)(id => core.RunAsync(sp => sp.GetRequiredService<FigureComparisonService>().ForReportAsync(id, CoreFixture.Admin)));
        var withShare = await service(shared);
        var withoutShare = await service(unshared);

        Assert.Equal((120m, 10m), (withShare.Row(figures["1"])!.Previous.Base, withShare.Row(figures["1"])!.Previous.Percent));
        Assert.Equal(80m, withShare.Row(figures["2.3"])!.Previous.Base);
        Assert.Null(withoutShare.Row(figures["1"])!.Previous.Difference);
        Assert.Contains("mà không ghi tỷ lệ chuyển sang", withoutShare.Row(figures["1"])!.Previous.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartsForReportAsync_MergedCommune_SeriesSumsPredecessorsSentReports_DraftsNotCounted()
    {
        var (province, successor, plan, figures) = await ArrangeAsync();
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), province, from: new DateOnly(2020, 1, 1));
        var x2 = await core.AddUnitAsync(CoreFixture.Code("X2"), province, from: new DateOnly(2020, 1, 1));
        await AddReportAsync(x1, plan, figures, "2025-Q1", ReportStatus.Accepted, 10, 10, 10);
        await AddReportAsync(x2, plan, figures, "2025-Q1", ReportStatus.Draft, 999, 999, 999);
        await AddReportAsync(x1, plan, figures, "2025-Q2", ReportStatus.Accepted, 60, 25, 20);
        await AddReportAsync(x2, plan, figures, "2025-Q2", ReportStatus.Submitted, 40, 15, 10);
        await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            db.UnitEvents.AddRange(
                new UnitEvent { UnitId = x1, Kind = UnitEventKind.Merged, RelatedUnitId = successor, EffectiveOn = July },
                new UnitEvent { UnitId = x2, Kind = UnitEventKind.Merged, RelatedUnitId = successor, EffectiveOn = July });
            await db.SaveChangesAsync();
        });
        var report = await AddReportAsync(successor, plan, figures, "2025-Q3", ReportStatus.Draft, 112, 40, 32);

        var charts = await core.RunAsync(sp => sp.GetRequiredService<FigureComparisonService>().ChartsForReportAsync(report, CoreFixture.Admin));

        var citizens = charts.Series.Single(s => s.Figure.Code == "1").Points;
        Assert.Equal((12, "2022-Q4", "2025-Q3"), (citizens.Count, citizens[0].Period.ToString(), citizens[^1].Period.ToString()));
        Assert.Equal([null, 100m, 112m], citizens.TakeLast(3).Select(p => p.Value));
        // X2's only report of Q1 is a draft: a unit's value from part of its predecessors would be invented.
        Assert.EndsWith("không có báo cáo đã gửi", citizens[^3].Why!.Message, StringComparison.Ordinal);
        Assert.EndsWith("sent no report", citizens[^3].Why!.English, StringComparison.Ordinal);
        Assert.Equal(75m, charts.Series.Single(s => s.Figure.Code == "2.3").Points[^2].Value);
        Assert.Empty(charts.Breakdowns);
    }

    [Fact]
    public async Task ChartsForUnitsAsync_Scope_RolledUpOverSentReports_BreakdownLargestFirst_DraftsNotCounted()
    {
        var (province, _, plan, figures) = await ArrangeAsync();
        var a = await core.AddUnitAsync(CoreFixture.Code("A"), province, from: new DateOnly(2020, 1, 1));
        var b = await core.AddUnitAsync(CoreFixture.Code("B"), province, from: new DateOnly(2020, 1, 1));
        var c = await core.AddUnitAsync(CoreFixture.Code("C"), province, from: new DateOnly(2020, 1, 1));
        await AddReportAsync(a, plan, figures, "2025-Q2", ReportStatus.Accepted, 40, 10, 5);
        await AddReportAsync(b, plan, figures, "2025-Q2", ReportStatus.Submitted, 50, 30, 30);
        await AddReportAsync(c, plan, figures, "2025-Q2", ReportStatus.Draft, 999, 999, 999);
        await AddReportAsync(a, plan, figures, "2025-Q1", ReportStatus.Accepted, 30, 10, 10);
        var planFigures = await core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().PlanFigures.Where(f => f.PlanId == plan).OrderBy(f => f.Order).ToListAsync());

        var charts = await core.RunAsync(sp => sp.GetRequiredService<FigureComparisonService>().ChartsForUnitsAsync(plan, planFigures, ReportingPeriod.Quarter(2025, 2), [a, b, c]));

        var citizens = charts.Series.Single(s => s.Figure.Code == "1");
        Assert.Equal([null, 30m, 90m], citizens.Points.TakeLast(3).Select(p => p.Value));
        Assert.Equal(87.5m, charts.Series.Single(s => s.Figure.Code == "2.3").Points[^1].Value);
        var byUnit = charts.Breakdown(citizens.Figure.Id)!;
        Assert.Equal([50m, 40m], byUnit.Bars.Select(bar => bar.Value));
        Assert.Equal((0, false), (byUnit.WithoutValue, byUnit.Bars.Any(bar => bar.IsOthers)));
        Assert.Equal([100m, 50m], charts.Breakdown(figures["2.3"])!.Bars.Select(bar => bar.Value));
    }

    [Fact]
    public async Task Consolidate_ScopeComparedWithThePreviousQuarter_SentenceInTheTextAndColumnsInTheWordTable()
    {
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var a = await core.AddUnitAsync(CoreFixture.Code("XA"), province);
        var b = await core.AddUnitAsync(CoreFixture.Code("XB"), province);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);
        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 2)) with
            {
                Number = "43/KH-UBND",
                Summary = "Báo cáo công tác dân vận chính quyền hằng quý",
                FirstPeriod = "2025-Q1",
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                Figures = [new("Số lượt tiếp công dân", "lượt", FigureKind.WholeNumber, Rollup.Sum, Code: "1")],
            },
            consolidator));
        var figure = await core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().PlanFigures.Where(f => f.PlanId == plan).Select(f => f.Id).SingleAsync());
        var ids = new Dictionary<string, int> { ["1"] = figure, ["2.1"] = figure, ["2.2"] = figure, ["2.3"] = figure };
        await AddReportAsync(a, plan, ids, "2025-Q1", ReportStatus.Accepted, 30, 0, 0, citizensOnly: true);
        await AddReportAsync(b, plan, ids, "2025-Q1", ReportStatus.Accepted, 50, 0, 0, citizensOnly: true);
        await AddReportAsync(a, plan, ids, "2025-Q2", ReportStatus.Accepted, 40, 0, 0, citizensOnly: true);
        await AddReportAsync(b, plan, ids, "2025-Q2", ReportStatus.Submitted, 50, 0, 0, citizensOnly: true);
        core.Clock.Now = new DateTimeOffset(2025, 7, 10, 3, 0, 0, TimeSpan.Zero);

        var result = await core.RunAsync(sp => sp.GetRequiredService<Core.Consolidation.ConsolidationService>().ConsolidateAsync(new Core.Consolidation.Consolidate { PlanId = plan, Period = "2025-Q2" }, consolidator));

        var intro = await core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().ReportSections.Where(s => s.ReportId == result.ReportId && s.Key == "intro").Select(s => s.Text).SingleAsync());
        Assert.Contains("Số liệu chủ yếu: Số lượt tiếp công dân 90 lượt, tăng 12,5 % so với kỳ trước (quý I năm 2025).", intro, StringComparison.Ordinal);
        var file = await core.RunAsync(sp => sp.GetRequiredService<Core.Export.ReportExportService>().ExportAsync(result.ReportId, Core.Export.ExportFormat.Docx, consolidator));
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(file.Content));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var text = string.Concat(System.Text.RegularExpressions.Regex.Matches(await reader.ReadToEndAsync(), "<w:t(?: [^>]*)?>([^<]*)</w:t>").Select(m => m.Groups[1].Value));
        Assert.Contains("So với kỳ trước (quý I năm 2025)", text, StringComparison.Ordinal);
        Assert.Contains("+10 (+12,5 %)", text, StringComparison.Ordinal);
        Assert.Contains("Không so sánh được: không có báo cáo đã gửi quý II năm 2024", text, StringComparison.Ordinal);

        // The consolidated report's charts: the scope its draft counted, rolled up, and the quarter by unit.
        var charts = await core.RunAsync(sp => sp.GetRequiredService<FigureComparisonService>().ChartsForReportAsync(result.ReportId, consolidator));
        Assert.Equal([80m, 90m], charts.Series.Single().Points.TakeLast(2).Select(p => p.Value));
        Assert.Equal([50m, 40m], charts.Breakdown(figure)!.Bars.Select(bar => bar.Value));
    }

    private async Task<(int Province, int Successor, int Plan, Dictionary<string, int> Figures)> ArrangeAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province, from: new DateOnly(2020, 1, 1));
        var successor = await core.AddUnitAsync(CoreFixture.Code("XA"), province, from: July);
        return await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            var plan = new Plan
            {
                OwnerUnitId = province,
                Number = "1/KH-UBND",
                Summary = "So sánh",
                IssuedOn = new DateOnly(2024, 1, 1),
                PeriodType = PeriodType.Quarter,
                FirstPeriod = "2024-Q1",
                CreatedBy = "test",
                Figures = FigureComparisonTests.Figures().Select(f => { f.Id = 0; return f; }).ToList(),
            };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return (province, successor, plan.Id, plan.Figures.ToDictionary(f => f.Code, f => f.Id));
        });
    }

    private Task<int> AddReportAsync(int unit, int plan, Dictionary<string, int> figures, string period, ReportStatus status, decimal citizens, decimal received, decimal onTime, bool citizensOnly = false) =>
        core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            var report = new Report
            {
                UnitId = unit,
                PlanId = plan,
                Period = period,
                Title = "Báo cáo",
                Status = status,
                CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                Figures =
                [
                    new ReportFigure { Order = 0, Name = "Số lượt tiếp công dân", Value = citizens, UnitOfMeasure = "lượt", PlanFigureId = figures["1"] },
                    new ReportFigure { Order = 1, Name = "Số hồ sơ tiếp nhận", Value = received, UnitOfMeasure = "hồ sơ", PlanFigureId = figures["2.1"] },
                    new ReportFigure { Order = 2, Name = "Số hồ sơ giải quyết đúng hạn", Value = onTime, UnitOfMeasure = "hồ sơ", PlanFigureId = figures["2.2"] },
                    new ReportFigure { Order = 3, Name = "Tỷ lệ đúng hạn", Value = received == 0 ? 0 : Math.Round(onTime / received * 100, 2), UnitOfMeasure = "%", PlanFigureId = figures["2.3"] },
                ],
            };
            if (citizensOnly)
            {
                report.Figures.RemoveAll(f => f.Order > 0);
                report.SubmittedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            }

            db.Reports.Add(report);
            await db.SaveChangesAsync();
            return report.Id;
        });
}
