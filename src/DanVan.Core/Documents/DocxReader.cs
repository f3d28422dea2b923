using System.Text;
using System.Xml;
using DanVan.Core.Text;

namespace DanVan.Core.Documents;

internal abstract record Block;

/// <summary>A paragraph as Word would show it: the generated number (if any) separately from the typed text.</summary>
internal sealed record ParagraphBlock(string Text, string? Label, bool Bold, int? OutlineLevel, bool Centered) : Block
{
    public string Full => Label is null ? Text : $"{Label} {Text}";
}

internal sealed record TableBlock(IReadOnlyList<IReadOnlyList<IReadOnlyList<ParagraphBlock>>> Rows) : Block
{
    public IEnumerable<string> CellLines(int row, int cell) =>
        Rows[row][cell].SelectMany(p => p.Full.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0);

    public string AllText => string.Join("\n", Rows.SelectMany(r => r.SelectMany(c => c.Select(p => p.Full))));
}

/// <summary>
/// Word in: a .docx stream to the report model. Streams the XML (no DOM), so a report reads in about the time it
/// takes to inflate it.
/// </summary>
public static class DocxReader
{
    public static ImportedReport Read(Stream input)
    {
        using var package = SafePackage.Check(input);
        try
        {
            using var word = new WordPackage(package);
            var reader = new Extractor(word);
            var blocks = reader.Body();
            var report = ReportOutline.Build(blocks, reader.Footnotes);
            report.SourceEncoding = reader.Encoding();
            if (reader.SawTrackedChanges)
            {
                report.Warnings.Add("The document has tracked changes; the text as if all changes were accepted was imported.");
            }

            if (reader.HasComments())
            {
                report.Warnings.Add("Comments in the document were ignored.");
            }

            if (report.SourceEncoding != "unicode")
            {
                report.Warnings.Add($"Text typed in legacy Vietnamese fonts ({report.SourceEncoding}) was converted to Unicode; check the spelling.");
            }

            return report;
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
        {
            throw new DocumentImportException(ImportFailure.Corrupt, $"The document XML is damaged: {ex.Message}", ex);
        }
    }

    private sealed class Extractor
    {
        private readonly WordPackage _word;
        private readonly WordStyles _styles;
        private readonly WordNumbering _numbering;
        private readonly Dictionary<string, string> _footnoteTexts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _runsByEncoding = [];

        public Extractor(WordPackage word)
        {
            _word = word;
            _styles = WordStyles.For(word);
            _numbering = new WordNumbering(word);
            ReadFootnotes();
        }

        public List<string> Footnotes { get; } = [];

        public bool SawTrackedChanges { get; private set; }

        public List<Block> Body()
        {
            var blocks = new List<Block>();
            using var reader = _word.Main();
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "body" && reader.NamespaceURI == WordPackage.W)
                {
                    Children(reader, c => Block(c, blocks));
                    break;
                }
            }

            return blocks;
        }

        public bool HasComments()
        {
            using var reader = _word.Related("comments");
            while (reader?.Read() == true)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "comment" && reader.NamespaceURI == WordPackage.W)
                {
                    return true;
                }
            }

            return false;
        }

        public string Encoding()
        {
            var kinds = _runsByEncoding.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToList();
            return kinds.Count switch
            {
                0 => "unicode",
                1 => kinds[0],
                _ => "mixed",
            };
        }

        /// <summary>
        /// Calls <paramref name="onElement"/> for each child element; the handler must consume its element (read past
        /// its end). Leaves the reader after the parent's end.
        /// </summary>
        private static void Children(XmlReader reader, Action<XmlReader> onElement)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }

            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && !(reader.Depth == depth && reader.NodeType == XmlNodeType.EndElement))
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    onElement(reader);
                }
                else
                {
                    reader.Read();
                }
            }

            reader.Read();
        }

        private void Block(XmlReader reader, List<Block> blocks)
        {
            if (reader.NamespaceURI != WordPackage.W)
            {
                reader.Skip();
                return;
            }

            switch (reader.LocalName)
            {
                case "p":
                    blocks.Add(Paragraph(reader));
                    break;
                case "tbl":
                    blocks.Add(Table(reader));
                    break;
                case "sdt" or "sdtContent" or "customXml":
                    // Content controls wrap ordinary paragraphs and tables.
                    Children(reader, c => Block(c, blocks));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        private TableBlock Table(XmlReader reader)
        {
            var rows = new List<IReadOnlyList<IReadOnlyList<ParagraphBlock>>>();
            Children(reader, row =>
            {
                if (row.LocalName != "tr" || row.NamespaceURI != WordPackage.W)
                {
                    row.Skip();
                    return;
                }

                var cells = new List<IReadOnlyList<ParagraphBlock>>();
                Children(row, cell =>
                {
                    if (cell.LocalName != "tc" || cell.NamespaceURI != WordPackage.W)
                    {
                        cell.Skip();
                        return;
                    }

                    var paragraphs = new List<ParagraphBlock>();
                    Children(cell, content =>
                    {
                        var inner = new List<Block>();
                        Block(content, inner);
                        foreach (var block in inner)
                        {
                            // A table nested in a cell is read as that cell's lines.
                            paragraphs.AddRange(block is TableBlock nested ? nested.Rows.SelectMany(r => r.SelectMany(c => c)) : [(ParagraphBlock)block]);
                        }
                    });
                    cells.Add(paragraphs);
                });
                rows.Add(cells);
            });
            return new TableBlock(rows);
        }

        private sealed class ParagraphState
        {
            public StringBuilder Text { get; } = new();

            public string? Style { get; set; }

            public int? NumId { get; set; }

            public int? Level { get; set; }

            public int? Outline { get; set; }

            public bool Centered { get; set; }

            public int Visible { get; set; }

            public int BoldVisible { get; set; }
        }

        private ParagraphBlock Paragraph(XmlReader reader)
        {
            var state = new ParagraphState();
            Children(reader, c => Inline(c, state));
            var clean = VietnameseText.CleanWordText(VietnameseText.Nfc(state.Text.ToString()));
            var style = state.Style ?? _styles.DefaultParagraphStyle;
            string? label = null;
            var styled = _styles.Numbering(style);
            var numId = state.NumId ?? styled?.NumId;
            if (numId is { } id and not 0 && clean.Length > 0)
            {
                label = _numbering.Next(id, state.Level ?? styled?.Level ?? 0);
            }

            return new ParagraphBlock(
                clean,
                label,
                state.Visible > 0 && state.BoldVisible * 10 >= state.Visible * 9,
                state.Outline is { } o ? (o < 9 ? o : null) : _styles.OutlineLevel(style),
                state.Centered);
        }

        private void Inline(XmlReader reader, ParagraphState state)
        {
            if (reader.NamespaceURI != WordPackage.W)
            {
                // mc:AlternateContent and the like hold drawings and text boxes, not the paragraph's own text.
                reader.Skip();
                return;
            }

            switch (reader.LocalName)
            {
                case "pPr":
                    ParagraphProperties(reader, state);
                    break;
                case "r":
                    Run(reader, state);
                    break;
                case "del" or "moveFrom":
                    SawTrackedChanges = true;
                    reader.Skip();
                    break;
                case "ins" or "moveTo":
                    SawTrackedChanges = true;
                    Children(reader, c => Inline(c, state));
                    break;
                case "hyperlink" or "fldSimple" or "smartTag" or "customXml" or "sdt" or "sdtContent" or "bdo" or "dir":
                    Children(reader, c => Inline(c, state));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        private static void ParagraphProperties(XmlReader reader, ParagraphState state) =>
            Children(reader, c =>
            {
                if (c.NamespaceURI != WordPackage.W)
                {
                    c.Skip();
                    return;
                }

                switch (c.LocalName)
                {
                    case "pStyle":
                        state.Style = WordPackage.Val(c);
                        c.Skip();
                        break;
                    case "outlineLvl":
                        state.Outline = WordPackage.Int(c);
                        c.Skip();
                        break;
                    case "jc":
                        state.Centered = WordPackage.Val(c) == "center";
                        c.Skip();
                        break;
                    case "numPr":
                        Children(c, n =>
                        {
                            if (n.LocalName == "numId")
                            {
                                state.NumId = WordPackage.Int(n);
                            }
                            else if (n.LocalName == "ilvl")
                            {
                                state.Level = WordPackage.Int(n);
                            }

                            n.Skip();
                        });
                        break;
                    default:
                        // Includes the paragraph mark's rPr, which does not apply to the runs.
                        c.Skip();
                        break;
                }
            });

        private void Run(XmlReader reader, ParagraphState state)
        {
            RunFonts? fonts = null;
            string? runStyle = null;
            bool? bold = null;
            var raw = new StringBuilder();
            Children(reader, c =>
            {
                if (c.NamespaceURI != WordPackage.W)
                {
                    c.Skip();
                    return;
                }

                switch (c.LocalName)
                {
                    case "rPr":
                        Children(c, p =>
                        {
                            switch (p.LocalName)
                            {
                                case "rStyle":
                                    runStyle = WordPackage.Val(p);
                                    break;
                                case "rFonts":
                                    fonts = WordStyles.Fonts(p);
                                    break;
                                case "b":
                                    bold = WordPackage.OnOff(p);
                                    break;
                            }

                            p.Skip();
                        });
                        break;
                    case "t":
                        raw.Append(c.ReadElementContentAsString());
                        break;
                    case "tab" or "ptab":
                        raw.Append(' ');
                        c.Skip();
                        break;
                    case "br" or "cr":
                        raw.Append('\n');
                        c.Skip();
                        break;
                    case "softHyphen":
                        // LibreOffice writes a TCVN3 "ư" (byte 0xAD) as this element; in Unicode runs it is dropped below.
                        raw.Append('\u00AD');
                        c.Skip();
                        break;
                    case "noBreakHyphen":
                        raw.Append('-');
                        c.Skip();
                        break;
                    case "footnoteReference":
                        raw.Append(FootnoteMarker(c.GetAttribute("id", WordPackage.W)));
                        c.Skip();
                        break;
                    default:
                        // delText, instrText (field codes), drawings, symbols: not part of the visible text.
                        c.Skip();
                        break;
                }
            });

            if (raw.Length == 0)
            {
                return;
            }

            var text = Decode(raw.ToString(), _styles.RunFont(fonts, runStyle, state.Style));
            var visible = text.Count(ch => !char.IsWhiteSpace(ch));
            state.Visible += visible;
            if (_styles.RunBold(bold, runStyle, state.Style))
            {
                state.BoldVisible += visible;
            }

            state.Text.Append(text);
        }

        private string Decode(string raw, string? font)
        {
            if (LegacyVietnamese.EncodingOfFont(font) is { } encoding)
            {
                // Decode before any clean-up: TCVN3 writes "ư" as 0xAD, the soft hyphen.
                Count(encoding == LegacyEncoding.Tcvn3 ? "tcvn3" : "vni");
                return LegacyVietnamese.Decode(raw, encoding, LegacyVietnamese.IsCapitalFont(font));
            }

            if (raw.Any(c => c > 0x7F && char.IsLetter(c)))
            {
                Count("unicode");
            }

            return raw.Replace("\u00AD", "", StringComparison.Ordinal);
        }

        private void Count(string encoding) => _runsByEncoding[encoding] = _runsByEncoding.GetValueOrDefault(encoding) + 1;

        private string FootnoteMarker(string? id)
        {
            if (id is null || !_footnoteTexts.TryGetValue(id, out var text))
            {
                return "";
            }

            Footnotes.Add(text);
            return $"[{Footnotes.Count}]";
        }

        private void ReadFootnotes()
        {
            using var reader = _word.Related("footnotes");
            if (reader is null)
            {
                return;
            }

            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "footnote" && reader.NamespaceURI == WordPackage.W)
                {
                    var id = reader.GetAttribute("id", WordPackage.W);
                    var separator = reader.GetAttribute("type", WordPackage.W) is "separator" or "continuationSeparator" or "continuationNotice";
                    var paragraphs = new List<string>();
                    Children(reader, c =>
                    {
                        if (c.LocalName == "p" && c.NamespaceURI == WordPackage.W)
                        {
                            paragraphs.Add(Paragraph(c).Text);
                        }
                        else
                        {
                            c.Skip();
                        }
                    });
                    if (id is not null && !separator)
                    {
                        _footnoteTexts.TryAdd(id, string.Join(" ", paragraphs.Where(p => p.Length > 0)).Trim());
                    }

                    continue;
                }

                reader.Read();
            }
        }
    }
}
