using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 20.5: a 6-month, 9-month or annual report drafted from the unit's own quarterly or monthly reports, on a real database.</summary>
[Collection(CoreCollection.Name)]
public sealed class FromPartsTests(CoreFixture core)
{
    private static readonly PlanFigureInput[] Figures =
    [
        new("Hồ sơ thủ tục hành chính", null, FigureKind.Heading, Rollup.None, Code: "1"),
        new("Số hồ sơ tiếp nhận", "hồ sơ", FigureKind.WholeNumber, Rollup.Sum, Code: "1.1"),
        new("Số hồ sơ giải quyết đúng hạn", "hồ sơ", FigureKind.WholeNumber, Rollup.Sum, Code: "1.2"),
        new("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "1.3", Formula: "[1.2] / [1.1] × 100"),
        new("Tỷ lệ hài lòng", "%", FigureKind.DecimalNumber, Rollup.WeightedMean, Code: "2", WeightBy: "[1.1]"),
    ];

    [Fact]
    public async Task Create_YearFromThreeQuarters_SumsRecomputesRatesGroupsTextByQuarterOnceAndSaysWhatIsMissing()
    {
        var (unit, plan) = await ArrangeAsync();
        var q1 = await PartAsync(unit, plan, "2025-Q1", ReportStatus.Accepted, "Ban hành kế hoạch công tác dân vận chính quyền năm 2025. Tổ chức 3 buổi đối thoại với Nhân dân.", ("1.1", 10), ("1.2", 9), ("2", 80));
        var q2 = await PartAsync(unit, plan, "2025-Q2", ReportStatus.Accepted, "Ban hành kế hoạch công tác dân vận chính quyền năm 2025. Tổ chức 5 buổi đối thoại với Nhân dân.", ("1.1", 20), ("1.2", 19), ("2", 90));
        var q3 = await PartAsync(unit, plan, "2025-Q3", ReportStatus.Submitted, "Tổ chức 2 buổi đối thoại với Nhân dân.", ("1.1", 30), ("1.2", 27));

        var id = await CreateAsync(unit, "2025");

        var report = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, CoreFixture.As(unit, Roles.Staff)));
        var figures = report.Figures.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(60m, figures["Số hồ sơ tiếp nhận"]);
        Assert.Equal(55m, figures["Số hồ sơ giải quyết đúng hạn"]);
        // 55 / 60 × 100 from the summed counts, not the mean of the quarters' rates (90, 95, 90).
        Assert.Equal(91.67m, figures["Tỷ lệ hồ sơ giải quyết đúng hạn"]);
        // (80 × 10 + 90 × 20) / 30: the third quarter gave no rate.
        Assert.Equal(86.67m, figures["Tỷ lệ hài lòng"]);
        Assert.Equal(
            "Quý I: Ban hành kế hoạch công tác dân vận chính quyền năm 2025. Tổ chức 3 buổi đối thoại với Nhân dân.\n"
            + "Quý II: Tổ chức 5 buổi đối thoại với Nhân dân.\n"
            + "Quý III: Tổ chức 2 buổi đối thoại với Nhân dân.",
            report.Sections.Single(s => s.Key == "I.1").Text);
        Assert.Equal("", report.Sections.Single(s => s.Key == "intro").Text);
        Assert.Equal(
            $"Lập báo cáo. Dự thảo từ báo cáo Quý I (số hiệu {q1}), Quý II (số hiệu {q2}), Quý III (số hiệu {q3}) năm 2025; chưa có báo cáo Quý IV; "
            + "số liệu chưa đủ các kỳ: Tỷ lệ hài lòng (2/3) — hãy rà soát trước khi gửi.",
            report.Transitions.Single().Comment);
        var mark = FromParts.Read(report.Transitions[0].Comment);
        Assert.NotNull(mark);
        Assert.Equal([new MarkedPart("Quý I", q1, true), new MarkedPart("Quý II", q2, true), new MarkedPart("Quý III", q3, true)], mark.Parts);
        Assert.Equal((2025, "Tỷ lệ hài lòng (2/3)"), (mark.Year, mark.PartialFigures));
        Assert.Equal(["Quý IV"], mark.Missing);
    }

    [Fact]
    public async Task Create_HalfYear_FromTwoQuartersNotTheirMonths_NamesTheDraftItUsed()
    {
        var (unit, plan) = await ArrangeAsync();
        var q1 = await PartAsync(unit, plan, "2025-Q1", ReportStatus.Accepted, "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở.", ("1.1", 10), ("1.2", 10));
        await PartAsync(unit, plan, "2025-03", ReportStatus.Accepted, "Tháng này không dùng đến.", ("1.1", 1000), ("1.2", 1000));
        var q2 = await PartAsync(unit, plan, "2025-Q2", ReportStatus.Draft, "Đối thoại về giải phóng mặt bằng.", ("1.1", 30), ("1.2", 20));

        var id = await CreateAsync(unit, "2025-H1");

        await using var db = core.Database.NewContext();
        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Figures).Include(r => r.Transitions).SingleAsync(r => r.Id == id);
        Assert.Equal(40m, report.Figures.Single(f => f.Name == "Số hồ sơ tiếp nhận").Value);
        Assert.Equal(75m, report.Figures.Single(f => f.Name == "Tỷ lệ hồ sơ giải quyết đúng hạn").Value);
        Assert.Equal("Quý I: Tuyên truyền Luật Thực hiện dân chủ ở cơ sở.\nQuý II: Đối thoại về giải phóng mặt bằng.", report.Sections.Single(s => s.Key == "I.1").Text);
        var mark = FromParts.Read(report.Transitions.Single().Comment);
        Assert.Equal([new MarkedPart("Quý I", q1, true), new MarkedPart("Quý II", q2, false)], mark!.Parts);
        Assert.Empty(mark.Missing);
        Assert.Contains($"Quý II (số hiệu {q2}, chưa gửi) năm 2025 — hãy rà soát trước khi gửi.", report.Transitions[0].Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Declined_StartsEmptyWithoutMark()
    {
        var (unit, plan) = await ArrangeAsync();
        await PartAsync(unit, plan, "2025-Q1", ReportStatus.Accepted, "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở.", ("1.1", 10), ("1.2", 10));

        var id = await CreateAsync(unit, "2025-H1", fromParts: false);

        await using var db = core.Database.NewContext();
        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Figures).Include(r => r.Transitions).SingleAsync(r => r.Id == id);
        Assert.All(report.Sections, s => Assert.Equal("", s.Text));
        Assert.Empty(report.Figures);
        Assert.Null(FromParts.Read(report.Transitions.Single().Comment));
    }

    [Fact]
    public async Task StartablePeriods_HalfYearWithAQuarter_OffersItWithItsParts_QuarterHasNone()
    {
        var (unit, plan) = await ArrangeAsync();
        await PartAsync(unit, plan, "2025-Q1", ReportStatus.Accepted, "Tuyên truyền.", ("1.1", 10));

        var startable = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().StartablePeriodsAsync(CoreFixture.As(unit, Roles.Staff)));

        Assert.Equal([ReportingPeriod.Quarter(2025, 1)], startable.Single(s => s.Period == ReportingPeriod.Half(2025, 1)).Parts);
        Assert.Empty(startable.Single(s => s.Period == ReportingPeriod.Quarter(2025, 2)).Parts);
    }

    [Fact]
    public void Choose_QuarterWithoutReport_TakesItsMonths_AndNamesTheMonthsMissing()
    {
        var available = new HashSet<ReportingPeriod> { ReportingPeriod.Quarter(2025, 1), ReportingPeriod.Month(2025, 1), ReportingPeriod.Month(2025, 4), ReportingPeriod.Month(2025, 5) };

        var (chosen, missing) = FromParts.Choose(ReportingPeriod.NineMonths(2025), available);

        Assert.Equal([ReportingPeriod.Quarter(2025, 1), ReportingPeriod.Month(2025, 4), ReportingPeriod.Month(2025, 5)], chosen);
        Assert.Equal([ReportingPeriod.Month(2025, 6), ReportingPeriod.Quarter(2025, 3)], missing);
        Assert.Empty(FromParts.Choose(ReportingPeriod.Quarter(2025, 2), available).Chosen);
    }

    [Fact]
    public async Task Consolidate_YearNoUnitSentYet_StartsFromTheQuarterlyConsolidatedReports_Marked()
    {
        var (province, consolidator, quarterly, annual) = await ArrangeConsolidationAsync();
        var q1 = await PartAsync(province, quarterly, "2025-Q1", ReportStatus.Accepted, "Toàn tỉnh tổ chức 30 buổi đối thoại với Nhân dân.", ("1.1", 100), ("1.2", 90));
        var q2 = await PartAsync(province, quarterly, "2025-Q2", ReportStatus.Accepted, "Toàn tỉnh tổ chức 40 buổi đối thoại với Nhân dân.", ("1.1", 200), ("1.2", 190));

        var result = await core.RunAsync(sp => sp.GetRequiredService<ConsolidationService>().ConsolidateAsync(new Consolidate { PlanId = annual, Period = "2025" }, consolidator));

        Assert.True(result.Created);
        await using var db = core.Database.NewContext();
        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Figures).Include(r => r.Transitions).SingleAsync(r => r.Id == result.ReportId);
        Assert.Equal(
            "Quý I: Toàn tỉnh tổ chức 30 buổi đối thoại với Nhân dân.\nQuý II: Toàn tỉnh tổ chức 40 buổi đối thoại với Nhân dân.",
            report.Sections.Single(s => s.Key == "I.1").Text);
        var figures = report.Figures.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal((300m, 280m, 93.33m), (figures["Số hồ sơ tiếp nhận"], figures["Số hồ sơ giải quyết đúng hạn"], figures["Tỷ lệ hồ sơ giải quyết đúng hạn"]));
        var mark = FromParts.Read(report.Transitions.Single().Comment);
        Assert.Equal([new MarkedPart("Quý I", q1, true), new MarkedPart("Quý II", q2, true)], mark!.Parts);
        Assert.Equal(["Quý III", "Quý IV"], mark.Missing);
    }

    private Task<int> CreateAsync(int unit, string period, bool fromParts = true) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period, FromParts = fromParts }, CoreFixture.As(unit, Roles.Staff)));

    private async Task<(int Unit, int Plan)> ArrangeAsync()
    {
        var before = core.Clock.Now;
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var unit = await core.AddUnitAsync(CoreFixture.Code("X"), province);
        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 2)) with { Number = "42/KH-UBND", Summary = "Báo cáo hằng quý", FirstPeriod = "2025-Q1", LockAfterDays = null, Figures = Figures },
            CoreFixture.As(snv, Roles.Consolidator)));
        core.Clock.Now = before;
        return (unit, plan);
    }

    private async Task<(int Province, Actor Consolidator, int Quarterly, int Annual)> ArrangeConsolidationAsync()
    {
        var before = core.Clock.Now;
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        await core.AddUnitAsync(CoreFixture.Code("X"), province);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);
        var draft = PlanInput.Draft(new DateOnly(2025, 1, 2)) with { Summary = "Báo cáo chỉ tiêu", LockAfterDays = null, Figures = Figures };
        var quarterly = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(draft with { Number = "42/KH-UBND", FirstPeriod = "2025-Q1" }, consolidator));
        var annual = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(draft with { Number = "43/KH-UBND", PeriodType = PeriodType.Year, FirstPeriod = "2025" }, consolidator));
        core.Clock.Now = before;
        return (province, consolidator, quarterly, annual);
    }

    /// <summary>A report of the unit for a shorter period, saved as it would stand after its people wrote (and maybe sent) it.</summary>
    private async Task<int> PartAsync(int unit, int plan, string period, ReportStatus status, string work, params (string Code, decimal Value)[] figures)
    {
        await using var db = core.Database.NewContext();
        var planFigures = await db.PlanFigures.Where(f => f.PlanId == plan).ToDictionaryAsync(f => f.Code);
        var report = new Report
        {
            UnitId = unit,
            PlanId = plan,
            Period = period,
            Title = "Báo cáo " + period,
            Status = status,
            CreatedAt = new DateTime(2025, 1, 2, 3, 0, 0, DateTimeKind.Utc),
            Sections = ReportTemplate.Default.Select((t, i) => new ReportSection
            {
                Key = t.Key,
                Heading = t.Heading,
                Level = t.Level,
                Order = i,
                Text = t.Key switch { "intro" => $"Ủy ban báo cáo kết quả kỳ {period} như sau:", "I.1" => work, _ => "" },
            }).ToList(),
            Figures = figures.Select(f => new ReportFigure { Order = planFigures[f.Code].Order, Name = planFigures[f.Code].Name, Value = f.Value, PlanFigureId = planFigures[f.Code].Id }).ToList(),
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }
}
