using System.Buffers;
using System.Text;
using DanVan.Core.Text;

namespace DanVan.Core.Word;

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
    /// <summary>
    /// The report in the .docx; its cited documents checked against <paramref name="registry"/> (an import passes the
    /// registry in use, with administrators' entries), else the shipped list.
    /// </summary>
    public static ImportedReport Read(Stream input, Citations.LegalRegistry? registry = null)
    {
        using var package = SafePackage.Check(input);
        try
        {
            var reader = new Extractor(new WordPackage(package));
            var blocks = reader.Body();
            var report = ReportOutline.Build(blocks, reader.Footnotes, registry);
            report.SourceEncoding = reader.Encoding();
            if (reader.SawTrackedChanges)
            {
                report.Warnings.Add(new(ImportWarningCode.TrackedChanges));
            }

            if (reader.HasComments())
            {
                report.Warnings.Add(new(ImportWarningCode.CommentsIgnored));
            }

            if (report.SourceEncoding != "unicode")
            {
                report.Warnings.Add(new(ImportWarningCode.LegacyFonts, report.SourceEncoding));
            }

            return report;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
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
        private readonly ParagraphState _paragraph = new();
        private readonly StringBuilder _raw = new();
        private char[] _runChars = new char[256];

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
            var w = WordPackage.W;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNode.Element && reader.LocalName is "body" && ReferenceEquals(reader.NamespaceURI, w))
                {
                    Blocks(reader, w, blocks);
                    break;
                }
            }

            return blocks;
        }

        public bool HasComments() => (bool)_word.ReadRelated<object>("comments", static reader =>
        {
            while (reader?.Read() == true)
            {
                if (reader.NodeType == XmlNode.Element && reader.LocalName is "comment" && reader.NamespaceURI == WordPackage.W)
                {
                    return true;
                }
            }

            return false;
        });

        public string Encoding()
        {
            string? only = null;
            foreach (var (kind, runs) in _runsByEncoding)
            {
                if (runs > 0)
                {
                    if (only is not null)
                    {
                        return "mixed";
                    }

                    only = kind;
                }
            }

            return only ?? "unicode";
        }

        /// <summary>
        /// Steps into the element under the reader; pass the result to <see cref="NextChild"/>. The loops below are
        /// written out rather than taking a callback per element: a delegate and closure per XML element was the
        /// importer's largest cost.
        /// </summary>
        private static int Enter(XmlScanner reader)
        {
            var depth = reader.IsEmptyElement ? -1 : reader.Depth;
            reader.Read();
            return depth;
        }

        /// <summary>
        /// Moves to the next child element of the element entered at <paramref name="depth"/>, which the caller must
        /// consume (read past its end); false, with the reader after the parent's end, when there are no more.
        /// </summary>
        private static bool NextChild(XmlScanner reader, int depth)
        {
            if (depth < 0)
            {
                return false;
            }

            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNode.Element)
                {
                    return true;
                }

                if (reader.NodeType == XmlNode.EndElement && reader.Depth == depth)
                {
                    reader.Read();
                    return false;
                }

                reader.Read();
            }

            return false;
        }

        /// <summary>The paragraphs and tables inside the element under the reader, added to <paramref name="blocks"/>.</summary>
        private void Blocks(XmlScanner reader, string w, List<Block> blocks)
        {
            for (var depth = Enter(reader); NextChild(reader, depth);)
            {
                if (!ReferenceEquals(reader.NamespaceURI, w))
                {
                    reader.Skip();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "p":
                        blocks.Add(Paragraph(reader, w));
                        break;
                    case "tbl":
                        blocks.Add(Table(reader, w));
                        break;
                    case "sdt" or "sdtContent" or "customXml":
                        // Content controls wrap ordinary paragraphs and tables.
                        Blocks(reader, w, blocks);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        private TableBlock Table(XmlScanner reader, string w)
        {
            var rows = new List<IReadOnlyList<IReadOnlyList<ParagraphBlock>>>();
            for (var table = Enter(reader); NextChild(reader, table);)
            {
                if (reader.LocalName is not "tr" || !ReferenceEquals(reader.NamespaceURI, w))
                {
                    reader.Skip();
                    continue;
                }

                var cells = new List<IReadOnlyList<ParagraphBlock>>();
                for (var row = Enter(reader); NextChild(reader, row);)
                {
                    if (reader.LocalName is not "tc" || !ReferenceEquals(reader.NamespaceURI, w))
                    {
                        reader.Skip();
                        continue;
                    }

                    var inner = new List<Block>();
                    Blocks(reader, w, inner);
                    var paragraphs = new List<ParagraphBlock>(inner.Count);
                    foreach (var block in inner)
                    {
                        if (block is TableBlock nested)
                        {
                            // A table nested in a cell is read as that cell's lines.
                            foreach (var nestedRow in nested.Rows)
                            {
                                foreach (var nestedCell in nestedRow)
                                {
                                    paragraphs.AddRange(nestedCell);
                                }
                            }
                        }
                        else
                        {
                            paragraphs.Add((ParagraphBlock)block);
                        }
                    }

                    cells.Add(paragraphs);
                }

                rows.Add(cells);
            }

            return new TableBlock(rows);
        }

        /// <summary>What one paragraph's properties and runs add up to; reused, as paragraphs never nest.</summary>
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

            public void Clear()
            {
                Text.Clear();
                (Style, NumId, Level, Outline, Centered, Visible, BoldVisible) = (null, null, null, null, false, 0, 0);
            }
        }

        private ParagraphBlock Paragraph(XmlScanner reader, string w)
        {
            var state = _paragraph;
            state.Clear();
            Inlines(reader, w, state);
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

        /// <summary>The paragraph's properties and text inside the element under the reader.</summary>
        private void Inlines(XmlScanner reader, string w, ParagraphState state)
        {
            for (var depth = Enter(reader); NextChild(reader, depth);)
            {
                if (!ReferenceEquals(reader.NamespaceURI, w))
                {
                    // mc:AlternateContent and the like hold drawings and text boxes, not the paragraph's own text.
                    reader.Skip();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "pPr":
                        ParagraphProperties(reader, w, state);
                        break;
                    case "r":
                        Run(reader, w, state);
                        break;
                    case "del" or "moveFrom":
                        SawTrackedChanges = true;
                        reader.Skip();
                        break;
                    case "ins" or "moveTo":
                        SawTrackedChanges = true;
                        Inlines(reader, w, state);
                        break;
                    case "hyperlink" or "fldSimple" or "smartTag" or "customXml" or "sdt" or "sdtContent" or "bdo" or "dir":
                        Inlines(reader, w, state);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        private static void ParagraphProperties(XmlScanner reader, string w, ParagraphState state)
        {
            for (var depth = Enter(reader); NextChild(reader, depth);)
            {
                if (!ReferenceEquals(reader.NamespaceURI, w))
                {
                    reader.Skip();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "pStyle":
                        state.Style = WordPackage.Val(reader);
                        break;
                    case "outlineLvl":
                        state.Outline = WordPackage.Int(reader);
                        break;
                    case "jc":
                        state.Centered = WordPackage.Val(reader) == "center";
                        break;
                    case "numPr":
                        for (var numPr = Enter(reader); NextChild(reader, numPr);)
                        {
                            if (reader.LocalName is "numId")
                            {
                                state.NumId = WordPackage.Int(reader);
                            }
                            else if (reader.LocalName is "ilvl")
                            {
                                state.Level = WordPackage.Int(reader);
                            }

                            reader.Skip();
                        }

                        continue;
                }

                // Everything else, including the paragraph mark's rPr, which does not apply to the runs.
                reader.Skip();
            }
        }

        private void Run(XmlScanner reader, string w, ParagraphState state)
        {
            RunFonts? fonts = null;
            string? runStyle = null;
            bool? bold = null;
            var raw = _raw.Clear();
            for (var depth = Enter(reader); NextChild(reader, depth);)
            {
                if (!ReferenceEquals(reader.NamespaceURI, w))
                {
                    reader.Skip();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "rPr":
                        for (var properties = Enter(reader); NextChild(reader, properties);)
                        {
                            switch (reader.LocalName)
                            {
                                case "rStyle":
                                    runStyle = WordPackage.Val(reader);
                                    break;
                                case "rFonts":
                                    fonts = WordStyles.Fonts(reader);
                                    break;
                                case "b":
                                    bold = WordPackage.OnOff(reader);
                                    break;
                            }

                            reader.Skip();
                        }

                        continue;
                    case "t":
                        reader.AppendElementContent(raw);
                        continue;
                    case "tab" or "ptab":
                        raw.Append(' ');
                        break;
                    case "br" or "cr":
                        raw.Append('\n');
                        break;
                    case "softHyphen":
                        // LibreOffice writes a TCVN3 "ư" (byte 0xAD) as this element; in Unicode runs it is dropped below.
                        raw.Append('\u00AD');
                        break;
                    case "noBreakHyphen":
                        raw.Append('-');
                        break;
                    case "footnoteReference":
                        raw.Append(FootnoteMarker(reader.GetAttribute("id", WordPackage.W)));
                        break;
                }

                // delText, instrText (field codes), drawings, symbols: not part of the visible text.
                reader.Skip();
            }

            if (raw.Length == 0)
            {
                return;
            }

            var font = _styles.RunFont(fonts, runStyle, state.Style);
            var isBold = _styles.RunBold(bold, runStyle, state.Style);
            if (LegacyVietnamese.EncodingOfFont(font) is { } encoding)
            {
                // Decode before any clean-up: TCVN3 writes "ư" as 0xAD, the soft hyphen.
                Count(encoding == LegacyEncoding.Tcvn3 ? "tcvn3" : "vni");
                AppendVisible(state, LegacyVietnamese.Decode(raw.ToString(), encoding, LegacyVietnamese.IsCapitalFont(font)), isBold);
                return;
            }

            // Unicode runs are checked and appended from a reused buffer rather than a string per run.
            if (_runChars.Length < raw.Length)
            {
                _runChars = new char[Math.Max(raw.Length, _runChars.Length * 2)];
            }

            raw.CopyTo(0, _runChars, raw.Length);
            var text = _runChars.AsSpan(0, raw.Length);
            if (HasNonAsciiLetter(text))
            {
                Count("unicode");
            }

            if (text.Contains('\u00AD'))
            {
                text = text[..RemoveSoftHyphens(text)];
            }

            AppendVisible(state, text, isBold);
        }

        /// <summary>Adds a run's text and how many of its characters are visible (not white space) to the paragraph.</summary>
        private static void AppendVisible(ParagraphState state, ReadOnlySpan<char> text, bool bold)
        {
            var visible = text.IndexOfAny(WhiteSpaceButSpace) < 0 ? text.Length - text.Count(' ') : CountVisible(text);
            state.Visible += visible;
            if (bold)
            {
                state.BoldVisible += visible;
            }

            state.Text.Append(text);
        }

        private static int CountVisible(ReadOnlySpan<char> text)
        {
            var visible = 0;
            foreach (var ch in text)
            {
                if (!char.IsWhiteSpace(ch))
                {
                    visible++;
                }
            }

            return visible;
        }

        /// <summary>
        /// White space by <see cref="char.IsWhiteSpace(char)"/> other than the plain space, taken from the runtime's own
        /// character data: runs without any are counted with two vectorised searches instead of a test per character.
        /// </summary>
        private static readonly SearchValues<char> WhiteSpaceButSpace = CreateWhiteSpaceButSpace();

        private static SearchValues<char> CreateWhiteSpaceButSpace()
        {
            var chars = new List<char>();
            for (var c = char.MinValue; c < char.MaxValue; c++)
            {
                if (c != ' ' && char.IsWhiteSpace(c))
                {
                    chars.Add(c);
                }
            }

            return SearchValues.Create(chars.ToArray());
        }

        private static bool HasNonAsciiLetter(ReadOnlySpan<char> text)
        {
            for (var i = text.IndexOfAnyExceptInRange('\0', '\u007F'); i >= 0;)
            {
                if (char.IsLetter(text[i]))
                {
                    return true;
                }

                var next = text[(i + 1)..].IndexOfAnyExceptInRange('\0', '\u007F');
                i = next < 0 ? -1 : i + 1 + next;
            }

            return false;
        }

        /// <summary>Drops soft hyphens in place (Word shows them only at a line break); returns the new length.</summary>
        private static int RemoveSoftHyphens(Span<char> text)
        {
            var length = 0;
            foreach (var ch in text)
            {
                if (ch != '\u00AD')
                {
                    text[length++] = ch;
                }
            }

            return length;
        }

        private void Count(string encoding)
        {
            _runsByEncoding.TryGetValue(encoding, out var runs);
            _runsByEncoding[encoding] = runs + 1;
        }

        private string FootnoteMarker(string? id)
        {
            if (id is null || !_footnoteTexts.TryGetValue(id, out var text))
            {
                return "";
            }

            Footnotes.Add(text);
            return $"[{Footnotes.Count}]";
        }

        /// <summary>
        /// Footnotes parts holding only Word's separator lines, by fingerprint: Word and pandoc write one into every
        /// report without footnotes, and opening it again for each file was 2 % of an import.
        /// </summary>
        private static readonly PartCache<string> PartsWithoutFootnotes = new(256);

        private void ReadFootnotes()
        {
            var fingerprint = _word.Fingerprint("footnotes");
            if (fingerprint is not null && PartsWithoutFootnotes.TryGetValue(fingerprint, out _))
            {
                return;
            }

            using var reader = _word.Related("footnotes");
            if (reader is null)
            {
                return;
            }

            var w = WordPackage.W;
            var sawFootnote = false;
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNode.Element && reader.LocalName is "footnote" && ReferenceEquals(reader.NamespaceURI, w))
                {
                    var id = reader.GetAttribute("id", WordPackage.W);
                    if (reader.GetAttribute("type", WordPackage.W) is "separator" or "continuationSeparator" or "continuationNotice")
                    {
                        // The line Word draws above footnotes, not text.
                        reader.Skip();
                        continue;
                    }

                    sawFootnote = true;
                    var paragraphs = new List<string>();
                    for (var depth = Enter(reader); NextChild(reader, depth);)
                    {
                        if (reader.LocalName is "p" && ReferenceEquals(reader.NamespaceURI, w))
                        {
                            paragraphs.Add(Paragraph(reader, w).Text);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    if (id is not null)
                    {
                        _footnoteTexts.TryAdd(id, string.Join(" ", paragraphs.Where(p => p.Length > 0)).Trim());
                    }

                    continue;
                }

                reader.Read();
            }

            if (fingerprint is not null && !sawFootnote)
            {
                PartsWithoutFootnotes.Set(fingerprint, fingerprint);
            }
        }
    }
}
