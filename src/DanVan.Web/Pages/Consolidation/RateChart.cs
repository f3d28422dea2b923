using System.Globalization;
using DanVan.Core.Consolidation;
using DanVan.Core.Periods;

namespace DanVan.Web.Pages.Consolidation;

/// <summary>
/// Geometry of the reporting-rate chart of the last periods: one column per period (on time stacked under late),
/// drawn by the server as SVG so it reads without JS. Coordinates are in the SVG's own units.
/// </summary>
public sealed record RateChart(IReadOnlyList<RateChart.Column> Columns)
{
    public const int Width = 720;
    public const int Height = 260;
    public const int Left = 44;
    public const int Right = 8;
    public const int Top = 18;
    public const int Bottom = 40;

    public sealed record Column(ReportingPeriod Period, string Label, Tally Tally, double X, double Width, double OnTimeY, double OnTimeHeight, double LateY, double LateHeight, bool Selected)
    {
        public string Percent => RateChart.Percent(Tally.Rate);

        public double Centre => X + (Width / 2);

        public double TopY => LateY;
    }

    public static double PlotHeight => Height - Top - Bottom;

    public static double Baseline => Height - Bottom;

    /// <summary>Gridlines at 0, 25, 50, 75 and 100 %.</summary>
    public static IEnumerable<(double Y, string Label)> Grid => Enumerable.Range(0, 5).Select(i => (Baseline - (PlotHeight * i / 4.0), $"{i * 25}%"));

    public static RateChart From(IReadOnlyList<PeriodRate> history, ReportingPeriod selected)
    {
        var slot = (double)(Width - Left - Right) / Math.Max(history.Count, 1);
        var barWidth = Math.Min(slot * 0.7, 48);
        return new RateChart(history.Select((h, i) =>
        {
            var t = h.Tally;
            var onTime = t.Expected == 0 ? 0 : PlotHeight * (t.Submitted - t.Late) / t.Expected;
            var late = t.Expected == 0 ? 0 : PlotHeight * t.Late / t.Expected;
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            return new Column(h.Period, Label(h.Period), t, x, barWidth, Baseline - onTime, onTime, Baseline - onTime - late, late, h.Period == selected);
        }).ToList());
    }

    /// <summary>Short axis label: "T7/25", "Q1/25", "6T1/25", "9T/25", "2025".</summary>
    public static string Label(ReportingPeriod p) => p.Type switch
    {
        PeriodType.Month => string.Create(CultureInfo.InvariantCulture, $"T{p.Index}/{p.Year % 100:00}"),
        PeriodType.Quarter => string.Create(CultureInfo.InvariantCulture, $"Q{p.Index}/{p.Year % 100:00}"),
        PeriodType.Half => string.Create(CultureInfo.InvariantCulture, $"6T{p.Index}/{p.Year % 100:00}"),
        PeriodType.NineMonths => string.Create(CultureInfo.InvariantCulture, $"9T/{p.Year % 100:00}"),
        _ => p.Year.ToString(CultureInfo.InvariantCulture),
    };

    public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN")) + "%";

    /// <summary>SVG attribute values use a dot whatever the request's culture.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
