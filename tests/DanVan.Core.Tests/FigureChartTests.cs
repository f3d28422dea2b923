using System.Xml.Linq;
using DanVan.Core.Periods;
using DanVan.Core.Plans;

namespace DanVan.Tests;

public sealed class FigureChartTests
{
    private static readonly ReportingPeriod Q3 = ReportingPeriod.Quarter(2025, 3);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static ComparedPart Part(string unit, decimal citizens, decimal received = 10, decimal onTime = 5) =>
        new(unit, 1m, new Dictionary<string, decimal> { ["1"] = citizens, ["2.1"] = received, ["2.2"] = onTime });

    private static FigureSeries Citizens(params decimal?[] values)
    {
        var periods = FigureCharting.Last(Q3, values.Length);
        return new FigureSeries(
            FigureComparisonTests.Figures()[0],
            [.. periods.Select((p, i) => new SeriesPoint(p, values[i], values[i] is null ? new("không có báo cáo đã gửi", "no report was sent") : null))]);
    }

    private static XElement Parse(string svg) => XElement.Parse(svg);

    [Fact]
    public void Last_TwelveMonths_OldestFirstAcrossTheYear()
    {
        var months = FigureCharting.Last(ReportingPeriod.Month(2025, 3));

        Assert.Equal(12, months.Count);
        Assert.Equal(("2024-04", "2024-12", "2025-01", "2025-03"), (months[0].ToString(), months[8].ToString(), months[9].ToString(), months[11].ToString()));
        Assert.Equal(["2022-Q4", "2023-Q1"], FigureCharting.Last(Q3).Take(2).Select(p => p.ToString()));
    }

    [Fact]
    public void Series_PeriodWithoutReport_NoValueWithReason_RateRecomputedFromTheSum()
    {
        var sides = new[]
        {
            new ComparedSide(Q3.Previous().Previous(), [], []),
            new ComparedSide(Q3.Previous(), [Part("xã A", 60, 25, 20), Part("xã B", 40, 15, 10)], []),
            new ComparedSide(Q3, [Part("xã A", 112, 40, 32)], []),
        };

        var series = FigureCharting.Series(FigureComparisonTests.Figures(), sides, whole: true);

        Assert.Equal(["1", "2.1", "2.2", "2.3"], series.Select(s => s.Figure.Code));
        var citizens = series[0].Points;
        Assert.Equal([null, 100m, 112m], citizens.Select(p => p.Value));
        // The point is that period: its reason does not say it again.
        Assert.Equal(("không có báo cáo đã gửi", "no report was sent"), (citizens[0].Why!.Message, citizens[0].Why!.English));
        Assert.Equal(75m, series[3].Points[1].Value);
    }

    [Fact]
    public void Breakdown_ManyUnits_TenLargestThenTheOthersByTheFiguresRule()
    {
        var parts = Enumerable.Range(1, 25).Select(i => Part($"xã {i:00}", i, 10, i % 2 == 0 ? 10 : 0)).ToList();

        var breakdown = FigureCharting.Breakdown(FigureComparisonTests.Figures(), Q3, parts);

        var citizens = breakdown[0];
        Assert.Equal(11, citizens.Bars.Count);
        Assert.Equal(("xã 25", 25m), (citizens.Bars[0].Label, citizens.Bars[0].Value));
        Assert.Equal((15, 120m), (citizens.Bars[^1].Units, citizens.Bars[^1].Value));
        Assert.Equal("Các đơn vị khác (15)", FigureChart.Label(citizens.Bars[^1], english: false));
        // The ten named are ten of the twelve at 100 %; the others' rate is recomputed from their sums (20 of 150 on
        // time), never a sum or a mean of rates.
        var rate = breakdown[3];
        Assert.Equal((100m, 15, 13.33m), (rate.Bars[9].Value, rate.Bars[^1].Units, rate.Bars[^1].Value));
    }

    [Fact]
    public void Breakdown_ElevenUnits_AllNamed_NoOthers()
    {
        var breakdown = FigureCharting.Breakdown(FigureComparisonTests.Figures(), Q3, [.. Enumerable.Range(1, 11).Select(i => Part($"xã {i}", i))]);

        Assert.Equal(11, breakdown[0].Bars.Count);
        Assert.DoesNotContain(breakdown[0].Bars, b => b.IsOthers);
    }

    [Fact]
    public void Series_HostileNames_EscapedAndStillWellFormed()
    {
        var hostile = "<script>alert('x')</script> & \"Đ\"\u0001";
        var figure = new PlanFigure { Id = 1, Code = "1", Name = hostile, UnitOfMeasure = "<b>", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum };
        var series = new FigureSeries(figure, [new SeriesPoint(Q3, 5, null)]);
        var breakdown = new FigureBreakdown(figure, Q3, [new BreakdownBar(hostile, 5, 1)], 0);

        foreach (var svg in new[] { FigureChart.Series(series, "c\"1", english: false), FigureChart.Breakdown(breakdown, "c2", english: false) })
        {
            Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Đ&quot;", svg, StringComparison.Ordinal);
            var root = Parse(svg);
            // The control character, which XML cannot carry, becomes a space.
            Assert.Equal("1. " + hostile[..^1] + "  (<b>)", root.Element(Svg + "title")!.Value);
        }
    }

    [Fact]
    public void Series_TwelvePeriods_OneColumnPerValue_DashForNoData_TitleAndDescribedForScreenReaders()
    {
        var svg = FigureChart.Series(Citizens(1234.5m, null, 10, 0, 5, 6, 7, 8, 9, null, 11, 12), "c", english: false);

        var root = Parse(svg);
        Assert.Equal(("img", "c-title c-desc"), ((string?)root.Attribute("role"), (string?)root.Attribute("aria-labelledby")));
        Assert.StartsWith($"0 0 {FigureChart.Width} ", (string?)root.Attribute("viewBox"), StringComparison.Ordinal);
        Assert.Null(root.Attribute("width"));
        Assert.Equal(10, root.Descendants(Svg + "rect").Count());
        Assert.Equal(2, root.Descendants(Svg + "text").Count(t => t.Value == "—"));
        var desc = root.Element(Svg + "desc")!.Value;
        Assert.StartsWith("12 kỳ từ quý IV năm 2022 đến quý III năm 2025: Quý IV năm 2022: 1.234,5; Quý I năm 2023: không có số liệu;", desc, StringComparison.Ordinal);
        // The year is written under the first column and where it changes; the charted period is in bold.
        var axis = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(4, axis.Count(t => t is "2022" or "2023" or "2024" or "2025"));
        Assert.Equal("Q3", root.Descendants(Svg + "text").Last(t => (string?)t.Attribute("font-weight") == "700" && t.Value.StartsWith('Q')).Value);
    }

    [Fact]
    public void Series_NegativeAndZero_BarsEitherSideOfTheZeroLine_ZeroStillDrawn()
    {
        var root = Parse(FigureChart.Series(Citizens(-10, 0, 30), "c", english: true));

        var zero = root.Descendants(Svg + "line").Single(l => (string?)l.Attribute("stroke") == "#000");
        var y0 = (double)zero.Attribute("y1")!;
        var bars = root.Descendants(Svg + "rect").Select(r => (Y: (double)r.Attribute("y")!, H: (double)r.Attribute("height")!)).ToList();
        Assert.Equal(y0, bars[0].Y, 2);
        Assert.True(bars[2].Y + bars[2].H <= y0 + 0.01 && bars[2].H > bars[0].H);
        Assert.Equal(1, bars[1].H);
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "-10");
        Assert.Contains("3 periods from 2025-Q1 to 2025-Q3", root.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_OnePeriod_OneColumn_AxisInVietnameseNumbers()
    {
        var root = Parse(FigureChart.Series(Citizens(12500), "c", english: false));

        Assert.Single(root.Descendants(Svg + "rect"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "12.500");
        Assert.Equal(("Q3", "2025"), FigureChart.AxisLabel(Q3, withYear: true));
    }

    [Fact]
    public void Breakdown_Others_OutlinedNotFilled_LongNamesShortened()
    {
        var name = "Ủy ban nhân dân phường Hòa Thuận Đông thuộc thành phố Đà Nẵng cũ, nay là phường Hòa Cường";
        var breakdown = new FigureBreakdown(FigureComparisonTests.Figures()[0], Q3, [new BreakdownBar(name, 40, 1), new BreakdownBar("", 3911, 3911)], 2);

        var root = Parse(FigureChart.Breakdown(breakdown, "b", english: false));

        var rects = root.Descendants(Svg + "rect").ToList();
        Assert.Equal(("#404040", "#fff"), ((string?)rects[0].Attribute("fill"), (string?)rects[1].Attribute("fill")));
        Assert.Equal("#000", (string?)rects[1].Attribute("stroke"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value.EndsWith('…') && name.StartsWith(t.Value[..^1], StringComparison.Ordinal));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "Các đơn vị khác (3.911)");
        Assert.EndsWith("Các đơn vị khác (3.911): 3.911; 2 đơn vị không có số liệu thể hiện.", root.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }
}
