using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Core.Documents;

/// <summary>
/// Renders the numbers Word generates from numbering.xml ("I.", "1.", "a)"), which are not in the text: without
/// them an auto-numbered outline looks like a run of unnumbered paragraphs.
/// </summary>
internal sealed class WordNumbering
{
    private readonly Dictionary<int, (int AbstractId, Dictionary<int, int> StartOverrides)> _nums = [];
    private readonly Dictionary<int, Dictionary<int, Level>> _abstracts = [];
    private readonly Dictionary<int, int[]> _counters = [];

    public WordNumbering(MainDocumentPart main)
    {
        var numbering = main.NumberingDefinitionsPart?.Numbering;
        if (numbering is null)
        {
            return;
        }

        foreach (var abs in numbering.Elements<AbstractNum>())
        {
            if (abs.AbstractNumberId?.Value is not { } absId)
            {
                continue;
            }

            _abstracts[absId] = abs.Elements<Level>()
                .Where(l => l.LevelIndex?.Value is not null)
                .GroupBy(l => l.LevelIndex!.Value)
                .ToDictionary(g => g.Key, g => g.First());
        }

        foreach (var num in numbering.Elements<NumberingInstance>())
        {
            if (num.NumberID?.Value is not { } id || num.AbstractNumId?.Val?.Value is not { } absId)
            {
                continue;
            }

            var overrides = num.Elements<LevelOverride>()
                .Where(o => o.LevelIndex?.Value is not null && o.StartOverrideNumberingValue?.Val?.Value is not null)
                .ToDictionary(o => o.LevelIndex!.Value, o => o.StartOverrideNumberingValue!.Val!.Value);
            _nums[id] = (absId, overrides);
        }
    }

    /// <summary>Advances the list's counter and returns the label (e.g. "II."), or null for bullets and unknown lists.</summary>
    public string? Next(int numId, int level)
    {
        if (!_nums.TryGetValue(numId, out var num) || !_abstracts.TryGetValue(num.AbstractId, out var levels) || level is < 0 or > 8)
        {
            return null;
        }

        if (!_counters.TryGetValue(numId, out var counters))
        {
            _counters[numId] = counters = new int[9];
            for (var i = 0; i < 9; i++)
            {
                counters[i] = Start(num, levels, i) - 1;
            }
        }

        counters[level]++;
        for (var deeper = level + 1; deeper < 9; deeper++)
        {
            counters[deeper] = Start(num, levels, deeper) - 1;
        }

        if (!levels.TryGetValue(level, out var lvl))
        {
            return null;
        }

        var format = lvl.NumberingFormat?.Val?.Value;
        if (format == NumberFormatValues.Bullet || format == NumberFormatValues.None)
        {
            return null;
        }

        var text = lvl.LevelText?.Val?.Value ?? $"%{level + 1}.";
        var label = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 1 < text.Length && text[i + 1] is >= '1' and <= '9')
            {
                var refLevel = text[i + 1] - '1';
                var refFormat = levels.TryGetValue(refLevel, out var rl) ? rl.NumberingFormat?.Val?.Value : NumberFormatValues.Decimal;
                label.Append(Format(Math.Max(counters[refLevel], 1), lvl.IsLegalNumberingStyle is not null ? NumberFormatValues.Decimal : refFormat));
                i++;
            }
            else
            {
                label.Append(text[i]);
            }
        }

        return label.ToString().Trim();
    }

    private static int Start((int AbstractId, Dictionary<int, int> StartOverrides) num, Dictionary<int, Level> levels, int level) =>
        num.StartOverrides.TryGetValue(level, out var o) ? o
        : levels.TryGetValue(level, out var l) && l.StartNumberingValue?.Val?.Value is { } s ? s
        : 1;

    private static string Format(int n, NumberFormatValues? format)
    {
        if (format == NumberFormatValues.UpperRoman)
        {
            return Roman(n);
        }

        if (format == NumberFormatValues.LowerRoman)
        {
            return Roman(n).ToLowerInvariant();
        }

        if (format == NumberFormatValues.UpperLetter)
        {
            return Letter(n).ToUpperInvariant();
        }

        if (format == NumberFormatValues.LowerLetter)
        {
            return Letter(n);
        }

        return format == NumberFormatValues.DecimalZero
            ? n.ToString("00", CultureInfo.InvariantCulture)
            : n.ToString(CultureInfo.InvariantCulture);
    }

    private static string Letter(int n) => new((char)('a' + ((n - 1) % 26)), ((n - 1) / 26) + 1);

    private static string Roman(int n)
    {
        var result = new StringBuilder();
        foreach (var (value, symbol) in new[] { (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I") })
        {
            while (n >= value)
            {
                result.Append(symbol);
                n -= value;
            }
        }

        return result.ToString();
    }
}
