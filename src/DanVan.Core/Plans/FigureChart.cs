using System.Globalization;
using System.Text;
using DanVan.Core.Consolidation;
using DanVan.Core.Periods;

namespace DanVan.Core.Plans;

/// <summary>
/// A figure's charts as SVG the server sends: columns over the periods, horizontal bars by sub-unit. Readable without
/// JS and in print (black and greys; the charted period and the "others" bar differ in shape or outline, not in
/// colour alone), scaled by the viewBox to the page's width, every text from data XML-escaped. Pure.
/// </summary>
public static class FigureChart
{
    /// <summary>The viewBox's width: narrow enough that 10-unit text stays readable when a phone shrinks it to ~350 px.</summary>
    public const int Width = 360;

    private const double Font = 10;

    /// <summary>A digit's or letter's average advance at <see cref="Font"/> in a sans-serif face, to fit labels.</summary>
    private const double Advance = 5.8;

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Columns, one per period, the last (the period charted) in black; a period without a value shows "—".</summary>
    public static string Series(FigureSeries series, string id, bool english)
    {
        var points = series.Points;
        var values = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var (lo, hi, step) = Scale(values);
        var ticks = new List<decimal>();
        for (var t = lo; t <= hi; t += step)
        {
            ticks.Add(t);
        }

        const double top = 14, bottom = 30, height = 190;
        var left = 6 + (ticks.Max(t => Number(t).Length) * Advance);
        var plot = height - top - bottom;
        double Y(decimal v) => top + (plot * (double)((hi - v) / (hi - lo)));
        var slot = (Width - left - 4) / Math.Max(points.Count, 1);
        var column = Math.Min(slot * 0.64, 28);
        var svg = Open(id, height, Title(series.Figure), SeriesText(series, english));
        foreach (var t in ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(left)}\" x2=\"{Width - 2}\" y1=\"{N(Y(t))}\" y2=\"{N(Y(t))}\" stroke=\"{(t == 0 ? "#000" : "#bbb")}\" stroke-width=\"{(t == 0 ? 1 : 0.5)}\" />")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left - 4)}\" y=\"{N(Y(t) + 3.5)}\" text-anchor=\"end\" fill=\"#333\">{Number(t)}</text>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = left + (slot * i) + ((slot - column) / 2);
            var centre = N(x + (column / 2));
            var charted = i == points.Count - 1;
            svg.Append("<g>");
            if (p.Value is { } v)
            {
                var (y0, y1) = (Y(Math.Max(v, 0)), Y(Math.Min(v, 0)));
                svg.Append(CultureInfo.InvariantCulture, $"<title>{X(Words(p.Period, english))}: {Number(v)}</title>")
                    .Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y0)}\" width=\"{N(column)}\" height=\"{N(Math.Max(y1 - y0, 1))}\" fill=\"{(charted ? "#000" : "#8c8c8c")}\" />");
                var label = Number(v);
                if (label.Length * Advance * 0.9 <= slot)
                {
                    var ly = v < 0 ? y1 + 10 : y0 - 3;
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{centre}\" y=\"{N(ly)}\" text-anchor=\"middle\" font-size=\"9\" fill=\"#000\">{label}</text>");
                }
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<title>{X(Words(p.Period, english))}: {(english ? "no data" : "không có số liệu")}</title>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{centre}\" y=\"{N(Y(0) - 3)}\" text-anchor=\"middle\" fill=\"#555\">—</text>");
            }

            var (line1, line2) = AxisLabel(p.Period, i == 0 || points[i - 1].Period.Year != p.Period.Year);
            var weight = charted ? " font-weight=\"700\"" : "";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{centre}\" y=\"{N(height - bottom + 12)}\" text-anchor=\"middle\" fill=\"#000\"{weight}>{line1}</text>");
            if (line2.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{centre}\" y=\"{N(height - bottom + 24)}\" text-anchor=\"middle\" fill=\"#333\"{weight}>{line2}</text>");
            }

            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, a unit's name above its bar; the other units together as an outlined bar.</summary>
    public static string Breakdown(FigureBreakdown breakdown, string id, bool english)
    {
        var bars = breakdown.Bars;
        const double top = 4, row = 30;
        var height = top + (Math.Max(bars.Count, 1) * row) + 4;
        var svg = Open(id, height, Title(breakdown.Figure), BreakdownText(breakdown, english));
        if (bars.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{N(top + 16)}\" fill=\"#333\">{(english ? "No unit has a value." : "Chưa đơn vị nào có số liệu.")}</text>");
            return svg.Append("</svg>").ToString();
        }

        var lo = Math.Min(0, bars.Min(b => b.Value));
        var hi = Math.Max(0, bars.Max(b => b.Value));
        hi = lo == hi ? 1 : hi;
        const double left = 4;
        var right = 6 + (bars.Max(b => Number(b.Value).Length) * Advance);
        var plot = Width - left - right;
        double Xof(decimal v) => left + (plot * (double)((v - lo) / (hi - lo)));
        var chars = (int)((Width - left) / Advance);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + (i * row);
            var name = Label(b, english);
            var (x0, x1) = (Xof(Math.Min(b.Value, 0)), Xof(Math.Max(b.Value, 0)));
            var fill = b.IsOthers ? "fill=\"#fff\" stroke=\"#000\" stroke-width=\"1\"" : "fill=\"#404040\"";
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{X(name)}: {Number(b.Value)}</title>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left)}\" y=\"{N(y + 11)}\" fill=\"#000\">{X(Shorten(name, chars))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x0)}\" y=\"{N(y + 15)}\" width=\"{N(Math.Max(x1 - x0, 1))}\" height=\"10\" {fill} />")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Math.Max(x1, Xof(0)) + 4)}\" y=\"{N(y + 24)}\" fill=\"#000\">{Number(b.Value)}</text></g>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(Xof(0))}\" x2=\"{N(Xof(0))}\" y1=\"{N(top + 13)}\" y2=\"{N(height - 2)}\" stroke=\"#000\" stroke-width=\"1\" />");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>"Các đơn vị khác (3.911)" for the others' bar, else the unit's name.</summary>
    public static string Label(BreakdownBar bar, bool english) => !bar.IsOthers ? bar.Label
        : english ? $"Other units ({Number(bar.Units)})" : $"Các đơn vị khác ({Number(bar.Units)})";

    /// <summary>"1.234,5": how Vietnamese write numbers, in any interface language.</summary>
    public static string Number(decimal value) => Consolidator.Number(value);

    /// <summary>A period as the table under a chart names it: "Quý I năm 2025", or "2025-Q1" in English.</summary>
    public static string Words(ReportingPeriod period, bool english)
    {
        var words = period.ToVietnamese();
        return english ? period.ToString() : char.ToUpper(words[0], Vi) + words[1..];
    }

    /// <summary>
    /// The column's label in two short lines, "Q1" over "2025", "T7" over "2025", "6T1", "9T"; the year is written
    /// under the first column and where it changes, so twelve columns fit a phone.
    /// </summary>
    public static (string Line1, string Line2) AxisLabel(ReportingPeriod p, bool withYear)
    {
        var year = p.Year.ToString(CultureInfo.InvariantCulture);
        var head = p.Type switch
        {
            PeriodType.Month => "T" + p.Index.ToString(CultureInfo.InvariantCulture),
            PeriodType.Quarter => "Q" + p.Index.ToString(CultureInfo.InvariantCulture),
            PeriodType.Half => "6T" + p.Index.ToString(CultureInfo.InvariantCulture),
            PeriodType.NineMonths => "9T",
            _ => year,
        };
        return p.Type == PeriodType.Year ? (head, "") : (head, withYear ? year : "");
    }

    private static string Title(PlanFigure f) => $"{f.Code}. {f.Name}{(f.UnitOfMeasure.Trim().Length > 0 ? $" ({f.UnitOfMeasure.Trim()})" : "")}";

    private static string SeriesText(FigureSeries s, bool english)
    {
        var (first, last) = (s.Points[0].Period, s.Points[^1].Period);
        var values = string.Join("; ", s.Points.Select(p => $"{Words(p.Period, english)}: {(p.Value is { } v ? Number(v) : english ? "no data" : "không có số liệu")}"));
        return english
            ? $"{s.Points.Count} periods from {first} to {last}: {values}."
            : $"{s.Points.Count} kỳ từ {first.ToVietnamese()} đến {last.ToVietnamese()}: {values}.";
    }

    private static string BreakdownText(FigureBreakdown b, bool english)
    {
        var values = string.Join("; ", b.Bars.Select(bar => $"{Label(bar, english)}: {Number(bar.Value)}"));
        var without = b.WithoutValue + b.NotShown;
        return english
            ? $"By unit, {b.Period}: {values}{(without > 0 ? $"; {Number(without)} units without a value shown" : "")}."
            : $"Theo đơn vị, {b.Period.ToVietnamese()}: {values}{(without > 0 ? $"; {Number(without)} đơn vị không có số liệu thể hiện" : "")}.";
    }

    private static StringBuilder Open(string id, double height, string title, string description) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure-chart\" id=\"{X(id)}\" viewBox=\"0 0 {Width} {N(height)}\" role=\"img\" aria-labelledby=\"{X(id)}-title {X(id)}-desc\" font-family=\"Arial, Liberation Sans, sans-serif\" font-size=\"{N(Font)}\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{X(id)}-title\">{X(title)}</title><desc id=\"{X(id)}-desc\">{X(description)}</desc>");

    /// <summary>An axis from zero (or below, for negatives) in 1, 2, 2.5 or 5 × 10ⁿ steps, about four of them.</summary>
    private static (decimal Lo, decimal Hi, decimal Step) Scale(IReadOnlyCollection<decimal> values)
    {
        var lo = Math.Min(0, values.DefaultIfEmpty(0).Min());
        var hi = Math.Max(0, values.DefaultIfEmpty(0).Max());
        if (lo == hi)
        {
            hi = 1;
        }

        var raw = (double)(hi - lo) / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (decimal)new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw * 0.999);
        // Values keep four decimals (FigureValue.MaxDecimals), so a finer step would print the same label twice.
        step = Math.Max(step, 0.0001m);
        return (Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step, step);
    }

    /// <summary>At most <paramref name="chars"/> characters, cut between whole letters (a tone mark stays on its letter).</summary>
    private static string Shorten(string text, int chars)
    {
        var letters = new StringInfo(text);
        return letters.LengthInTextElements <= chars ? text : letters.SubstringByTextElements(0, chars - 1) + "…";
    }

    /// <summary>Text from users (a unit's, a figure's name) as XML character data or an attribute value.</summary>
    public static string X(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                // Control characters are not allowed in XML at all.
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return safe.ToString();
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
