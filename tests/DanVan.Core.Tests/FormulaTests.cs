using DanVan.Core;
using DanVan.Core.Plans;

namespace DanVan.Tests;

/// <summary>Issue 20.1: derived indicators' formulas, read and computed one way for pages, API, imports and consolidation.</summary>
public sealed class FormulaTests
{
    private static readonly Dictionary<string, decimal?> Values = new() { ["1"] = 10, ["1.1"] = 4, ["1.2"] = 0, ["2"] = 3 };

    private static decimal? Eval(string formula) => Formula.Parse(formula).Evaluate(c => Values.GetValueOrDefault(c)).Value;

    [Theory]
    [InlineData("[1] + [1.1] * 2", 18)]
    [InlineData("([1] + [1.1]) × 2", 28)]
    [InlineData("[1] - [1.1] - [2]", 3)]
    [InlineData("[1] / [1.1] / 2", 1.25)]
    [InlineData("[1.1] : [1] x 100", 40)]
    [InlineData("[1.1] ÷ [1] X 100", 40)]
    [InlineData("-[2] + 0,5", -2.5)]
    [InlineData("[2] * 0.5", 1.5)]
    [InlineData("[1] − [2]", 7)]
    public void Evaluate_OperatorsWithPrecedence_ComputedAsWritten(string formula, double expected) =>
        Assert.Equal((decimal)expected, Eval(formula));

    [Fact]
    public void Evaluate_DivisionByZeroAtRunTime_NoValueWithTheReason()
    {
        var result = Formula.Parse("[1.1] / [1.2] × 100").Evaluate(c => Values.GetValueOrDefault(c));

        Assert.Null(result.Value);
        Assert.Contains("chia cho 0", result.Reason, StringComparison.Ordinal);
        Assert.Contains("[1.2]", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingValue_NoValueNotZero()
    {
        var result = Formula.Parse("[1] + [3]").Evaluate(c => Values.GetValueOrDefault(c));

        Assert.Null(result.Value);
        Assert.Contains("[3]", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1] +", 6, "dừng giữa chừng")]
    [InlineData("([1] + [2]", 11, "thiếu dấu \")\"")]
    [InlineData("[1] + [2])", 10, "thừa dấu \")\"")]
    [InlineData("[1] ? [2]", 5, "\"?\"")]
    [InlineData("[a] + 1", 1, "không phải số thứ tự")]
    [InlineData("[1 + 2", 1, "thiếu dấu \"]\"")]
    [InlineData("", 1, "trống")]
    public void Parse_BadSyntax_RefusedWithThePosition(string formula, int position, string what)
    {
        var error = Assert.Throws<FormulaException>(() => Formula.Parse(formula));

        Assert.Equal(position, error.Position);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InWords_FiguresByName_WithBracketsOnlyWhereNeeded()
    {
        var names = new Dictionary<string, string> { ["1.1"] = "Số hồ sơ tiếp nhận", ["1.2"] = "Số hồ sơ đúng hạn", ["2"] = "Số hồ sơ trễ hạn" };

        Assert.Equal("Số hồ sơ đúng hạn ÷ Số hồ sơ tiếp nhận × 100", Formula.Parse("[1.2] / [1.1] * 100").InWords(names.GetValueOrDefault));
        Assert.Equal("(Số hồ sơ tiếp nhận − Số hồ sơ trễ hạn) ÷ Số hồ sơ tiếp nhận × 100", Formula.Parse("([1.1] - [2]) : [1.1] x 100").InWords(names.GetValueOrDefault));
        Assert.Equal("Số hồ sơ tiếp nhận − (Số hồ sơ đúng hạn − Số hồ sơ trễ hạn)", Formula.Parse("[1.1] - ([1.2] - [2])").InWords(names.GetValueOrDefault));
        Assert.Equal(["1.2", "1.1"], Formula.Parse("[1.2] / [1.1] * [1.2]").References);
    }

    private static PlanFigure Figure(string code, string name, string? formula = null, string unit = "", FigureKind kind = FigureKind.WholeNumber, Rollup rollup = Rollup.Sum, string? weight = null) =>
        new() { Code = code, Name = name, Formula = formula, UnitOfMeasure = unit, Kind = formula is null ? kind : FigureKind.DecimalNumber, Rollup = formula is null ? rollup : Rollup.Recompute, WeightBy = weight };

    [Theory]
    [InlineData("[9] / [1.1] × 100", "không có chỉ tiêu số [9]")]
    [InlineData("[1.1] / (2 - 2)", "chia cho 0")]
    [InlineData("[3] + 1", "không phải số liệu")]
    [InlineData("[1.1] / ", "Vị trí")]
    public void Validate_BadFormula_RefusedNamingTheFigure(string formula, string reason)
    {
        var error = Assert.Throws<DomainException>(() => PlanIndicators.Validate(
            [Figure("1", "Hồ sơ", kind: FigureKind.Heading, rollup: Rollup.None), Figure("1.1", "Số hồ sơ tiếp nhận"), Figure("1.2", "Tỷ lệ", formula, "%"), Figure("3", "Mô hình", kind: FigureKind.Text, rollup: Rollup.None)],
            []));

        Assert.Equal("Figures[2].Formula", error.Field);
        Assert.Contains("Chỉ tiêu 1.2", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Cycle_RefusedWithThePath()
    {
        var error = Assert.Throws<DomainException>(() => PlanIndicators.Validate(
            [Figure("1", "A"), Figure("2", "B", "[3] + [1]"), Figure("3", "C", "[4] * 2"), Figure("4", "D", "[2] - 1")], []));

        Assert.Contains("[2] → [3] → [4] → [2]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Rollup.Min)]
    [InlineData(Rollup.Max)]
    [InlineData(Rollup.Sum)]
    public void Validate_PercentageRolledUpByMinMaxOrSum_Refused(Rollup rollup)
    {
        var error = Assert.Throws<DomainException>(() => PlanIndicators.Validate([Figure("1", "Tỷ lệ đúng hạn", unit: "%", kind: FigureKind.DecimalNumber, rollup: rollup)], []));

        Assert.Equal("Figures[0].Rollup", error.Field);
        Assert.Contains("tỷ lệ (%)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FormulaOnText_WeightedMeanWithoutWeight_ChildWithoutGroup_RuleOnUnknownFigure_Refused()
    {
        Assert.Contains("chỉ tiêu dạng chữ", Assert.Throws<DomainException>(() => PlanIndicators.Validate(
            [Figure("1", "A"), new PlanFigure { Code = "2", Name = "B", Kind = FigureKind.Text, Formula = "[1]", Rollup = Rollup.None }], [])).Message, StringComparison.Ordinal);
        Assert.Contains("trọng số", Assert.Throws<DomainException>(() => PlanIndicators.Validate(
            [Figure("1", "Tỷ lệ", unit: "%", kind: FigureKind.DecimalNumber, rollup: Rollup.WeightedMean)], [])).Message, StringComparison.Ordinal);
        Assert.Contains("chưa có chỉ tiêu 2", Assert.Throws<DomainException>(() => PlanIndicators.Validate([Figure("1", "A"), Figure("2.1", "B")], [])).Message, StringComparison.Ordinal);
        var rule = Assert.Throws<DomainException>(() => PlanIndicators.Validate([Figure("1", "A")], [new PlanRule { Expression = "[2] <= [1]" }]));
        Assert.Equal(("Rules[0]", true), (rule.Field, rule.Message.Contains("[2]", StringComparison.Ordinal)));
        Assert.Contains("so sánh", Assert.Throws<DomainException>(() => PlanIndicators.Validate([Figure("1", "A")], [new PlanRule { Expression = "[1] + 1" }])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Breaches_RuleBroken_SaysTheRuleWithNamesAndValues()
    {
        PlanFigure[] figures = [Figure("2.1", "Số đơn tiếp nhận"), Figure("2.2", "Số đơn đã giải quyết")];
        var values = new Dictionary<string, decimal> { ["2.1"] = 10, ["2.2"] = 12 };

        var breach = Assert.Single(PlanIndicators.Breaches(figures, [new PlanRule { Expression = "[2.2] ≤ [2.1]", Message = "Kiểm tra lại số đơn" }], c => values.TryGetValue(c, out var v) ? v : null));

        Assert.Equal("Số đơn đã giải quyết (12) phải ≤ Số đơn tiếp nhận (10) (Kiểm tra lại số đơn)", breach.Message);
        Assert.Empty(PlanIndicators.Breaches(figures, [new PlanRule { Expression = "[2.2] <= [2.1] + 5" }], c => values.TryGetValue(c, out var v) ? v : null));
        Assert.Empty(PlanIndicators.Breaches(figures, [new PlanRule { Expression = "[2.2] <= [3]" }], c => values.TryGetValue(c, out var v) ? v : null));
    }

    [Fact]
    public void Roll_DerivedRateRecomputedFromSums_WeightedAndPlainMeans_NeverTheMinimum()
    {
        var received = new PlanFigure { Id = 1, Code = "1", Name = "Số hồ sơ tiếp nhận", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum };
        var onTime = new PlanFigure { Id = 2, Code = "2", Name = "Số hồ sơ đúng hạn", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum };
        var rate = new PlanFigure { Id = 3, Code = "3", Name = "Tỷ lệ đúng hạn", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.Recompute, Formula = "[2] / [1] × 100" };
        var typedRate = new PlanFigure { Id = 4, Code = "4", Name = "Tỷ lệ hài lòng", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.WeightedMean, WeightBy = "1" };
        var meanRate = new PlanFigure { Id = 5, Code = "5", Name = "Tỷ lệ số hóa", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.Mean };
        PlanFigure[] figures = [received, onTime, rate, typedRate, meanRate];
        // Unit A: 10 files, 9 on time (90 %); unit B: 100 files, 99 on time (99 %); unit C sent no files.
        AnsweredFigure[] answers =
        [
            new(1, 1, 10), new(1, 2, 9), new(1, 3, 90), new(1, 4, 80), new(1, 5, 50),
            new(2, 1, 100), new(2, 2, 99), new(2, 3, 99), new(2, 4, 90), new(2, 5, 70),
            new(3, 5, 60),
        ];

        var rolled = FigureRollup.Roll(figures, f => [f.Id], answers);

        Assert.Equal(new RolledValue(98.18m, 2), rolled[rate]);
        Assert.Equal(new RolledValue(89.09m, 2), rolled[typedRate]);
        Assert.Equal(new RolledValue(60m, 3), rolled[meanRate]);
        Assert.Equal(110m, rolled[received].Value);
    }

    [Fact]
    public void Roll_StockOverTime_TheLatestPartThatHasOne_AcrossUnitsStillSummed_RateOverItRecomputed()
    {
        var teams = new PlanFigure { Id = 1, Code = "1", Name = "Số tổ hòa giải đang hoạt động", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum, IsStock = true };
        var active = new PlanFigure { Id = 2, Code = "2", Name = "Số tổ hòa giải hoạt động hiệu quả", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum, IsStock = true };
        var rate = new PlanFigure { Id = 3, Code = "3", Name = "Tỷ lệ tổ hiệu quả", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.Recompute, Formula = "[2] / [1] × 100" };
        var cases = new PlanFigure { Id = 4, Code = "4", Name = "Số vụ việc hòa giải", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum };
        PlanFigure[] figures = [teams, active, rate, cases];
        // Quarters 1, 2, 3 of one commune (reports 11, 12, 13); the third gave no count of effective teams.
        AnsweredFigure[] answers =
        [
            new(11, 1, 10), new(11, 2, 6), new(11, 4, 5),
            new(12, 1, 12), new(12, 2, 9), new(12, 4, 7),
            new(13, 1, 15), new(13, 4, 3),
        ];

        var overTime = FigureRollup.Roll(figures, f => [f.Id], answers, [11, 12, 13]);
        var acrossUnits = FigureRollup.Roll(figures, f => [f.Id], answers);

        Assert.Equal(new RolledValue(15, 3, 13), overTime[teams]);
        Assert.Equal(new RolledValue(9, 2, 12), overTime[active]);
        Assert.Equal(60m, overTime[rate].Value);
        Assert.Equal(new RolledValue(15, 3), overTime[cases]);
        Assert.Equal(new RolledValue(37, 3), acrossUnits[teams]);
        // The parts in another order: "latest" is the order given, not the report's number.
        Assert.Equal(10m, FigureRollup.Roll(figures, f => [f.Id], answers, [13, 12, 11])[teams].Value);
    }

    [Fact]
    public void ExportRule_Stock_SaysThePeriodsAreNotAddedUp()
    {
        Assert.Equal("cộng; số tại thời điểm: qua các kỳ lấy số kỳ cuối, không cộng", FigureExport.Rule(new PlanFigure { Name = "Số tổ hòa giải", Rollup = Rollup.Sum, IsStock = true }));
        Assert.Equal("cộng", FigureExport.Rule(new PlanFigure { Name = "Số vụ việc", Rollup = Rollup.Sum }));
    }

    [Fact]
    public void Validate_StockOnFormulaTextOrNotRolledUp_RefusedSayingWhy()
    {
        PlanFigure Stock(PlanFigure f)
        {
            f.IsStock = true;
            return f;
        }

        var derived = Assert.Throws<DomainException>(() => PlanIndicators.Validate([Stock(Figure("1", "A")), Figure("2", "B"), Stock(Figure("3", "Tỷ lệ", "[2] / [1] × 100", "%"))], []));
        var text = Assert.Throws<DomainException>(() => PlanIndicators.Validate([Stock(Figure("1", "Mô hình", kind: FigureKind.Text, rollup: Rollup.None))], []));
        var none = Assert.Throws<DomainException>(() => PlanIndicators.Validate([Stock(Figure("1", "A", rollup: Rollup.None))], []));

        Assert.Equal("Figures[2].IsStock", derived.Field);
        Assert.Contains("có công thức", derived.Message, StringComparison.Ordinal);
        Assert.Contains("đánh dấu các chỉ tiêu đầu vào", derived.Message, StringComparison.Ordinal);
        Assert.Equal(("Figures[0].IsStock", "Figures[0].IsStock"), (text.Field, none.Field));
        PlanIndicators.Validate([Stock(Figure("1", "A")), Stock(Figure("2", "Tỷ lệ", unit: "%", kind: FigureKind.DecimalNumber, rollup: Rollup.Mean))], []);
    }
}

/// <summary>Issue 20.1: the Word export numbers and groups figures as the plan's biểu mẫu does.</summary>
public sealed class IndicatorExportTests
{
    [Fact]
    public void Body_FiguresOfAPlan_NumberedAndGroupedAsItsBieuMau_OwnFiguresAfter()
    {
        PlanFigure[] plan =
        [
            new() { Id = 1, Order = 0, Code = "1", Name = "Tiếp công dân", Kind = FigureKind.Heading },
            new() { Id = 2, Order = 1, Code = "1.1", Name = "Số lượt tiếp công dân", UnitOfMeasure = "lượt" },
            new() { Id = 3, Order = 2, Code = "2", Name = "Đơn thư", Kind = FigureKind.Heading },
            new() { Id = 4, Order = 3, Code = "2.1", Name = "Số đơn thư tiếp nhận", UnitOfMeasure = "đơn" },
            new() { Id = 5, Order = 4, Code = "2.2", Name = "Tỷ lệ đơn thư đã giải quyết", UnitOfMeasure = "%", Formula = "[2.1] * 1" },
        ];
        var report = new DanVan.Core.Reports.Report { Title = "Báo cáo", Period = "2025-Q1" };
        report.Sections.Add(new DanVan.Core.Reports.ReportSection { Key = "I", Heading = "I. KẾT QUẢ", Level = 1, Text = "Nội dung." });
        report.Figures.Add(new DanVan.Core.Reports.ReportFigure { Order = 0, Name = "Số đơn thư tiếp nhận", Value = 12, UnitOfMeasure = "đơn", PlanFigureId = 4 });
        report.Figures.Add(new DanVan.Core.Reports.ReportFigure { Order = 1, Name = "Kinh phí", Value = 1234.5m, UnitOfMeasure = "triệu đồng" });
        report.Figures.Add(new DanVan.Core.Reports.ReportFigure { Order = 2, Name = "Tỷ lệ đơn thư đã giải quyết", Value = 75, UnitOfMeasure = "%", PlanFigureId = 5 });

        var table = DanVan.Core.Export.ReportExportService.Body(report, plan).OfType<DanVan.Core.Decree30.DocumentTable>().Single();

        Assert.Equal(
            [["STT", "Chỉ tiêu", "Số liệu", "Đơn vị tính"], ["2", "ĐƠN THƯ", "", ""], ["2.1", "Số đơn thư tiếp nhận", "12", "đơn"], ["2.2", "Tỷ lệ đơn thư đã giải quyết", "75", "%"], ["3", "Kinh phí", "1.234,5", "triệu đồng"]],
            table.Rows.Select(r => r.ToArray()).ToArray());
    }
}
