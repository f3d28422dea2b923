using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Core.Documents;

/// <summary>
/// What a run or paragraph inherits from its styles: Word resolves a run's font and weight through
/// run → character style → paragraph style → document defaults → theme, and so must we, or text typed in a
/// legacy font set only on a style would be read as Unicode.
/// </summary>
internal sealed class WordStyles
{
    private readonly Dictionary<string, Style> _styles;
    private readonly string? _defaultFont;
    private readonly string? _defaultParagraphStyle;
    private readonly string? _minorFont;
    private readonly string? _majorFont;

    public WordStyles(MainDocumentPart main)
    {
        var styles = main.StyleDefinitionsPart?.Styles;
        _styles = styles?.Elements<Style>().Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!)
            .ToDictionary(g => g.Key, g => g.First()) ?? [];
        _defaultParagraphStyle = styles?.Elements<Style>()
            .FirstOrDefault(s => s.Type?.Value == StyleValues.Paragraph && s.Default?.Value == true)?.StyleId?.Value;
        var theme = main.ThemePart?.Theme?.ThemeElements?.FontScheme;
        _minorFont = theme?.MinorFont?.LatinFont?.Typeface?.Value;
        _majorFont = theme?.MajorFont?.LatinFont?.Typeface?.Value;
        _defaultFont = FontOf(styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.RunFonts);
    }

    public string? RunFont(Run run, Paragraph paragraph)
    {
        var direct = FontOf(run.RunProperties?.RunFonts);
        if (direct is not null)
        {
            return direct;
        }

        foreach (var style in Chain(run.RunProperties?.RunStyle?.Val?.Value))
        {
            if (FontOf(style.StyleRunProperties?.RunFonts) is { } font)
            {
                return font;
            }
        }

        // A paragraph mark's own rPr is not inherited by runs, so only the paragraph style counts here.
        foreach (var style in Chain(ParagraphStyleId(paragraph)))
        {
            if (FontOf(style.StyleRunProperties?.RunFonts) is { } font)
            {
                return font;
            }
        }

        return _defaultFont;
    }

    public bool RunBold(Run run, Paragraph paragraph)
    {
        if (run.RunProperties?.Bold is { } b)
        {
            return b.Val?.Value ?? true;
        }

        foreach (var style in Chain(run.RunProperties?.RunStyle?.Val?.Value).Concat(Chain(ParagraphStyleId(paragraph))))
        {
            if (style.StyleRunProperties?.Bold is { } sb)
            {
                return sb.Val?.Value ?? true;
            }
        }

        return false;
    }

    /// <summary>0-based outline level from the paragraph or its style ("Heading 1" is 0), if any.</summary>
    public int? OutlineLevel(Paragraph paragraph)
    {
        if (paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is { } direct)
        {
            return direct < 9 ? direct : null;
        }

        foreach (var style in Chain(ParagraphStyleId(paragraph)))
        {
            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } level)
            {
                return level < 9 ? level : null;
            }

            var name = style.StyleName?.Val?.Value ?? "";
            if (name.StartsWith("heading ", StringComparison.OrdinalIgnoreCase) && int.TryParse(name.AsSpan(8), out var n) && n is >= 1 and <= 9)
            {
                return n - 1;
            }
        }

        return null;
    }

    /// <summary>The numbering a paragraph takes, directly or from its style: (numId, level).</summary>
    public (int NumId, int Level)? Numbering(Paragraph paragraph)
    {
        var direct = paragraph.ParagraphProperties?.NumberingProperties;
        if (direct?.NumberingId?.Val?.Value is { } id)
        {
            return id == 0 ? null : (id, direct.NumberingLevelReference?.Val?.Value ?? 0);
        }

        foreach (var style in Chain(ParagraphStyleId(paragraph)))
        {
            var numbering = style.StyleParagraphProperties?.NumberingProperties;
            if (numbering?.NumberingId?.Val?.Value is { } styleId)
            {
                return styleId == 0 ? null : (styleId, numbering.NumberingLevelReference?.Val?.Value ?? direct?.NumberingLevelReference?.Val?.Value ?? 0);
            }
        }

        return null;
    }

    public string? StyleName(Paragraph paragraph) =>
        ParagraphStyleId(paragraph) is { } id && _styles.TryGetValue(id, out var s) ? s.StyleName?.Val?.Value : null;

    private string? ParagraphStyleId(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? _defaultParagraphStyle;

    private IEnumerable<Style> Chain(string? styleId)
    {
        var seen = new HashSet<string>();
        while (styleId is not null && seen.Add(styleId) && _styles.TryGetValue(styleId, out var style))
        {
            yield return style;
            styleId = style.BasedOn?.Val?.Value;
        }
    }

    private string? FontOf(RunFonts? fonts)
    {
        if (fonts is null)
        {
            return null;
        }

        // Vietnamese letters sit in the high-ANSI range, so hAnsi is the font that draws them.
        if (fonts.HighAnsi?.Value is { } hAnsi)
        {
            return hAnsi;
        }

        if (fonts.Ascii?.Value is { } ascii)
        {
            return ascii;
        }

        var theme = fonts.HighAnsiTheme?.Value ?? fonts.AsciiTheme?.Value;
        if (theme is null)
        {
            return null;
        }

        return theme == ThemeFontValues.MajorHighAnsi || theme == ThemeFontValues.MajorAscii ? _majorFont : _minorFont;
    }
}
