using System.Globalization;
using System.Text;

namespace DanVan.Core.Word;

/// <summary>
/// Renders the numbers Word generates from numbering.xml ("I.", "1.", "a)"), which are not in the text: without
/// them an auto-numbered outline looks like a run of unnumbered paragraphs.
/// </summary>
internal sealed class WordNumbering
{
    private sealed record LevelDef(int Start, string Format, string Text, bool Legal);

    private sealed record NumDef(int AbstractId, Dictionary<int, int> StartOverrides);

    private static readonly PartCache<Definitions> Cache = new(256);

    private readonly WordPackage _package;
    private readonly Dictionary<int, int[]> _counters = [];
    private readonly HashSet<int> _usedNums = [];
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

        return _definitions = Cache.GetOrAdd(key, () => new Definitions(_package));
    }

    /// <summary>An element of numbering.xml as the definitions read it: its name and the one attribute read from it.</summary>
    /// <remarks>Classes, not structs, here: generic code over reference types is precompiled, over new structs it is not.</remarks>
    private sealed record Mark(bool End, string Name, string? Value);

    private sealed record KnownElement(string Scope, Mark[] Marks);

    /// <summary>
    /// What each top-level element of a numbering part read as, by its text. Generators write the same list
    /// definitions into every document (pandoc: a handful of abstractNum and num elements, picked per file), so parts
    /// differ where their elements do not. Text read before in the same scope reads the same, so it is replayed, not
    /// re-read; anything new is read and checked in full.
    /// </summary>
    private static readonly PartCache<KnownElement> Elements = new(1024);

    /// <summary>Real list definitions are a few kilobytes; the bound also keeps looking for an end tag cheap.</summary>
    private const int MaxElementText = 8192;

    private sealed class Definitions
    {
        private Dictionary<int, LevelDef>? _levels;
        private int? _level;
        private int _start = 1;
        private string _format = "decimal";
        private string _text = "";
        private bool _legal;
        private int? _numId;
        private int? _overrideLevel;

        public Dictionary<int, Dictionary<int, LevelDef>> Abstracts { get; } = [];

        public Dictionary<int, NumDef> Nums { get; } = [];

        public Definitions(WordPackage package)
        {
            using var reader = package.Related("numbering");
            if (reader is null)
            {
                return;
            }

            List<Mark>? recorded = null;
            var recordedText = "";
            var recordedScope = "";
            var recordedFrom = 0;
            while (reader.Read())
            {
                if (reader.Depth == 1 && reader.NodeType == XmlNode.Element && reader.LocalName is "abstractNum" or "num"
                    && reader.ElementText(MaxElementText) is { Length: > 0 } text)
                {
                    var scope = reader.Scope;
                    if (Elements.TryGetValue(text, out var known) && known.Scope == scope)
                    {
                        foreach (var mark in known.Marks)
                        {
                            Apply(mark);
                        }

                        reader.SkipReadElement(text.Length);
                        continue;
                    }

                    (recorded, recordedText, recordedScope, recordedFrom) = ([], text.ToString(), scope, reader.NodeStart);
                }

                if (Read(reader) is { } read)
                {
                    recorded?.Add(read);
                    Apply(read);
                }

                if (recorded is not null && reader.Depth == 1 && reader.NodeType == XmlNode.EndElement)
                {
                    // Remembered only if it ended where its text was cut, which it does unless something inside it
                    // (a comment, say) spells its end tag.
                    if (reader.NodeEnd - recordedFrom == recordedText.Length)
                    {
                        Elements.Set(recordedText, new KnownElement(recordedScope, [.. recorded]));
                    }

                    recorded = null;
                }
            }
        }

        /// <summary>The elements and attributes <see cref="Apply"/> acts on; null for the rest.</summary>
        private static Mark? Read(XmlScanner reader)
        {
            if (reader.NamespaceURI != WordPackage.W)
            {
                return null;
            }

            if (reader.NodeType == XmlNode.EndElement)
            {
                return reader.LocalName switch
                {
                    "lvl" => new Mark(true, "lvl", null),
                    "abstractNum" => new Mark(true, "abstractNum", null),
                    "num" => new Mark(true, "num", null),
                    _ => null,
                };
            }

            return reader.LocalName switch
            {
                "abstractNum" => new Mark(false, "abstractNum", reader.GetAttribute("abstractNumId", WordPackage.W)),
                "lvl" => new Mark(false, "lvl", reader.GetAttribute("ilvl", WordPackage.W)),
                "lvlOverride" => new Mark(false, "lvlOverride", reader.GetAttribute("ilvl", WordPackage.W)),
                "num" => new Mark(false, "num", reader.GetAttribute("numId", WordPackage.W)),
                "start" => new Mark(false, "start", WordPackage.Val(reader)),
                "numFmt" => new Mark(false, "numFmt", WordPackage.Val(reader)),
                "lvlText" => new Mark(false, "lvlText", WordPackage.Val(reader)),
                "isLgl" => new Mark(false, "isLgl", WordPackage.Val(reader)),
                "abstractNumId" => new Mark(false, "abstractNumId", WordPackage.Val(reader)),
                "startOverride" => new Mark(false, "startOverride", WordPackage.Val(reader)),
                _ => null,
            };
        }

        private void Apply(Mark mark)
        {
            if (mark.End)
            {
                switch (mark.Name)
                {
                    case "lvl" when _levels is not null && _level is { } l:
                        _levels.TryAdd(l, new LevelDef(_start, _format, _text, _legal));
                        _level = null;
                        break;
                    case "abstractNum":
                        _levels = null;
                        break;
                    case "num":
                        _numId = null;
                        break;
                }

                return;
            }

            switch (mark.Name)
            {
                case "abstractNum" when Int(mark.Value) is { } absId:
                    _levels = [];
                    Abstracts.TryAdd(absId, _levels);
                    break;
                case "lvl" when _levels is not null:
                    _level = Int(mark.Value);
                    (_start, _format, _text, _legal) = (1, "decimal", "", false);
                    break;
                case "start" when _level is not null:
                    _start = Int(mark.Value) ?? 1;
                    break;
                case "numFmt" when _level is not null:
                    _format = mark.Value ?? "decimal";
                    break;
                case "lvlText" when _level is not null:
                    _text = mark.Value ?? "";
                    break;
                case "isLgl" when _level is not null:
                    _legal = WordPackage.OnOff(mark.Value);
                    break;
                case "num" when Int(mark.Value) is { } id:
                    _numId = id;
                    break;
                case "abstractNumId" when _numId is { } n:
                    Nums[n] = new NumDef(Int(mark.Value) ?? -1, []);
                    break;
                case "lvlOverride" when _numId is not null:
                    _overrideLevel = Int(mark.Value);
                    break;
                case "startOverride" when _numId is { } n2 && _overrideLevel is { } ol && Nums.TryGetValue(n2, out var num):
                    num.StartOverrides[ol] = Int(mark.Value) ?? 1;
                    break;
            }
        }

        private static int? Int(string? value) => WordPackage.Int(value);
    }

    /// <summary>Advances the list's counter and returns the label (e.g. "II."), or null for bullets and unknown lists.</summary>
    public string? Next(int numId, int level)
    {
        var definitions = Load();
        if (!definitions.Nums.TryGetValue(numId, out var num) || !definitions.Abstracts.TryGetValue(num.AbstractId, out var levels) || level is < 0 or > 8)
        {
            return null;
        }

        // Word counts per abstract list: every w:num on one abstractNum continues the same numbering, and a w:num with
        // a startOverride restarts it where it is first used (LibreOffice writes each list restart that way).
        if (!_counters.TryGetValue(num.AbstractId, out var counters))
        {
            _counters[num.AbstractId] = counters = new int[9];
            for (var i = 0; i < 9; i++)
            {
                counters[i] = Start(num.StartOverrides, levels, i) - 1;
            }
        }
        else if (num.StartOverrides.Count > 0 && !_usedNums.Contains(numId))
        {
            foreach (var (overridden, start) in num.StartOverrides)
            {
                if (overridden is >= 0 and < 9)
                {
                    counters[overridden] = start - 1;
                }
            }
        }

        _usedNums.Add(numId);

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
