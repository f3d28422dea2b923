namespace DanVan.Core.Word;

internal sealed record RunFonts(string? HAnsi, string? Ascii, string? Theme);

internal sealed record StyleNumbering(int NumId, int? Level);

/// <summary>A style's font, weight, outline level and list numbering, each from the nearest style in its chain that sets it.</summary>
internal sealed record ResolvedStyle(string? Font, bool? Bold, int? OutlineLevel, StyleNumbering? Numbering);

internal sealed class StyleDefinition
{
    public required string Id { get; init; }

    public string? Type { get; set; }

    public string? Name { get; set; }

    public string? BasedOn { get; set; }

    public bool IsDefault { get; set; }

    public RunFonts? Fonts { get; set; }

    public bool? Bold { get; set; }

    public int? OutlineLevel { get; set; }

    public int? NumId { get; set; }

    public int? Level { get; set; }
}

/// <summary>
/// What a run or paragraph inherits from styles.xml: Word resolves a run's font and weight through run →
/// character style → paragraph style → document defaults → theme, and so must we, or text typed in a legacy font
/// set only on a style would be read as Unicode.
/// </summary>
internal sealed class WordStyles
{
    private readonly Dictionary<string, StyleDefinition> _styles = new(StringComparer.Ordinal);

    /// <summary>
    /// What each style resolves to through the styles it is based on, worked out once per style sheet rather than by
    /// walking the chain for every run and paragraph.
    /// </summary>
    private readonly Dictionary<string, ResolvedStyle> _resolved = new(StringComparer.Ordinal);
    private readonly RunFonts? _defaultFonts;
    private readonly string? _defaultParagraphStyle;
    private readonly string? _minorFont;
    private readonly string? _majorFont;

    private static readonly PartCache<WordStyles> Cache = new(256);

    /// <summary>
    /// The parsed style sheet, shared between documents whose styles and theme parts are byte-identical: a province's
    /// units write from the same templates, and parsing styles.xml is a large part of reading a short report.
    /// </summary>
    public static WordStyles For(WordPackage package)
    {
        if (package.Fingerprint("styles") is not { } styles)
        {
            return new WordStyles(package);
        }

        return Cache.GetOrAdd($"{styles} {package.Fingerprint("theme")}", () => new WordStyles(package));
    }

    private WordStyles(WordPackage package)
    {
        (_minorFont, _majorFont) = package.ThemeFonts();
        using var reader = package.Related("styles");
        if (reader is null)
        {
            return;
        }

        StyleDefinition? style = null;
        var inDefaults = false;
        var depthOfStyle = -1;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNode.EndElement && reader.NamespaceURI == WordPackage.W)
            {
                if (reader.LocalName is "docDefaults")
                {
                    inDefaults = false;
                }
                else if (reader.LocalName is "style" && reader.Depth == depthOfStyle)
                {
                    style = null;
                }

                continue;
            }

            if (reader.NodeType != XmlNode.Element || reader.NamespaceURI != WordPackage.W)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "docDefaults":
                    inDefaults = !reader.IsEmptyElement;
                    break;
                case "style" when reader.GetAttribute("styleId", WordPackage.W) is { } id:
                    style = new StyleDefinition
                    {
                        Id = id,
                        Type = reader.GetAttribute("type", WordPackage.W),
                        IsDefault = reader.GetAttribute("default", WordPackage.W) is "1" or "true" or "on",
                    };
                    _styles.TryAdd(id, style);
                    depthOfStyle = reader.IsEmptyElement ? -1 : reader.Depth;
                    if (style.IsDefault && style.Type == "paragraph")
                    {
                        _defaultParagraphStyle ??= id;
                    }

                    break;
                case "name" when style is not null:
                    style.Name = WordPackage.Val(reader);
                    break;
                case "basedOn" when style is not null:
                    style.BasedOn = WordPackage.Val(reader);
                    break;
                case "rFonts" when style is not null:
                    style.Fonts = Fonts(reader);
                    break;
                case "rFonts" when inDefaults:
                    _defaultFonts = Fonts(reader);
                    break;
                case "b" when style is not null:
                    style.Bold = WordPackage.OnOff(reader);
                    break;
                case "outlineLvl" when style is not null:
                    style.OutlineLevel = WordPackage.Int(reader);
                    break;
                case "numId" when style is not null:
                    style.NumId = WordPackage.Int(reader);
                    break;
                case "ilvl" when style is not null:
                    style.Level = WordPackage.Int(reader);
                    break;
            }
        }

        foreach (var id in _styles.Keys)
        {
            _resolved[id] = Resolve(id);
        }
    }

    public static RunFonts Fonts(XmlScanner reader) => new(
        reader.GetAttribute("hAnsi", WordPackage.W),
        reader.GetAttribute("ascii", WordPackage.W),
        reader.GetAttribute("hAnsiTheme", WordPackage.W) ?? reader.GetAttribute("asciiTheme", WordPackage.W));

    public string? DefaultParagraphStyle => _defaultParagraphStyle;

    public string? RunFont(RunFonts? direct, string? runStyle, string? paragraphStyle)
    {
        if (FontName(direct) is { } font)
        {
            return font;
        }

        // A paragraph mark's own rPr is not inherited by runs, so after the character style only the paragraph style counts.
        return InheritedFont(runStyle) ?? InheritedFont(paragraphStyle ?? _defaultParagraphStyle) ?? FontName(_defaultFonts);
    }

    public bool RunBold(bool? direct, string? runStyle, string? paragraphStyle) =>
        direct ?? InheritedBold(runStyle) ?? InheritedBold(paragraphStyle ?? _defaultParagraphStyle) ?? false;

    private string? InheritedFont(string? styleId) => Find(styleId)?.Font;

    private bool? InheritedBold(string? styleId) => Find(styleId)?.Bold;

    /// <summary>0-based outline level from the paragraph's style, or from a "heading N" style name.</summary>
    public int? OutlineLevel(string? paragraphStyle) => Find(paragraphStyle ?? _defaultParagraphStyle)?.OutlineLevel;

    public (int NumId, int? Level)? Numbering(string? paragraphStyle) =>
        Find(paragraphStyle ?? _defaultParagraphStyle)?.Numbering is { } numbering ? (numbering.NumId, numbering.Level) : null;

    private ResolvedStyle? Find(string? styleId) => styleId is not null && _resolved.TryGetValue(styleId, out var resolved) ? resolved : null;

    /// <summary>Each property from the nearest style in the chain that sets it.</summary>
    private ResolvedStyle Resolve(string styleId)
    {
        string? font = null;
        bool? bold = null;
        int? outlineLevel = null;
        var outlineSet = false;
        StyleNumbering? numbering = null;
        foreach (var style in Chain(styleId))
        {
            font ??= FontName(style.Fonts);
            bold ??= style.Bold;
            if (!outlineSet && OwnOutlineLevel(style, out var level))
            {
                (outlineLevel, outlineSet) = (level, true);
            }

            numbering ??= style.NumId is { } numId ? new StyleNumbering(numId, style.Level) : null;
        }

        return new ResolvedStyle(font, bold, outlineLevel, numbering);
    }

    /// <summary>
    /// Whether the style itself gives an outline level, by its own setting or a "heading N" name; a level of 9 or
    /// more is body text (null).
    /// </summary>
    private static bool OwnOutlineLevel(StyleDefinition style, out int? level)
    {
        if (style.OutlineLevel is { } own)
        {
            level = own < 9 ? own : null;
            return true;
        }

        var name = style.Name ?? "";
        level = name.StartsWith("heading ", StringComparison.OrdinalIgnoreCase) && int.TryParse(name.AsSpan(8), out var n) && n is >= 1 and <= 9 ? n - 1 : null;
        return level is not null;
    }

    /// <summary>A style and the styles it is based on, nearest first, at most 20 (a cycle must end).</summary>
    private IEnumerable<StyleDefinition> Chain(string styleId)
    {
        string? next = styleId;
        for (var steps = 0; next is not null && steps < 20 && _styles.TryGetValue(next, out var style); steps++)
        {
            yield return style;
            next = style.BasedOn;
        }
    }

    private string? FontName(RunFonts? fonts)
    {
        if (fonts is null)
        {
            return null;
        }

        // Vietnamese letters sit in the high-ANSI range, so hAnsi is the font that draws them.
        if ((fonts.HAnsi ?? fonts.Ascii) is { } named)
        {
            return named;
        }

        return fonts.Theme switch
        {
            null => null,
            "majorHAnsi" or "majorAscii" => _majorFont,
            _ => _minorFont,
        };
    }
}
