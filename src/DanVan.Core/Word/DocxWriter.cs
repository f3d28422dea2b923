using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DanVan.Core.Decree30;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Core.Word;

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

    /// <summary>The whole document: the report, then each appendix in a section of its own.</summary>
    public static byte[] Write(OfficialDocument document) => Package(document, null);

    /// <summary>
    /// The same document as separate files, the report and then each appendix, laid out exactly as in
    /// <see cref="Write"/> (each appendix numbers its own pages): LibreOffice lays out one file on one core, and the
    /// appendices of a province's consolidated report are two thousand pages, so the PDF is made from the parts side by
    /// side (<see cref="PdfConverter.ConvertPartsAsync"/>).
    /// </summary>
    public static IReadOnlyList<byte[]> WriteParts(OfficialDocument document) =>
        [Package(document with { Appendices = [] }, null), .. document.Appendices.Select(a => Package(document, a))];

    /// <summary>The document, or only <paramref name="alone"/>, one of its appendices.</summary>
    private static byte[] Package(OfficialDocument document, DocumentAppendix? alone)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            AddSettings(main);
            var footnotes = main.AddNewPart<FootnotesPart>();
            var notes = new W.Footnotes(Separator(W.FootnoteEndnoteValues.Separator, -1, new W.SeparatorMark()), Separator(W.FootnoteEndnoteValues.ContinuationSeparator, 0, new W.ContinuationSeparatorMark()));
            var headers = new Headers(AddHeader(main, new W.Paragraph()), AddHeader(main, PageNumber()));

            var body = new W.Body();
            var written = new Dictionary<OpenXmlElement, Action<XmlWriter>>(ReferenceEqualityComparer.Instance);
            W.SectionProperties section;
            if (alone is null)
            {
                // LibreOffice opens a document that starts with a table and has footnotes with an empty line above the
                // table, which pushes the header block a line below the top margin; a 1 pt paragraph first prevents it.
                body.Append(Hairline());
                body.Append(HeaderTable(document));
                body.Append(Centered(BeforeTitle, Run(document.Kind, 28, bold: true)));
                body.Append(Centered(0, Run(document.Summary, 28, bold: true)));
                body.Append(Rule(TextWidth, 1700, before: 80));
                if (document.Addressees.Count > 0)
                {
                    body.Append(Addressees(document.Addressees));
                }

                foreach (var block in document.Body)
                {
                    body.Append(Block(block, notes, TextWidth));
                }

                // The signature never opens a page alone: it stays with the line above it.
                KeepWithNext(body.LastChild!);
                body.Append(SignatureTable(document));
                section = Section(landscape: false, headers, restart: false);

                // Appendices follow, each on new pages with page numbers of its own (Decree 30: an appendix's pages are
                // numbered apart); one with a table too wide for a portrait page is laid out landscape.
                foreach (var appendix in document.Appendices)
                {
                    body.Append(SectionBreak(section));
                    section = AppendAppendix(body, document, appendix, notes, headers, written);
                }
            }
            else
            {
                section = AppendAppendix(body, document, alone, notes, headers, written);
            }

            body.Append(section);
            Save(main, body, written);
            footnotes.Footnotes = notes;
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Writes the document part: the body's elements as OpenXml writes them, and in place of each placeholder in
    /// <paramref name="written"/> what its writer writes.
    /// </summary>
    private static void Save(MainDocumentPart main, W.Body body, Dictionary<OpenXmlElement, Action<XmlWriter>> written)
    {
        using var stream = main.GetStream(FileMode.Create);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("w", "document", WordNamespace);
        xml.WriteAttributeString("xmlns", "w", null, WordNamespace);
        xml.WriteAttributeString("xmlns", "r", null, "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        xml.WriteStartElement("w", "body", WordNamespace);
        foreach (var element in body.ChildElements)
        {
            if (written.TryGetValue(element, out var write))
            {
                write(xml);
            }
            else
            {
                element.WriteTo(xml);
            }
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>The text width of a landscape page: A4 turned, with the same margins.</summary>
    public const int LandscapeTextWidth = PageHeight - MarginLeft - MarginRight;

    private sealed record Headers(string First, string Others);

    /// <summary>
    /// A section's page: A4 in either orientation with Decree 30 margins, page numbers at the top from its second page;
    /// <paramref name="restart"/> numbers its pages from 1 (an appendix).
    /// </summary>
    private static W.SectionProperties Section(bool landscape, Headers headers, bool restart)
    {
        var section = new W.SectionProperties(
            new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = headers.Others },
            new W.HeaderReference { Type = W.HeaderFooterValues.First, Id = headers.First });
        section.Append(
            landscape
                ? new W.PageSize { Width = PageHeight, Height = PageWidth, Orient = W.PageOrientationValues.Landscape }
                : new W.PageSize { Width = PageWidth, Height = PageHeight, Orient = W.PageOrientationValues.Portrait },
            new W.PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 });
        if (restart)
        {
            section.Append(new W.PageNumberType { Start = 1 });
        }

        section.Append(new W.TitlePage());
        return section;
    }

    /// <summary>The paragraph that ends a section (Word keeps a section's page settings in its last paragraph), 1 pt high.</summary>
    private static W.Paragraph SectionBreak(W.SectionProperties section)
    {
        var p = Hairline();
        p.ParagraphProperties!.SectionProperties = section;
        return p;
    }

    /// <summary>An empty paragraph 1 pt high: between tables (Word merges tables that touch) and where one is needed to carry a setting.</summary>
    private static W.Paragraph Hairline() =>
        new(new W.ParagraphProperties(new W.SpacingBetweenLines { Before = "0", After = "0", Line = "20", LineRule = W.LineSpacingRuleValues.Exact }));

    /// <summary>Keeps a paragraph, or a table's last row, on the page of what follows it.</summary>
    private static void KeepWithNext(OpenXmlElement element)
    {
        IEnumerable<W.Paragraph> paragraphs = element switch
        {
            W.Table table => table.Elements<W.TableRow>().Last().Descendants<W.Paragraph>(),
            W.Paragraph paragraph => [paragraph],
            _ => [],
        };
        foreach (var p in paragraphs)
        {
            (p.ParagraphProperties ??= new W.ParagraphProperties()).KeepNext = new W.KeepNext();
        }
    }

    private const int BeforeTitle = 360;

    private static W.Table HeaderTable(OfficialDocument d)
    {
        var left = new List<OpenXmlElement>();
        if (d.ParentBody is { Length: > 0 } parent)
        {
            left.AddRange(Wrap(parent.ToUpper(Vietnamese), HeaderLeft, 26, bold: false).Select(line => Centered(0, Run(line, 26))));
        }

        var issuer = d.IssuingBody.SelectMany(line => Wrap(line.ToUpper(Vietnamese), HeaderLeft, 26, bold: true)).ToList();
        left.AddRange(issuer.Select(line => Centered(0, Run(line, 26, bold: true))));
        // Decree 30: a short rule, a third to a half of the name's length, centred under the issuing body.
        left.Add(Rule(HeaderLeft, issuer.Select(line => Estimate(line, 26, caps: true)).DefaultIfEmpty(0).Max() * 2 / 5, before: 40));
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

    /// <summary>
    /// A name in capitals broken into lines that fit <paramref name="width"/> twips at word boundaries, as a clerk
    /// would: never one word alone on the last line ("BAN QUẢN LÝ DỰ ÁN" over "GIAO THÔNG", not "… GIAO" over
    /// "THÔNG": names end in two-syllable words) and never a line opening with a dash.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int width, int halfPoints, bool bold)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<List<string>>();
        foreach (var word in words)
        {
            var line = lines.LastOrDefault();
            if (line is null || (word != "-" && Width([.. line, word]) > width))
            {
                lines.Add(line = []);
            }

            line.Add(word);
        }

        if (lines.Count > 1 && lines[^1].Count == 1 && lines[^2].Count > 2 && lines[^2][^1] != "-")
        {
            lines[^1].Insert(0, lines[^2][^1]);
            lines[^2].RemoveAt(lines[^2].Count - 1);
        }

        return lines.Select(l => string.Join(' ', l)).ToList();

        int Width(IEnumerable<string> line) => Estimate(string.Join(' ', line), halfPoints, caps: true) * (bold ? 108 : 100) / 100;
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
    /// Returns the section it ends: landscape when a table is too wide for a portrait page.
    /// </summary>
    private static W.SectionProperties AppendAppendix(W.Body body, OfficialDocument d, DocumentAppendix appendix, W.Footnotes notes, Headers headers, Dictionary<OpenXmlElement, Action<XmlWriter>> written)
    {
        var landscape = appendix.Blocks.OfType<DocumentTable>().Any(t => !Columns(t, TextWidth).Fits);
        var width = landscape ? LandscapeTextWidth : TextWidth;
        body.Append(Centered(0, Run($"Phụ lục {appendix.Label}", 28, bold: true)));
        body.Append(Centered(0, Run(appendix.Title.ToUpper(Vietnamese), 28, bold: true)));
        var number = d.Number.StartsWith('/') ? "      " + d.Number : d.Number;
        var kind = d.Kind.Length > 0 ? char.ToUpper(d.Kind[0], Vietnamese) + d.Kind[1..].ToLower(Vietnamese) : d.Kind;
        var of = d.IssuerName is { Length: > 0 } issuer ? $" của {issuer}" : "";
        body.Append(Centered(0, Run($"(Kèm theo {kind} số {number} {DateText(d.Date, d.Year)}{of})", 28, italic: true)));
        body.Append(Rule(width, 1700, before: 80));
        foreach (var block in appendix.Blocks)
        {
            // An appendix's tables are written straight into the saved part (see WriteTable).
            body.Append(block is DocumentTable table
                ? Tables(table, width, (t, widths) =>
                {
                    var placeholder = new W.Paragraph();
                    written[placeholder] = xml => WriteTable(xml, t, widths);
                    return placeholder;
                })
                : Block(block, notes, width));
        }

        return Section(landscape, headers, restart: true);
    }

    private static IEnumerable<OpenXmlElement> Block(DocumentBlock block, W.Footnotes notes, int width) => block switch
    {
        DocumentHeading h => [Heading(h)],
        DocumentParagraph p => [BodyParagraph(p, notes)],
        DocumentTable t => Tables(t, width, Table),
        _ => throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(block)),
    };

    /// <summary>Rows per printed table: see <see cref="Tables"/>.</summary>
    public const int TableChunkRows = 250;

    /// <summary>
    /// A table up to <see cref="TableChunkRows"/> rows is one table whose header row Word and LibreOffice repeat on every
    /// page. A longer one (a province's per-unit appendix in a benchmark has thousands of rows) is printed as tables of
    /// that many rows, each with the header row and starting a page, joined by a hairline paragraph (Word merges
    /// tables that touch): LibreOffice lays out one table of 3,700 rows in minutes and the same rows in chunks in seconds.
    /// </summary>
    private static IEnumerable<OpenXmlElement> Tables(DocumentTable t, int width, Func<DocumentTable, IReadOnlyList<int>, OpenXmlElement> table)
    {
        var widths = Columns(t, width).Widths;
        if (t.Rows.Count <= TableChunkRows + 1)
        {
            yield return table(t, widths);
            yield break;
        }

        for (var start = 1; start < t.Rows.Count; start += TableChunkRows)
        {
            if (start > 1)
            {
                var joint = Hairline();
                joint.ParagraphProperties!.PageBreakBefore = new W.PageBreakBefore();
                yield return joint;
            }

            yield return table(t with { Rows = [t.Rows[0], .. t.Rows.Skip(start).Take(TableChunkRows)] }, widths);
        }
    }

    /// <summary>Left and right padding inside a bordered table's cells.</summary>
    private const int CellPadding = 85;

    /// <summary>The narrowest a text column may be (3 cm) before a table is too wide for the page.</summary>
    public const int MinTextColumn = 1701;

    /// <summary>The most a text column asks for (8 cm): a unit's name on one line.</summary>
    private const int TextColumn = 4536;

    /// <summary>
    /// Column widths in twips for a table <paramref name="width"/> wide. The numbering column (STT) is as wide as its
    /// header and numbers; a number (or empty) column as wide as its widest value and its bold header in three lines
    /// (five at a pinch); a text column from <see cref="MinTextColumn"/> up to its widest value. What is left after the least each
    /// needs goes first to text columns (a wrapped name costs lines on every row, a wrapped header once), then to number
    /// headers, then to text columns by their relative widths. It does not fit when the least each needs is wider than
    /// the page; the widths are then squeezed to the page.
    /// </summary>
    public static (IReadOnlyList<int> Widths, bool Fits) Columns(DocumentTable t, int width)
    {
        var count = t.Widths.Count;
        var header = t.Rows.Count > 0 ? t.Rows[0] : [];
        var body = t.Rows.Skip(1).ToList();
        var least = new int[count];
        var wanted = new int[count];
        var text = new bool[count];
        var longest = new int[count];
        var space = Estimate(" ", 26, caps: false);
        for (var c = 0; c < count; c++)
        {
            var title = c < header.Count ? header[c] : "";
            var values = body.Select(r => c < r.Count ? r[c] : "").Where(v => v.Trim().Length > 0).ToList();
            var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Estimate(w, 26, caps: false) * 108 / 100).ToList();
            var widest = values.Select(v => Estimate(v, 26, caps: false)).DefaultIfEmpty(0).Max();
            longest[c] = widest + (2 * CellPadding);
            if (IsNumbering(c, title))
            {
                least[c] = wanted[c] = Math.Max(Estimate(title, 26, caps: false) * 108 / 100, widest) + (2 * CellPadding);
            }
            else if (values.Count(IsNumber) * 2 >= values.Count)
            {
                // Mostly numbers, or nothing yet: as wide as the header needs.
                least[c] = Math.Max(widest, HeaderWidth(words, 5, space)) + (2 * CellPadding);
                wanted[c] = Math.Max(widest, HeaderWidth(words, 3, space)) + (2 * CellPadding);
            }
            else
            {
                text[c] = true;
                least[c] = Math.Max(MinTextColumn, words.DefaultIfEmpty(0).Max() + (2 * CellPadding));
                wanted[c] = Math.Clamp(widest + (2 * CellPadding), least[c], Math.Max(least[c], TextColumn));
            }
        }

        // A unit beside what it wrote: with several text columns each wants at most its weight's share of the room the
        // others leave, so a paragraph is not kept as narrow as a name (the 8 cm cap is for names).
        var texts = Enumerable.Range(0, count).Where(c => text[c]).ToList();
        if (texts.Count > 1)
        {
            var room = width - Enumerable.Range(0, count).Where(c => !text[c]).Sum(c => least[c]);
            var weights = texts.Sum(c => Math.Max(1, t.Widths[c]));
            foreach (var c in texts)
            {
                wanted[c] = Math.Max(least[c], Math.Min(longest[c], room * Math.Max(1, t.Widths[c]) / weights));
            }
        }

        var widths = least.ToArray();
        var spare = width - widths.Sum();
        if (spare < 0)
        {
            for (var c = 0; c < count; c++)
            {
                widths[c] = (int)((long)least[c] * width / least.Sum());
            }
        }
        else
        {
            spare -= Grow(c => text[c]);
            spare -= Grow(c => !text[c]);
            var columns = Enumerable.Range(0, count).Where(c => text[c]).DefaultIfEmpty(-1).ToList();
            columns = columns[0] < 0 ? [.. Enumerable.Range(0, count)] : columns;
            var weight = columns.Sum(c => Math.Max(1, t.Widths[c]));
            foreach (var c in columns)
            {
                widths[c] += spare * Math.Max(1, t.Widths[c]) / weight;
            }
        }

        // Rounding leaves a few twips: the last column takes them so the table is exactly as wide as the text.
        widths[^1] += width - widths.Sum();
        return (widths, spare >= 0);

        // Widens the chosen columns toward what they want, in proportion when the spare width is not enough.
        int Grow(Func<int, bool> which)
        {
            var gaps = Enumerable.Range(0, count).Where(which).ToDictionary(c => c, c => wanted[c] - widths[c]);
            var total = gaps.Values.Sum();
            var given = 0;
            foreach (var (c, gap) in gaps)
            {
                var more = total <= spare ? gap : (int)((long)gap * spare / total);
                widths[c] += more;
                given += more;
            }

            return given;
        }
    }

    /// <summary>The narrowest width at which words (their widths) wrap into at most <paramref name="lines"/> lines.</summary>
    private static int HeaderWidth(List<int> words, int lines, int space)
    {
        if (words.Count == 0)
        {
            return 0;
        }

        for (var width = words.Max(); ; width += 50)
        {
            var (count, used) = (1, 0);
            foreach (var word in words)
            {
                if (used > 0 && used + space + word > width)
                {
                    (count, used) = (count + 1, 0);
                }

                used += (used > 0 ? space : 0) + word;
            }

            if (count <= lines)
            {
                return width;
            }
        }
    }

    /// <summary>
    /// A cell that reads as a number, set right-aligned: digits with the separators and signs numbers are written with
    /// ("1.234", "95,5", "12–15", "80 %"). Layout only; what a figure's value is, is for the figure rules.
    /// </summary>
    private static bool IsNumber(string value) =>
        value.AsSpan().IndexOfAnyInRange('0', '9') >= 0 && !value.AsSpan().Trim().ContainsAnyExcept(NumberCharacters);

    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("0123456789.,-−–% \u00A0");

    /// <summary>The paragraph style of table cells: 13 pt, 2 pt above and below.</summary>
    private const string TableTextStyle = "TableText";

    private static bool IsNumbering(int column, string title) =>
        column == 0 && Text.VietnameseText.Fold(title).Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal) is "stt" or "tt" or "sott";

    private static W.Paragraph Addressees(IReadOnlyList<string> addressees)
    {
        var spacing = ParagraphSpacing.ToString(CultureInfo.InvariantCulture);
        if (addressees.Count == 1)
        {
            var single = Centered(ParagraphSpacing, Run($"Kính gửi: {addressees[0]}.", 28));
            single.ParagraphProperties!.SpacingBetweenLines!.After = spacing;
            return single;
        }

        // One paragraph with line breaks, so the list reads as one "Kính gửi" block (and imports as one): the bodies
        // one a line, aligned after "Kính gửi:" by a hanging indent, the block centred on the page.
        var lines = addressees.Select((a, i) => $"- {a}{(i == addressees.Count - 1 ? "." : ";")}").ToList();
        var label = Estimate("Kính gửi: ", 28, caps: false);
        var left = Math.Max(label, ((TextWidth - label - lines.Max(l => Estimate(l, 28, caps: false))) / 2) + label);
        var p = new W.Paragraph(new W.ParagraphProperties(
            new W.SpacingBetweenLines { Before = spacing, After = spacing },
            new W.Indentation { Left = left.ToString(CultureInfo.InvariantCulture), Hanging = label.ToString(CultureInfo.InvariantCulture) }));
        p.Append(Run("Kính gửi:", 28), new W.Run(new W.TabChar()), Run(lines[0], 28));
        foreach (var line in lines.Skip(1))
        {
            p.Append(new W.Run(new W.Break()), Run(line, 28));
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

    /// <summary>A bordered table as an element of the document (the report's own tables, a few rows each).</summary>
    private static W.Table Table(DocumentTable t, IReadOnlyList<int> widths)
    {
        var xml = new StringBuilder();
        using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            WriteTable(writer, t, widths);
        }

        return new W.Table(xml.ToString());
    }

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>
    /// A bordered table as XML: the header row bold and repeated on each page, no row split across pages, numbers right
    /// and the numbering column centred. Written straight rather than as OpenXml elements: a province's appendices
    /// have some 150,000 cells, and building and saving them as elements was most of the export (bench/README.md).
    /// </summary>
    private static void WriteTable(XmlWriter xml, DocumentTable t, IReadOnlyList<int> widths)
    {
        const string w = WordNamespace;
        var numbering = t.Rows.Count > 0 && t.Rows[0].Count > 0 && IsNumbering(0, t.Rows[0][0]);
        var cellWidths = widths.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToList();
        xml.WriteStartElement("w", "tbl", w);
        xml.WriteStartElement("w", "tblPr", w);
        Element("tblW", ("w", widths.Sum().ToString(CultureInfo.InvariantCulture)), ("type", "dxa"));
        xml.WriteStartElement("w", "tblBorders", w);
        foreach (var side in (string[])["top", "left", "bottom", "right", "insideH", "insideV"])
        {
            Element(side, ("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000"));
        }

        xml.WriteEndElement();
        Element("tblLayout", ("type", "fixed"));
        xml.WriteStartElement("w", "tblCellMar", w);
        Element("left", ("w", CellPadding.ToString(CultureInfo.InvariantCulture)), ("type", "dxa"));
        Element("right", ("w", CellPadding.ToString(CultureInfo.InvariantCulture)), ("type", "dxa"));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("w", "tblGrid", w);
        foreach (var width in cellWidths)
        {
            Element("gridCol", ("w", width));
        }

        xml.WriteEndElement();
        for (var r = 0; r < t.Rows.Count; r++)
        {
            xml.WriteStartElement("w", "tr", w);
            // Rows are never split across pages; the first row is the header, repeated at the top of each page.
            xml.WriteStartElement("w", "trPr", w);
            Element("cantSplit");
            if (r == 0)
            {
                Element("tblHeader");
            }

            xml.WriteEndElement();
            for (var c = 0; c < widths.Count; c++)
            {
                var value = c < t.Rows[r].Count ? t.Rows[r][c] : "";
                var numeric = r > 0 && c > 0 && IsNumber(value);
                xml.WriteStartElement("w", "tc", w);
                xml.WriteStartElement("w", "tcPr", w);
                Element("tcW", ("w", cellWidths[c]), ("type", "dxa"));
                Element("vAlign", ("val", "center"));
                xml.WriteEndElement();
                xml.WriteStartElement("w", "p", w);
                // Size and spacing come from the table style: each element written per cell costs the export and the
                // PDF conversion time.
                xml.WriteStartElement("w", "pPr", w);
                Element("pStyle", ("val", TableTextStyle));
                if (r == 0 || (c == 0 && numbering) || numeric)
                {
                    Element("jc", ("val", numeric ? "right" : "center"));
                }

                xml.WriteEndElement();
                xml.WriteStartElement("w", "r", w);
                if (r == 0)
                {
                    xml.WriteStartElement("w", "rPr", w);
                    Element("b");
                    Element("bCs");
                    Element("sz", ("val", "26"));
                    Element("szCs", ("val", "26"));
                    xml.WriteEndElement();
                }

                xml.WriteStartElement("w", "t", w);
                xml.WriteAttributeString("xml", "space", null, "preserve");
                xml.WriteString(Text.VietnameseText.Nfc(Text.VietnameseText.WithoutInvalidCharacters(value)));
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        void Element(string name, params (string Name, string Value)[] attributes)
        {
            xml.WriteStartElement("w", name, w);
            foreach (var (attribute, value) in attributes)
            {
                xml.WriteAttributeString("w", attribute, w, value);
            }

            xml.WriteEndElement();
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
            // A row of the header or the signature block is never split across pages.
            var row = new W.TableRow(new W.TableRowProperties(new W.CantSplit()));
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

    /// <summary>
    /// A horizontal rule of about <paramref name="length"/> twips, centred in <paramref name="width"/>: an empty
    /// paragraph's bottom border between indents, <paramref name="before"/> twips below the text above so it does not
    /// touch the letters' tone marks and descenders.
    /// </summary>
    private static W.Paragraph Rule(int width, int length, int before = 0)
    {
        var indent = Math.Max(0, (width - Math.Min(length, width)) / 2).ToString(CultureInfo.InvariantCulture);
        return new W.Paragraph(new W.ParagraphProperties(
            new W.ParagraphBorders(new W.BottomBorder { Val = W.BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
            new W.SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = "0", Line = "40", LineRule = W.LineSpacingRuleValues.Exact },
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
                new W.StyleName { Val = "Table Text" },
                new W.BasedOn { Val = "Normal" },
                new W.StyleParagraphProperties(new W.SpacingBetweenLines { Before = "40", After = "40" }),
                new W.StyleRunProperties(new W.FontSize { Val = "26" }, new W.FontSizeComplexScript { Val = "26" }))
            { Type = W.StyleValues.Paragraph, StyleId = TableTextStyle },
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
