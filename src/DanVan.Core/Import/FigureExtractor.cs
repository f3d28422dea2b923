using System.Globalization;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Text;
using DanVan.Core.Word;

namespace DanVan.Core.Import;

/// <summary>
/// Finds figures in a Word report's tables: a row with a name and a number ("Số buổi tiếp công dân | 12 | buổi").
/// A leading "STT" column is skipped. Pure.
/// </summary>
public static class FigureExtractor
{
    public static IReadOnlyList<FigureInput> FromTables(ImportedReport report)
    {
        var figures = new List<FigureInput>();
        foreach (var table in report.AllSections().SelectMany(s => s.Tables))
        {
            foreach (var row in table)
            {
                var cells = row.Select(c => c.Trim()).ToList();
                var start = cells.Count > 2 && IsSmallIndex(cells[0]) && !TryNumber(cells[1], out _) ? 1 : 0;
                var valueAt = -1;
                decimal value = 0;
                for (var i = start + 1; i < cells.Count; i++)
                {
                    if (TryNumber(cells[i], out value))
                    {
                        valueAt = i;
                        break;
                    }
                }

                var name = valueAt > 0 ? cells[start] : "";
                if (valueAt < 0 || name.Length == 0 || TryNumber(name, out _))
                {
                    continue;
                }

                var unit = valueAt + 1 < cells.Count && cells[valueAt + 1].Length <= 30 && !TryNumber(cells[valueAt + 1], out _) ? cells[valueAt + 1] : "";
                figures.Add(new FigureInput(name, value, unit));
            }
        }

        return figures;
    }

    /// <summary>Vietnamese notation ("1.234,5", "95,5"), "95.5", plain integers, and a trailing "%".</summary>
    public static bool TryNumber(string text, out decimal value)
    {
        var t = VietnameseText.CleanWordText(text).Replace(" ", "", StringComparison.Ordinal).TrimEnd('%');
        // A table of a Vietnamese document groups thousands with dots: "1.250" is 1250 (see FigureValue.Read).
        var number = t.Length is > 0 and <= 20 ? FigureValue.Read(t) : null;
        value = number?.Value ?? 0;
        return number is not null;
    }

    private static bool IsSmallIndex(string cell) => int.TryParse(cell.TrimEnd('.'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 1000;
}
