using System.Globalization;
using System.Text;

namespace DanVan.Core.Documents;

/// <summary>
/// Renders the numbers Word generates from numbering.xml ("I.", "1.", "a)"), which are not in the text: without
/// them an auto-numbered outline looks like a run of unnumbered paragraphs.
/// </summary>
internal sealed class WordNumbering
{
    private sealed record LevelDef(int Start, string Format, string Text, bool Legal);

    private sealed record NumDef(int AbstractId, Dictionary<int, int> StartOverrides);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Definitions> Cache = new();

    private readonly WordPackage _package;
    private readonly Dictionary<int, int[]> _counters = [];
    private Definitions? _definitions;

    /// <summary>List definitions are read on first use (most reports number nothing) and shared between documents with a byte-identical numbering part; counters are per document.</summary>
    public WordNumbering(WordPackage package) => _package = package;

    private Definitions Load()
    {
        if (_definitions is not null)
        {
            return _definitions;
        }

        if (_package.Fingerprint("numbering") is not { } key)
        {
            return _definitions = new Definitions(_package);
        }

        if (Cache.Count > 256)
        {
            Cache.Clear();
        }

        return _definitions = Cache.GetOrAdd(key, _ => new Definitions(_package));
    }

    private sealed class Definitions
    {
        public Dictionary<int, Dictionary<int, LevelDef>> Abstracts { get; } = [];

        public Dictionary<int, NumDef> Nums { get; } = [];

        public Definitions(WordPackage package)
        {
            using var reader = package.Related("numbering");
            if (reader is null)
            {
                return;
            }

            Dictionary<int, LevelDef>? levels = null;
            int? level = null;
            int start = 1;
            string format = "decimal", text = "";
            var legal = false;
            int? numId = null;
            int? overrideLevel = null;
            while (reader.Read())
            {
                if (reader.NamespaceURI != WordPackage.W)
                {
                    continue;
                }

                if (reader.NodeType == XmlNode.EndElement)
                {
                    switch (reader.LocalName)
                    {
                        case "lvl" when levels is not null && level is { } l:
                            levels.TryAdd(l, new LevelDef(start, format, text, legal));
                            level = null;
                            break;
                        case "abstractNum":
                            levels = null;
                            break;
                        case "num":
                            numId = null;
                            break;
                    }

                    continue;
                }

                if (reader.NodeType != XmlNode.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "abstractNum" when WordPackage.Int(reader, "abstractNumId") is { } absId:
                        levels = [];
                        Abstracts.TryAdd(absId, levels);
                        break;
                    case "lvl" when levels is not null:
                        level = WordPackage.Int(reader, "ilvl");
                        (start, format, text, legal) = (1, "decimal", "", false);
                        break;
                    case "start" when level is not null:
                        start = WordPackage.Int(reader) ?? 1;
                        break;
                    case "numFmt" when level is not null:
                        format = WordPackage.Val(reader) ?? "decimal";
                        break;
                    case "lvlText" when level is not null:
                        text = WordPackage.Val(reader) ?? "";
                        break;
                    case "isLgl" when level is not null:
                        legal = WordPackage.OnOff(reader);
                        break;
                    case "num" when WordPackage.Int(reader, "numId") is { } id:
                        numId = id;
                        break;
                    case "abstractNumId" when numId is { } n:
                        Nums[n] = new NumDef(WordPackage.Int(reader) ?? -1, []);
                        break;
                    case "lvlOverride" when numId is not null:
                        overrideLevel = WordPackage.Int(reader, "ilvl");
                        break;
                    case "startOverride" when numId is { } n2 && overrideLevel is { } ol && Nums.TryGetValue(n2, out var num):
                        num.StartOverrides[ol] = WordPackage.Int(reader) ?? 1;
                        break;
                }
            }
        }
    }

    /// <summary>Advances the list's counter and returns the label (e.g. "II."), or null for bullets and unknown lists.</summary>
    public string? Next(int numId, int level)
    {
        var definitions = Load();
        if (!definitions.Nums.TryGetValue(numId, out var num) || !definitions.Abstracts.TryGetValue(num.AbstractId, out var levels) || level is < 0 or > 8)
        {
            return null;
        }

        if (!_counters.TryGetValue(numId, out var counters))
        {
            _counters[numId] = counters = new int[9];
            for (var i = 0; i < 9; i++)
            {
                counters[i] = Start(num.StartOverrides, levels, i) - 1;
            }
        }

        counters[level]++;
        for (var deeper = level + 1; deeper < 9; deeper++)
        {
            counters[deeper] = Start(num.StartOverrides, levels, deeper) - 1;
        }

        if (!levels.TryGetValue(level, out var lvl) || lvl.Format is "bullet" or "none")
        {
            return null;
        }

        var text = lvl.Text.Length > 0 ? lvl.Text : $"%{level + 1}.";
        var label = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 1 < text.Length && text[i + 1] is >= '1' and <= '9')
            {
                var refLevel = text[i + 1] - '1';
                var refFormat = lvl.Legal ? "decimal" : levels.TryGetValue(refLevel, out var rl) ? rl.Format : "decimal";
                label.Append(Format(Math.Max(counters[refLevel], 1), refFormat));
                i++;
            }
            else
            {
                label.Append(text[i]);
            }
        }

        return label.ToString().Trim();
    }

    private static int Start(Dictionary<int, int> overrides, Dictionary<int, LevelDef> levels, int level) =>
        overrides.TryGetValue(level, out var o) ? o : levels.TryGetValue(level, out var l) ? l.Start : 1;

    private static string Format(int n, string format) => format switch
    {
        "upperRoman" => Roman(n),
        "lowerRoman" => Roman(n).ToLowerInvariant(),
        "upperLetter" => Letter(n).ToUpperInvariant(),
        "lowerLetter" => Letter(n),
        "decimalZero" => n.ToString("00", CultureInfo.InvariantCulture),
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static string Letter(int n) => new((char)('a' + ((n - 1) % 26)), ((n - 1) / 26) + 1);

    private static string Roman(int n)
    {
        var result = new StringBuilder();
        foreach (var (value, symbol) in Numerals)
        {
            while (n >= value)
            {
                result.Append(symbol);
                n -= value;
            }
        }

        return result.ToString();
    }

    private static readonly (int Value, string Symbol)[] Numerals =
        [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
}
