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
        new("Số tổ hòa giải đang hoạt động", "tổ", FigureKind.WholeNumber, Rollup.Sum, Code: "3", IsStock: true),
        new("Mô hình \"Dân vận khéo\" tiêu biểu", null, FigureKind.Text, Rollup.None, Code: "4"),
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
    public async Task Create_HalfYearFromTwoQuarters_StockTakenAtTheEndAndSaidSo_TextFigureByQuarter()
    {
        var (unit, plan) = await ArrangeAsync();
        var q1 = await PartAsync(unit, plan, "2025-Q1", ReportStatus.Accepted, "Tổ chức 3 buổi đối thoại với Nhân dân.", ("1.1", 10), ("1.2", 9), ("3", 12));
        var q2 = await PartAsync(unit, plan, "2025-Q2", ReportStatus.Accepted, "Tổ chức 4 buổi đối thoại với Nhân dân.", ("1.1", 20), ("1.2", 19), ("3", 14));
        await AnswerTextAsync(q1, plan, "4", "Mô hình \"Chợ văn minh\".");
        await AnswerTextAsync(q2, plan, "4", "Mô hình \"Khu dân cư không rác\".");

        var id = await CreateAsync(unit, "2025-H1");

        await using var db = core.Database.NewContext();
        var report = await db.Reports.Include(r => r.Figures).Include(r => r.Transitions).SingleAsync(r => r.Id == id);
        // The teams at work on 30 June are the second quarter's, not 12 + 14; the files received are a flow and add up.
        Assert.Equal((14m, 30m), (report.Figures.Single(f => f.Name == "Số tổ hòa giải đang hoạt động").Value, report.Figures.Single(f => f.Name == "Số hồ sơ tiếp nhận").Value));
        var text = report.Figures.Single(f => f.TextValue is not null);
        Assert.Equal("Quý I: Mô hình \"Chợ văn minh\"; Quý II: Mô hình \"Khu dân cư không rác\"", text.TextValue);
        Assert.Equal("Mô hình \"Dân vận khéo\" tiêu biểu", text.Name);
        // No half-year plan: the report's own figures, named as its quarters' plan names them.
        Assert.Null(text.PlanFigureId);
        Assert.Contains("; lấy số cuối kỳ, không cộng các kỳ: Số tổ hòa giải đang hoạt động (Quý II) — ", report.Transitions.Single().Comment, StringComparison.Ordinal);
        var mark = FromParts.Read(report.Transitions[0].Comment)!;
        Assert.Equal(("Số tổ hòa giải đang hoạt động (Quý II)", null), (mark.Stocks, mark.PartialFigures));
    }

    [Fact]
    public void Build_TextFigure_EmptyLeftOut_RepeatedSaidOnceUnderEachPeriod_CutToTheLimit()
    {
        var heading = new PlanFigure { Id = 1, Code = "1", Name = "Mô hình tiêu biểu", Kind = FigureKind.Text, Rollup = Rollup.None };
        var notes = new PlanFigure { Id = 2, Code = "2", Name = "Ghi chú", Kind = FigureKind.Text, Rollup = Rollup.None };
        var teams = new PlanFigure { Id = 3, Code = "3", Name = "Số tổ hòa giải", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum, IsStock = true };
        var quarters = Enumerable.Range(1, 4).Select(q => ReportingPeriod.Quarter(2025, q)).ToList();
        var long1 = string.Join(' ', Enumerable.Repeat("Quý đầu làm tốt công tác dân vận.", 40));
        var long2 = string.Join(' ', Enumerable.Repeat("Quý sau tiếp tục phát huy.", 60));
        string[][] answers = [["Chợ văn minh", long1], ["  ", long2], ["Chợ  văn minh", ""], ["Khu dân cư không rác", ""]];
        var parts = quarters.Select((p, i) => new ReportPart(
                10 + i,
                p,
                true,
                new Dictionary<string, string>(),
                i < 3 ? [new AnsweredFigure(10 + i, 3, 20 + i)] : [],
                [new AnsweredText(1, answers[i][0]), new AnsweredText(2, answers[i][1])]))
            .ToList();

        var draft = FromParts.Build(new FromPartsInput { Period = ReportingPeriod.FullYear(2025), Parts = parts, Missing = [], Keys = [], Targets = [heading, notes, teams], PartFigures = [heading, notes, teams] });

        Assert.Equal("Quý I, Quý III: Chợ văn minh; Quý IV: Khu dân cư không rác", draft.FigureTexts.Single(t => t.Target == heading).Text);
        var cut = draft.FigureTexts.Single(t => t.Target == notes).Text;
        Assert.True(cut.Length <= ReportFigure.MaxTextLength, $"{cut.Length} characters");
        Assert.StartsWith("Quý I: Quý đầu", cut, StringComparison.Ordinal);
        Assert.Contains("; Quý II: Quý sau", cut, StringComparison.Ordinal);
        var whole = $"Quý I: {long1.TrimEnd('.')}; Quý II: {long2.TrimEnd('.')}";
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith(cut[..^1], whole, StringComparison.Ordinal);
        Assert.True(whole[cut.Length - 1] is ' ' or '.', "cut inside a word");
        Assert.Equal((22m, 3), (draft.Figures.Single().Value, draft.Figures.Single().Reports));
        Assert.Contains("lấy số cuối kỳ, không cộng các kỳ: Số tổ hòa giải (Quý III); số liệu chưa đủ các kỳ: Số tổ hòa giải (3/4)", draft.Mark, StringComparison.Ordinal);
        Assert.Equal("Số tổ hòa giải (Quý III)", FromParts.Read(draft.Mark)!.Stocks);
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
        var q1 = await PartAsync(province, quarterly, "2025-Q1", ReportStatus.Accepted, "Toàn tỉnh tổ chức 30 buổi đối thoại với Nhân dân.", ("1.1", 100), ("1.2", 90), ("3", 410));
        var q2 = await PartAsync(province, quarterly, "2025-Q2", ReportStatus.Accepted, "Toàn tỉnh tổ chức 40 buổi đối thoại với Nhân dân.", ("1.1", 200), ("1.2", 190), ("3", 425));

        var result = await core.RunAsync(sp => sp.GetRequiredService<ConsolidationService>().ConsolidateAsync(new Consolidate { PlanId = annual, Period = "2025" }, consolidator));

        Assert.True(result.Created);
        await using var db = core.Database.NewContext();
        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Figures).Include(r => r.Transitions).SingleAsync(r => r.Id == result.ReportId);
        Assert.Equal(
            "Quý I: Toàn tỉnh tổ chức 30 buổi đối thoại với Nhân dân.\nQuý II: Toàn tỉnh tổ chức 40 buổi đối thoại với Nhân dân.",
            report.Sections.Single(s => s.Key == "I.1").Text);
        var figures = report.Figures.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal((300m, 280m, 93.33m), (figures["Số hồ sơ tiếp nhận"], figures["Số hồ sơ giải quyết đúng hạn"], figures["Tỷ lệ hồ sơ giải quyết đúng hạn"]));
        // The province's teams at the end of the second quarter, not the quarters added up.
        Assert.Equal(425m, figures["Số tổ hòa giải đang hoạt động"]);
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

    /// <summary>The report's answer to a text figure of its plan.</summary>
    private async Task AnswerTextAsync(int report, int plan, string code, string text)
    {
        await using var db = core.Database.NewContext();
        var figure = await db.PlanFigures.SingleAsync(f => f.PlanId == plan && f.Code == code);
        db.ReportFigures.Add(new ReportFigure { ReportId = report, Order = figure.Order, Name = figure.Name, TextValue = text, PlanFigureId = figure.Id });
        await db.SaveChangesAsync();
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
