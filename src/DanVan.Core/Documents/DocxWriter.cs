using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Core.Documents;

/// <summary>
/// Word out: an <see cref="OfficialDocument"/> to a .docx laid out as Decree 30/2020 (Appendix I, template 1.4)
/// prescribes: A4, margins, Times New Roman sizes, the two-column header, numbered body, real footnotes, "Nơi nhận"
/// and the signature block, page numbers at the top from page 2.
/// </summary>
public static partial class DocxWriter
{
    // Sizes are in twentieths of a point (twips) and font sizes in half-points, as Word stores them.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTop = 1134;
    public const int MarginBottom = 1134;
    public const int MarginLeft = 1701;
    public const int MarginRight = 1134;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;
    public const int FirstLineIndent = 720;
    public const int ParagraphSpacing = 120;
    public const string Font = "Times New Roman";
    private const int HeaderLeft = 3742;
    private const int HeaderRight = TextWidth - HeaderLeft;
    private const int SignatureLeft = 4536;

    public static byte[] Write(OfficialDocument document)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            AddSettings(main);
            var footnotes = main.AddNewPart<FootnotesPart>();
            var notes = new W.Footnotes(Separator(W.FootnoteEndnoteValues.Separator, -1, new W.SeparatorMark()), Separator(W.FootnoteEndnoteValues.ContinuationSeparator, 0, new W.ContinuationSeparatorMark()));

            var body = new W.Body();
            body.Append(HeaderTable(document));
            body.Append(Centered(BeforeTitle, Run(document.Kind, 28, bold: true)));
            body.Append(Centered(0, Run(document.Summary, 28, bold: true)));
            body.Append(Rule(TextWidth, 1700));
            if (document.Addressees.Count > 0)
            {
                body.Append(Addressees(document.Addressees));
            }

            foreach (var block in document.Body)
            {
                body.Append(Block(block, notes));
            }

            body.Append(SignatureTable(document));
            foreach (var appendix in document.Appendices)
            {
                AppendAppendix(body, document, appendix, notes);
            }

            var first = AddHeader(main, new W.Paragraph());
            var others = AddHeader(main, PageNumber());
            body.Append(new W.SectionProperties(
                new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = others },
                new W.HeaderReference { Type = W.HeaderFooterValues.First, Id = first },
                new W.PageSize { Width = PageWidth, Height = PageHeight, Orient = W.PageOrientationValues.Portrait },
                new W.PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 },
                new W.TitlePage()));
            main.Document = new W.Document(body);
            footnotes.Footnotes = notes;
        }

        return stream.ToArray();
    }

    private const int BeforeTitle = 360;

    private static W.Table HeaderTable(OfficialDocument d)
    {
        var left = new List<OpenXmlElement>();
        if (d.ParentBody is { Length: > 0 } parent)
        {
            left.Add(Centered(0, Run(parent.ToUpper(Vietnamese), 26)));
        }

        left.AddRange(d.IssuingBody.Select(line => Centered(0, Run(line.ToUpper(Vietnamese), 26, bold: true))));
        // Decree 30: a short rule, a third to a half of the name's length, centred under the issuing body.
        left.Add(Rule(HeaderLeft, Estimate(d.IssuingBody.DefaultIfEmpty("").MaxBy(l => l.Length)!, 26, caps: true) * 2 / 5));
        var right = new List<OpenXmlElement>
        {
            Centered(0, Run(NationalTitle, 24, bold: true)),
            Centered(0, Run(Motto, 26, bold: true)),
            // …and under the motto a rule as long as the motto itself.
            Rule(HeaderRight, Estimate(Motto, 26, caps: false)),
        };
        var number = d.Number.StartsWith('/') ? "Số:        " + d.Number : "Số: " + d.Number;
        return BorderlessTable(
            [HeaderLeft, HeaderRight],
            [left, right],
            [[Centered(ParagraphSpacing, Run(number, 26))], [Centered(ParagraphSpacing, Run(PlaceAndDate(d.Place, d.Date, d.Year), 28, italic: true))]]);
    }

    public const string NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";

    /// <summary>"Trà Tân, ngày 05 tháng 3 năm 2025": Decree 30 puts a zero before days under 10 and months 1 and 2 only.</summary>
    public static string PlaceAndDate(string place, DateOnly? date, int year) => $"{place}, {DateText(date, year)}";

    private static string DateText(DateOnly? date, int year) => date is { } d
        ? $"ngày {d.Day:00} tháng {(d.Month <= 2 ? d.Month.ToString("00", CultureInfo.InvariantCulture) : d.Month.ToString(CultureInfo.InvariantCulture))} năm {d.Year}"
        : $"ngày      tháng      năm {year}";

    /// <summary>
    /// Decree 30 appendix: on a new page, "Phụ lục I" and its title in bold capitals, centred, then an italic line tying
    /// it to the document ("(Kèm theo Báo cáo số 05/BC-UBND ngày 20 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh …)").
    /// </summary>
    private static void AppendAppendix(W.Body body, OfficialDocument d, DocumentAppendix appendix, W.Footnotes notes)
    {
        var label = Centered(0, Run($"Phụ lục {appendix.Label}", 28, bold: true));
        label.ParagraphProperties!.PrependChild(new W.PageBreakBefore());
        body.Append(label);
        body.Append(Centered(0, Run(appendix.Title.ToUpper(Vietnamese), 28, bold: true)));
        var number = d.Number.StartsWith('/') ? "      " + d.Number : d.Number;
        var kind = d.Kind.Length > 0 ? char.ToUpper(d.Kind[0], Vietnamese) + d.Kind[1..].ToLower(Vietnamese) : d.Kind;
        var of = d.IssuerName is { Length: > 0 } issuer ? $" của {issuer}" : "";
        body.Append(Centered(0, Run($"(Kèm theo {kind} số {number} {DateText(d.Date, d.Year)}{of})", 28, italic: true)));
        body.Append(Rule(TextWidth, 1700));
        foreach (var block in appendix.Blocks)
        {
            body.Append(Block(block, notes));
        }
    }

    private static IEnumerable<OpenXmlElement> Block(DocumentBlock block, W.Footnotes notes) => block switch
    {
        DocumentHeading h => [Heading(h)],
        DocumentParagraph p => [BodyParagraph(p, notes)],
        DocumentTable t => Tables(t),
        _ => throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(block)),
    };

    /// <summary>Rows per printed table: see <see cref="Tables"/>.</summary>
    public const int TableChunkRows = 40;

    /// <summary>
    /// A long table (a province's per-unit appendix has thousands of rows) is printed as consecutive tables of
    /// <see cref="TableChunkRows"/> rows, each with the header row, joined by a hairline paragraph (Word merges tables
    /// that touch). LibreOffice lays out one table of 3,700 rows in minutes and the same rows in chunks in seconds.
    /// </summary>
    private static IEnumerable<OpenXmlElement> Tables(DocumentTable t)
    {
        if (t.Rows.Count <= TableChunkRows + 1)
        {
            yield return Table(t);
            yield break;
        }

        for (var start = 1; start < t.Rows.Count; start += TableChunkRows)
        {
            if (start > 1)
            {
                yield return new W.Paragraph(new W.ParagraphProperties(
                    new W.SpacingBetweenLines { Before = "0", After = "0", Line = "20", LineRule = W.LineSpacingRuleValues.Exact }));
            }

            yield return Table(t with { Rows = [t.Rows[0], .. t.Rows.Skip(start).Take(TableChunkRows)] });
        }
    }

    private static W.Paragraph Addressees(IReadOnlyList<string> addressees)
    {
        var p = Centered(ParagraphSpacing);
        if (addressees.Count == 1)
        {
            p.Append(Run($"Kính gửi: {addressees[0]}.", 28));
            return p;
        }

        // One paragraph with line breaks, so the list reads as one "Kính gửi" block (and imports as one).
        p.Append(Run("Kính gửi:", 28));
        for (var i = 0; i < addressees.Count; i++)
        {
            p.Append(new W.Run(new W.Break()), Run($"- {addressees[i]}{(i == addressees.Count - 1 ? "." : ";")}", 28));
        }

        return p;
    }

    private static W.Paragraph Heading(DocumentHeading h)
    {
        var p = new W.Paragraph(new W.ParagraphProperties(
            new W.KeepNext(),
            new W.SpacingBetweenLines { Before = h.Level == 1 ? "120" : "0", After = ParagraphSpacing.ToString(CultureInfo.InvariantCulture), Line = "288", LineRule = W.LineSpacingRuleValues.Auto },
            new W.Indentation { FirstLine = FirstLineIndent.ToString(CultureInfo.InvariantCulture) },
            new W.Justification { Val = W.JustificationValues.Both },
            // The outline level makes the heading a heading in Word's navigation pane and for the importer.
            new W.OutlineLevel { Val = Math.Clamp(h.Level - 1, 0, 8) }));
        p.Append(Run(h.Text, 28, bold: true, italic: h.Level >= 3));
        return p;
    }

    private static W.Paragraph BodyParagraph(DocumentParagraph paragraph, W.Footnotes notes)
    {
        var p = new W.Paragraph(new W.ParagraphProperties(
            new W.SpacingBetweenLines { Before = "0", After = ParagraphSpacing.ToString(CultureInfo.InvariantCulture), Line = "288", LineRule = W.LineSpacingRuleValues.Auto },
            new W.Indentation { FirstLine = FirstLineIndent.ToString(CultureInfo.InvariantCulture) },
            new W.Justification { Val = W.JustificationValues.Both }));
        var text = paragraph.Text;
        var at = 0;
        foreach (Match marker in NoteMarker().Matches(text))
        {
            if (paragraph.Notes is null || !paragraph.Notes.TryGetValue(marker.Groups[1].Value, out var note))
            {
                continue;
            }

            if (marker.Index > at)
            {
                p.Append(Run(text[at..marker.Index], 28));
            }

            var id = notes.Elements<W.Footnote>().Count() - 1;
            notes.Append(new W.Footnote(
                new W.Paragraph(
                    new W.ParagraphProperties(new W.ParagraphStyleId { Val = "FootnoteText" }),
                    new W.Run(new W.RunProperties(new W.RunStyle { Val = "FootnoteReference" }), new W.FootnoteReferenceMark()),
                    Run(" " + note, 24)))
            { Id = id });
            p.Append(new W.Run(new W.RunProperties(new W.RunStyle { Val = "FootnoteReference" }), new W.FootnoteReference { Id = id }));
            at = marker.Index + marker.Length;
        }

        if (at < text.Length)
        {
            p.Append(Run(text[at..], 28));
        }

        return p;
    }

    private static W.Table Table(DocumentTable t)
    {
        var total = t.Widths.Sum();
        var widths = t.Widths.Select(w => TextWidth * w / total).ToList();
        var border = new Func<W.BorderType>[]
        {
            () => new W.TopBorder(), () => new W.LeftBorder(), () => new W.BottomBorder(), () => new W.RightBorder(),
            () => new W.InsideHorizontalBorder(), () => new W.InsideVerticalBorder(),
        };
        var table = new W.Table(
            new W.TableProperties(
                new W.TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa },
                new W.TableBorders(border.Select(b => (OpenXmlElement)Line(b()))),
                new W.TableLayout { Type = W.TableLayoutValues.Fixed }),
            new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        for (var r = 0; r < t.Rows.Count; r++)
        {
            var row = new W.TableRow();
            if (r == 0)
            {
                row.Append(new W.TableRowProperties(new W.TableHeader()));
            }

            for (var c = 0; c < widths.Count; c++)
            {
                var value = c < t.Rows[r].Count ? t.Rows[r][c] : "";
                var numeric = r > 0 && c > 0 && FigureExtractor.TryNumber(value, out _);
                var p = new W.Paragraph(new W.ParagraphProperties(
                    new W.SpacingBetweenLines { Before = "40", After = "40" },
                    new W.Justification { Val = r == 0 || c == 0 ? W.JustificationValues.Center : numeric ? W.JustificationValues.Right : W.JustificationValues.Left }));
                p.Append(Run(value, 26, bold: r == 0));
                row.Append(new W.TableCell(
                    new W.TableCellProperties(new W.TableCellWidth { Width = widths[c].ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa }, new W.TableCellVerticalAlignment { Val = W.TableVerticalAlignmentValues.Center }),
                    p));
            }

            table.Append(row);
        }

        return table;

        static W.BorderType Line(W.BorderType b)
        {
            b.Val = W.BorderValues.Single;
            b.Size = 4;
            b.Space = 0;
            b.Color = "000000";
            return b;
        }
    }

    private static W.Table SignatureTable(OfficialDocument d)
    {
        var left = new List<OpenXmlElement>
        {
            new W.Paragraph(new W.ParagraphProperties(new W.SpacingBetweenLines { Before = "240" }), Run("Nơi nhận:", 24, bold: true, italic: true)),
        };
        foreach (var recipient in d.Recipients)
        {
            left.Add(new W.Paragraph(Run($"- {recipient};", 22)));
        }

        left.Add(new W.Paragraph(Run($"- Lưu: {d.Filing}.", 22)));
        var right = new List<OpenXmlElement>();
        foreach (var line in d.Signer.Authority.Append(d.Signer.Title))
        {
            right.Add(Centered(right.Count == 0 ? 240 : 0, Run(line.ToUpper(Vietnamese), 26, bold: true)));
        }

        // Room for the signature and the seal.
        right.Add(Centered(1440, Run(d.Signer.Name ?? "", 28, bold: true)));
        return BorderlessTable([SignatureLeft, TextWidth - SignatureLeft], [left, right]);
    }

    /// <summary>A layout table without borders or cell padding, each row's cells given as their paragraphs.</summary>
    private static W.Table BorderlessTable(int[] widths, params IReadOnlyList<OpenXmlElement>[][] rows)
    {
        var table = new W.Table(
            new W.TableProperties(
                new W.TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa },
                new W.TableBorders(
                    new W.TopBorder { Val = W.BorderValues.None }, new W.LeftBorder { Val = W.BorderValues.None },
                    new W.BottomBorder { Val = W.BorderValues.None }, new W.RightBorder { Val = W.BorderValues.None },
                    new W.InsideHorizontalBorder { Val = W.BorderValues.None }, new W.InsideVerticalBorder { Val = W.BorderValues.None }),
                new W.TableLayout { Type = W.TableLayoutValues.Fixed },
                new W.TableCellMarginDefault(new W.TopMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa }, new W.TableCellLeftMargin { Width = 0, Type = W.TableWidthValues.Dxa }, new W.BottomMargin { Width = "0", Type = W.TableWidthUnitValues.Dxa }, new W.TableCellRightMargin { Width = 0, Type = W.TableWidthValues.Dxa })),
            new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        foreach (var cells in rows)
        {
            var row = new W.TableRow();
            for (var c = 0; c < widths.Length; c++)
            {
                var cell = new W.TableCell(new W.TableCellProperties(new W.TableCellWidth { Width = widths[c].ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa }));
                // Word refuses a cell without a paragraph.
                cell.Append(cells[c].Count > 0 ? cells[c].Select(e => e.CloneNode(true)) : [new W.Paragraph()]);
                row.Append(cell);
            }

            table.Append(row);
        }

        return table;
    }

    /// <summary>A horizontal rule of about <paramref name="length"/> twips, centred in <paramref name="width"/>: an empty paragraph's bottom border between indents.</summary>
    private static W.Paragraph Rule(int width, int length)
    {
        var indent = Math.Max(0, (width - Math.Min(length, width)) / 2).ToString(CultureInfo.InvariantCulture);
        return new W.Paragraph(new W.ParagraphProperties(
            new W.ParagraphBorders(new W.BottomBorder { Val = W.BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
            new W.SpacingBetweenLines { Before = "0", After = "0", Line = "40", LineRule = W.LineSpacingRuleValues.Exact },
            new W.Indentation { Left = indent, Right = indent }));
    }

    /// <summary>
    /// Rough printed width of a line in Times New Roman (average advance per character class), good enough to size the
    /// rules that Decree 30 ties to the length of the text above them.
    /// </summary>
    private static int Estimate(string text, int halfPoints, bool caps)
    {
        var ems = text.Sum(c => c == ' ' ? 0.25 : char.IsUpper(c) || caps ? 0.72 : 0.5);
        return (int)(ems * halfPoints * 10);
    }

    private static W.Paragraph Centered(int before, params OpenXmlElement[] runs)
    {
        var p = new W.Paragraph(new W.ParagraphProperties(
            new W.SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = "0" },
            new W.Justification { Val = W.JustificationValues.Center }));
        p.Append(runs);
        return p;
    }

    private static W.Run Run(string text, int halfPoints, bool bold = false, bool italic = false)
    {
        var properties = new W.RunProperties();
        if (bold)
        {
            properties.Append(new W.Bold(), new W.BoldComplexScript());
        }

        if (italic)
        {
            properties.Append(new W.Italic(), new W.ItalicComplexScript());
        }

        properties.Append(new W.FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) }, new W.FontSizeComplexScript { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        // Composed Unicode: Word and LibreOffice place decomposed Vietnamese tone marks badly in some fonts.
        return new W.Run(properties, new W.Text(Text.VietnameseText.Nfc(Text.VietnameseText.WithoutInvalidCharacters(text))) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static W.Footnote Separator(W.FootnoteEndnoteValues type, int id, OpenXmlElement mark) =>
        new(new W.Paragraph(new W.ParagraphProperties(new W.SpacingBetweenLines { After = "0", Line = "240", LineRule = W.LineSpacingRuleValues.Auto }), new W.Run(mark)))
        {
            Type = type,
            Id = id,
        };

    private static W.Paragraph PageNumber() =>
        new(
            new W.ParagraphProperties(new W.Justification { Val = W.JustificationValues.Center }),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin }),
            new W.Run(new W.FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
            new W.Run(new W.RunProperties(new W.NoProof()), new W.Text("2")),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End }));

    private static string AddHeader(MainDocumentPart main, W.Paragraph content)
    {
        var part = main.AddNewPart<HeaderPart>();
        part.Header = new W.Header(content);
        return main.GetIdOfPart(part);
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new W.Styles(
            new W.DocDefaults(
                new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                    new W.RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                    new W.Color { Val = "000000" },
                    new W.FontSize { Val = "28" },
                    new W.FontSizeComplexScript { Val = "28" },
                    new W.Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "ar-SA" })),
                new W.ParagraphPropertiesDefault(new W.ParagraphPropertiesBaseStyle(
                    new W.SpacingBetweenLines { After = "0", Line = "240", LineRule = W.LineSpacingRuleValues.Auto }))),
            new W.Style(new W.StyleName { Val = "Normal" }, new W.PrimaryStyle()) { Type = W.StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new W.Style(
                new W.StyleName { Val = "footnote text" },
                new W.BasedOn { Val = "Normal" },
                new W.StyleParagraphProperties(new W.Justification { Val = W.JustificationValues.Both }),
                new W.StyleRunProperties(new W.FontSize { Val = "24" }, new W.FontSizeComplexScript { Val = "24" }))
            { Type = W.StyleValues.Paragraph, StyleId = "FootnoteText" },
            new W.Style(
                new W.StyleName { Val = "footnote reference" },
                new W.StyleRunProperties(new W.VerticalTextAlignment { Val = W.VerticalPositionValues.Superscript }))
            { Type = W.StyleValues.Character, StyleId = "FootnoteReference" });
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var part = main.AddNewPart<DocumentSettingsPart>();
        part.Settings = new W.Settings(
            new W.DefaultTabStop { Val = 720 },
            new W.FootnoteDocumentWideProperties(new W.FootnoteSpecialReference { Id = -1 }, new W.FootnoteSpecialReference { Id = 0 }),
            new W.Compatibility(new W.CompatibilitySetting { Name = W.CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15" }));
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A footnote marker "[1]" in a paragraph's text.</summary>
    [GeneratedRegex(@"\[([0-9A-Za-z*]{1,10})\]")]
    internal static partial Regex NoteMarker();
}
