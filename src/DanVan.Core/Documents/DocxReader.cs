using System.Text;
using DanVan.Core.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

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

/// <summary>Word in: a .docx stream to the report model. The only place that knows Open XML.</summary>
public static class DocxReader
{
    /// <summary>Bounds the XML DOM of any one part, on top of <see cref="SafePackage"/>'s inflated-size limit.</summary>
    private const long MaxCharactersInPart = 40_000_000;

    public static ImportedReport Read(Stream input)
    {
        using var package = SafePackage.Check(input);
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(package, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException)
        {
            throw new DocumentImportException(ImportFailure.Corrupt, $"The .docx package is damaged: {ex.Message}", ex);
        }

        using (document)
        {
            try
            {
                return ReadDocument(document);
            }
            catch (Exception ex) when (ex is System.Xml.XmlException or InvalidOperationException or OpenXmlPackageException)
            {
                throw new DocumentImportException(ImportFailure.Corrupt, $"The document XML is damaged: {ex.Message}", ex);
            }
        }
    }

    private static ImportedReport ReadDocument(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart ?? throw new DocumentImportException(ImportFailure.NotWord, "The package has no main Word document part.");
        var body = main.Document?.Body ?? throw new DocumentImportException(ImportFailure.NotWord, "The Word document has no body.");
        var reader = new Extractor(main);
        var blocks = body.ChildElements.SelectMany(reader.Blocks).ToList();
        var report = ReportOutline.Build(blocks, reader.Footnotes);
        report.SourceEncoding = reader.Encoding();
        if (reader.SawTrackedChanges)
        {
            report.Warnings.Add("The document has tracked changes; the text as if all changes were accepted was imported.");
        }

        if (main.WordprocessingCommentsPart?.Comments?.HasChildren == true)
        {
            report.Warnings.Add("Comments in the document were ignored.");
        }

        if (report.SourceEncoding != "unicode")
        {
            report.Warnings.Add($"Text typed in legacy Vietnamese fonts ({report.SourceEncoding}) was converted to Unicode; check the spelling.");
        }

        return report;
    }

    private sealed class Extractor(MainDocumentPart main)
    {
        private readonly WordStyles _styles = new(main);
        private readonly WordNumbering _numbering = new(main);
        private readonly Dictionary<long, Footnote> _footnoteParts = main.FootnotesPart?.Footnotes?.Elements<Footnote>()
            .Where(f => f.Id?.Value is not null).GroupBy(f => f.Id!.Value).ToDictionary(g => g.Key, g => g.First()) ?? [];

        private readonly Dictionary<string, int> _runsByEncoding = [];

        public List<string> Footnotes { get; } = [];

        public bool SawTrackedChanges { get; private set; }

        public IEnumerable<Block> Blocks(OpenXmlElement element)
        {
            switch (element)
            {
                case Paragraph p:
                    yield return ReadParagraph(p);
                    break;
                case Table t:
                    yield return new TableBlock(t.Elements<TableRow>()
                        .Select(r => (IReadOnlyList<IReadOnlyList<ParagraphBlock>>)r.Elements<TableCell>()
                            .Select(c => (IReadOnlyList<ParagraphBlock>)c.Descendants<Paragraph>().Select(ReadParagraph).ToList())
                            .ToList())
                        .ToList());
                    break;
                case SdtBlock sdt:
                    // Content controls wrap ordinary paragraphs and tables.
                    foreach (var inner in sdt.SdtContentBlock?.ChildElements ?? Enumerable.Empty<OpenXmlElement>())
                    {
                        foreach (var block in Blocks(inner))
                        {
                            yield return block;
                        }
                    }

                    break;
            }
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

        private ParagraphBlock ReadParagraph(Paragraph paragraph)
        {
            var text = new StringBuilder();
            var boldChars = 0;
            var visibleChars = 0;
            foreach (var run in paragraph.Descendants<Run>())
            {
                if (IsDeleted(run))
                {
                    continue;
                }

                var piece = RunText(run, paragraph);
                if (piece.Length == 0)
                {
                    continue;
                }

                var visible = piece.Count(c => !char.IsWhiteSpace(c));
                visibleChars += visible;
                if (_styles.RunBold(run, paragraph))
                {
                    boldChars += visible;
                }

                text.Append(piece);
            }

            if (paragraph.Descendants<InsertedRun>().Any() || paragraph.Descendants<DeletedRun>().Any())
            {
                SawTrackedChanges = true;
            }

            var clean = VietnameseText.CleanWordText(VietnameseText.Nfc(text.ToString()));
            string? label = null;
            if (_styles.Numbering(paragraph) is { } numbering && clean.Length > 0)
            {
                label = _numbering.Next(numbering.NumId, numbering.Level);
            }

            var justification = paragraph.ParagraphProperties?.Justification?.Val?.Value;
            return new ParagraphBlock(
                clean,
                label,
                visibleChars > 0 && boldChars * 10 >= visibleChars * 9,
                _styles.OutlineLevel(paragraph),
                justification == JustificationValues.Center);
        }

        private static bool IsDeleted(Run run) =>
            run.Ancestors<DeletedRun>().Any() || run.Ancestors<MoveFromRun>().Any();

        private string RunText(Run run, Paragraph paragraph)
        {
            var font = _styles.RunFont(run, paragraph);
            var legacy = LegacyVietnamese.EncodingOfFont(font);
            var sb = new StringBuilder();
            foreach (var child in run.ChildElements)
            {
                switch (child)
                {
                    case WordText t:
                        sb.Append(t.Text);
                        break;
                    case TabChar:
                        sb.Append(' ');
                        break;
                    case Break:
                    case CarriageReturn:
                        sb.Append('\n');
                        break;
                    case NoBreakHyphen:
                        sb.Append('-');
                        break;
                    case FootnoteReference reference when reference.Id?.Value is { } id:
                        sb.Append(FootnoteMarker(id));
                        break;
                }
            }

            var raw = sb.ToString();
            if (raw.Length == 0)
            {
                return raw;
            }

            if (legacy is { } encoding)
            {
                // Decode before any clean-up: TCVN3 writes "ư" as 0xAD, the soft hyphen.
                Count(encoding == LegacyEncoding.Tcvn3 ? "tcvn3" : "vni", raw);
                return LegacyVietnamese.Decode(raw, encoding, LegacyVietnamese.IsCapitalFont(font));
            }

            Count("unicode", raw);
            return raw.Replace("\u00AD", "", StringComparison.Ordinal);
        }

        private void Count(string encoding, string raw)
        {
            // Runs of digits and punctuation say nothing about how the letters were typed.
            if (encoding == "unicode" && !raw.Any(c => c > 0x7F && char.IsLetter(c)))
            {
                return;
            }

            _runsByEncoding[encoding] = _runsByEncoding.GetValueOrDefault(encoding) + 1;
        }

        private string FootnoteMarker(long id)
        {
            if (!_footnoteParts.TryGetValue(id, out var footnote))
            {
                return "";
            }

            var text = string.Join(" ", footnote.Descendants<Paragraph>().Select(p => ReadFootnoteParagraph(p)).Where(t => t.Length > 0));
            Footnotes.Add(text);
            return $"[{Footnotes.Count}]";
        }

        private string ReadFootnoteParagraph(Paragraph paragraph) =>
            VietnameseText.CleanWordText(VietnameseText.Nfc(string.Concat(paragraph.Descendants<Run>()
                .Where(r => !IsDeleted(r) && !r.Descendants<FootnoteReferenceMark>().Any())
                .Select(r => RunText(r, paragraph)))));
    }
}
