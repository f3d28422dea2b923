using System.Globalization;
using DanVan.Core.Reports;
using DanVan.Core.Text;

namespace DanVan.Core.Documents;

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

    /// <summary>Vietnamese notation first ("1.234,5"), and plain integers.</summary>
    public static bool TryNumber(string text, out decimal value)
    {
        var t = VietnameseText.CleanWordText(text).Replace(" ", "", StringComparison.Ordinal).TrimEnd('%');
        value = 0;
        return t.Length is > 0 and <= 20
            && t.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-')
            && decimal.TryParse(t, NumberStyles.Number, CultureInfo.GetCultureInfo("vi-VN"), out value);
    }

    private static bool IsSmallIndex(string cell) => int.TryParse(cell.TrimEnd('.'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 1000;
}
