using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Spreadsheets;

/// <summary>One row of a sheet as Excel numbers it (1-based), its cells as text from column A on.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    public string this[int column] => column < Cells.Count ? Cells[column] : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);

    /// <summary>The columns holding a number cell: its text is the invariant "1234.5", not what the user typed.</summary>
    public IReadOnlySet<int> NumberColumns { get; init; } = new HashSet<int>();

    public bool IsNumber(int column) => NumberColumns.Contains(column);
}

/// <summary>How a written cell looks, and whether a user may type in it once the sheet is protected (the Input* styles).</summary>
public enum XlsxStyle
{
    Text,
    Header,
    Bold,
    Whole,
    Number,
    Rate,
    BoldWhole,
    BoldRate,
    InputWhole,
    InputNumber,
    InputText,
    Wrapped,
}

/// <summary>A cell to write: text, a number, or a formula with the value it has now (null: none yet).</summary>
public readonly record struct XlsxCell(string? Text, decimal? Number, string? Formula, XlsxStyle Style)
{
    public static XlsxCell Of(string? text, XlsxStyle style = XlsxStyle.Text) => new(text ?? "", null, null, style);

    public static XlsxCell Of(decimal? number, XlsxStyle style) => new(null, number, null, style);

    public static XlsxCell Computed(string formula, decimal? value, XlsxStyle style) => new(null, value, formula, style);
}

/// <summary>A sheet to write: column widths (in characters), rows from row 1, the rows frozen above the scrolling part.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<double> Widths, IEnumerable<IReadOnlyList<XlsxCell>> Rows)
{
    public int FrozenRows { get; init; }

    /// <summary>Labels and formulas cannot be typed over; the Input* cells stay open. No password: it guards against slips, not people.</summary>
    public bool Protected { get; init; }
}

public sealed record SheetColumn(string Header, double Width);

public enum SpreadsheetFailure
{
    Empty,
    TooLarge,
    LegacyXls,
    Encrypted,
    NotXlsx,
    Damaged,
}

/// <summary>The upload is not a readable .xlsx workbook; a form error on the file field, English for the command line.</summary>
public sealed class SpreadsheetException(SpreadsheetFailure failure, string message) : DomainException("File", message)
{
    public SpreadsheetFailure Failure { get; } = failure;
}

/// <summary>
/// The first sheet of an .xlsx as text, and a one-sheet workbook written back. Reading is bounded (file size, parts,
/// inflated bytes, rows, columns) and never resolves DTDs, so a hostile or broken upload fails with a specific reason.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const long MaxFileBytes = 10L * 1024 * 1024;
    public const long MaxInflatedBytes = 100L * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const int MaxColumns = 100;
    private const int MaxEntries = 1000;

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static IReadOnlyList<SheetRow> ReadFirstSheet(Stream input)
    {
        var bytes = ReadBounded(input);
        if (bytes.Length == 0)
        {
            throw Fail(SpreadsheetFailure.Empty, "Tệp trống.", "The file is empty.");
        }

        if (bytes.AsSpan().StartsWith(CompoundFile))
        {
            // Excel saves a password-protected .xlsx as an OLE container, as it does an Excel 97-2003 .xls.
            throw bytes.AsSpan().IndexOf("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"u8) >= 0
                ? Fail(SpreadsheetFailure.Encrypted, "Tệp Excel có đặt mật khẩu. Gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi tải lên lại.", "The workbook is password-protected; remove the password in Excel and try again.")
                : Fail(SpreadsheetFailure.LegacyXls, "Đây là tệp Excel 97-2003 (.xls). Mở bằng Excel và lưu lại dạng .xlsx rồi tải lên.", "This is an Excel 97-2003 .xls file; save it as .xlsx and try again.");
        }

        if (!bytes.AsSpan().StartsWith(Zip))
        {
            throw NotXlsx();
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries || zip.Entries.Sum(e => e.Length) > MaxInflatedBytes)
            {
                throw TooLarge();
            }

            var counter = new Counter();
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                throw NotXlsx();
            }

            var sheetPath = FirstSheetPath(zip, counter);
            var shared = zip.GetEntry("xl/sharedStrings.xml") is { } sst ? SharedStrings(sst, counter) : [];
            var sheet = zip.GetEntry(sheetPath) ?? throw Damaged($"the sheet part {sheetPath} is missing");
            return Rows(sheet, shared, counter);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(ex.Message);
        }
        catch (XmlException ex)
        {
            throw Damaged(ex.Message);
        }
    }

    /// <summary>One sheet: a bold, frozen header row, sized columns, every cell as text (codes keep their leading zeros).</summary>
    public static byte[] Write(string sheetName, IReadOnlyList<SheetColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        Write(stream, [new XlsxSheet(sheetName, [.. columns.Select(c => c.Width)], rows
            .Select(r => (IReadOnlyList<XlsxCell>)[.. r.Select(v => XlsxCell.Of(v))])
            .Prepend([.. columns.Select(c => XlsxCell.Of(c.Header, XlsxStyle.Header))])) { FrozenRows = 1 }]);
        return stream.ToArray();
    }

    /// <summary>
    /// A workbook of typed cells: numbers in their formats, formulas (recomputed when opened), protected sheets with open
    /// input cells. The sheets' rows are written straight into the part as they come, never held as OpenXml elements,
    /// so a province's figures over two years (some 100,000 rows) need little memory.
    /// </summary>
    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
        var entries = new Sheets();
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var stream = part.GetStream(FileMode.Create, FileAccess.Write))
            using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
            {
                WriteSheet(xml, sheet);
            }

            entries.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(sheet.Name) });
        }

        workbook.Workbook.Append(entries);
        // Excel and LibreOffice recompute formulas on opening, so a cached value never goes stale.
        workbook.Workbook.Append(new CalculationProperties { FullCalculationOnLoad = true });
        workbook.Workbook.Save();
    }

    /// <summary>"AB": the letters of a 0-based column.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>"C12" for the 0-based column 2 of row 12.</summary>
    public static string CellName(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static void WriteSheet(XmlWriter xml, XlsxSheet sheet)
    {
        xml.WriteStartElement("worksheet", Main);
        if (sheet.FrozenRows > 0)
        {
            var top = CellName(0, sheet.FrozenRows + 1);
            xml.WriteStartElement("sheetViews", Main);
            xml.WriteStartElement("sheetView", Main);
            xml.WriteAttributeString("workbookViewId", "0");
            xml.WriteStartElement("pane", Main);
            xml.WriteAttributeString("ySplit", sheet.FrozenRows.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("topLeftCell", top);
            xml.WriteAttributeString("activePane", "bottomLeft");
            xml.WriteAttributeString("state", "frozen");
            xml.WriteEndElement();
            xml.WriteStartElement("selection", Main);
            xml.WriteAttributeString("pane", "bottomLeft");
            xml.WriteAttributeString("activeCell", top);
            xml.WriteAttributeString("sqref", top);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        if (sheet.Widths.Count > 0)
        {
            xml.WriteStartElement("cols", Main);
            for (var i = 0; i < sheet.Widths.Count; i++)
            {
                var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                xml.WriteStartElement("col", Main);
                xml.WriteAttributeString("min", n);
                xml.WriteAttributeString("max", n);
                xml.WriteAttributeString("width", sheet.Widths[i].ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("customWidth", "1");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteStartElement("sheetData", Main);
        var number = 0;
        foreach (var row in sheet.Rows)
        {
            number++;
            xml.WriteStartElement("row", Main);
            xml.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < row.Count; c++)
            {
                WriteCell(xml, row[c], CellName(c, number));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        if (sheet.Protected)
        {
            xml.WriteStartElement("sheetProtection", Main);
            xml.WriteAttributeString("sheet", "1");
            xml.WriteAttributeString("objects", "1");
            xml.WriteAttributeString("scenarios", "1");
            // Users may still widen columns and rows to read long names.
            xml.WriteAttributeString("formatColumns", "0");
            xml.WriteAttributeString("formatRows", "0");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteCell(XmlWriter xml, XlsxCell cell, string reference)
    {
        xml.WriteStartElement("c", Main);
        xml.WriteAttributeString("r", reference);
        xml.WriteAttributeString("s", ((int)cell.Style).ToString(CultureInfo.InvariantCulture));
        if (cell.Formula is { } formula)
        {
            xml.WriteElementString("f", Main, formula);
            if (cell.Number is { } cached)
            {
                xml.WriteElementString("v", Main, Number(cached));
            }
        }
        else if (cell.Number is { } value)
        {
            xml.WriteElementString("v", Main, Number(value));
        }
        else if (cell.Text is { Length: > 0 } text)
        {
            xml.WriteAttributeString("t", "inlineStr");
            xml.WriteStartElement("is", Main);
            xml.WriteStartElement("t", Main);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            xml.WriteString(DanVan.Core.Text.VietnameseText.WithoutInvalidCharacters(text));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>"40", not the "40.0000" a numeric(18, 4) column gives back: what is read again is what was typed.</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Excel refuses a sheet name over 31 characters or with []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim();
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }

    /// <summary>The cell formats in <see cref="XlsxStyle"/> order: fonts (regular, bold), fills (none, gray125, input yellow), borders (none, thin).</summary>
    private static Stylesheet Stylesheet()
    {
        static CellFormat Format(uint numberFormat, uint font = 0, bool input = false, bool wrap = false)
        {
            var format = new CellFormat { NumberFormatId = numberFormat, FontId = font, FillId = input ? 2u : 0u, BorderId = input ? 1u : 0u, FormatId = 0, ApplyNumberFormat = true, ApplyFont = font > 0 };
            if (wrap)
            {
                format.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
                format.ApplyAlignment = true;
            }

            if (input)
            {
                format.ApplyFill = true;
                format.ApplyBorder = true;
                format.ApplyProtection = true;
                format.Append(new Protection { Locked = false });
            }

            return format;
        }

        static Border Thin() => new(
            new LeftBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());

        // Built-in number formats: 0 General, 3 "#,##0", 4 "#,##0.00", 49 text "@".
        CellFormat[] formats =
        [
            Format(49), // Text
            Format(49, font: 1, wrap: true), // Header
            Format(49, font: 1), // Bold
            Format(3), // Whole
            Format(0), // Number
            Format(4), // Rate
            Format(3, font: 1), // BoldWhole
            Format(4, font: 1), // BoldRate
            Format(3, input: true), // InputWhole
            Format(0, input: true), // InputNumber
            Format(49, input: true), // InputText
            Format(49, wrap: true), // Wrapped
        ];
        return new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF2CC" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), Thin()) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(formats) { Count = (uint)formats.Length },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private static byte[] ReadBounded(Stream input)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = input.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, n);
            if (copy.Length > MaxFileBytes)
            {
                throw TooLarge();
            }
        }

        return copy.ToArray();
    }

    private static string FirstSheetPath(ZipArchive zip, Counter counter)
    {
        string? relId = null;
        using (var reader = Open(zip.GetEntry("xl/workbook.xml")!, counter))
        {
            while (relId is null && reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "sheet", NamespaceURI: Main })
                {
                    relId = reader.GetAttribute("id", RelationshipsNs);
                }
            }
        }

        if (relId is null)
        {
            throw Damaged("the workbook has no sheet");
        }

        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
        {
            using var reader = Open(rels, counter);
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && reader.GetAttribute("Id") == relId && reader.GetAttribute("Target") is { } target)
                {
                    return target.StartsWith('/') ? target[1..] : "xl/" + target;
                }
            }
        }

        return "xl/worksheets/sheet1.xml";
    }

    private static List<string> SharedStrings(ZipArchiveEntry entry, Counter counter)
    {
        var strings = new List<string>();
        using var reader = Open(entry, counter);
        while (reader.Read())
        {
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "si" })
            {
                strings.Add(reader.IsEmptyElement ? "" : InnerText(reader));
            }
        }

        return strings;
    }

    private static List<SheetRow> Rows(ZipArchiveEntry entry, List<string> shared, Counter counter)
    {
        var rows = new List<SheetRow>();
        using var reader = Open(entry, counter);
        var last = 0;
        while (reader.Read())
        {
            if (reader is not { NodeType: XmlNodeType.Element, LocalName: "row" })
            {
                continue;
            }

            var number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : last + 1;
            last = number;
            if (rows.Count >= MaxRows)
            {
                throw Fail(SpreadsheetFailure.TooLarge, $"Bảng tính có hơn {MaxRows:N0} dòng; chia thành nhiều tệp.", $"The sheet has more than {MaxRows:N0} rows; split it into several files.");
            }

            var cells = new List<string>();
            var numbers = new HashSet<int>();
            if (!reader.IsEmptyElement)
            {
                var depth = reader.Depth;
                while (reader.Read() && reader.Depth > depth)
                {
                    if (reader is { NodeType: XmlNodeType.Element, LocalName: "c" })
                    {
                        var column = cells.Count;
                        if (reader.GetAttribute("r") is { } reference && ColumnOf(reference) is { } c)
                        {
                            column = c;
                        }

                        if (column >= MaxColumns)
                        {
                            continue;
                        }

                        var (value, isNumber) = Cell(reader, shared);
                        while (cells.Count <= column)
                        {
                            cells.Add("");
                        }

                        cells[column] = value;
                        if (isNumber)
                        {
                            numbers.Add(column);
                        }
                    }
                }
            }

            rows.Add(new SheetRow(number, cells) { NumberColumns = numbers });
        }

        return rows;
    }

    /// <summary>A cell's text, and whether it is a number (no type, or "n", and a value).</summary>
    private static (string Value, bool IsNumber) Cell(XmlReader reader, List<string> shared)
    {
        var type = reader.GetAttribute("t");
        if (reader.IsEmptyElement)
        {
            return ("", false);
        }

        var depth = reader.Depth;
        var value = "";
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader is { NodeType: XmlNodeType.Element, LocalName: "v" })
            {
                value = reader.ReadElementContentAsString();
                if (reader.Depth <= depth)
                {
                    break;
                }
            }
            else if (reader is { NodeType: XmlNodeType.Element, LocalName: "is" })
            {
                value = InnerText(reader);
            }
        }

        return type switch
        {
            "s" => (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : throw Damaged($"shared string {value} does not exist"), false),
            "b" => (value == "1" ? "TRUE" : "FALSE", false),
            null or "n" => (value, value.Length > 0),
            _ => (value, false),
        };
    }

    /// <summary>The text runs of an &lt;si&gt; or &lt;is&gt; element, without the phonetic guides Excel may add.</summary>
    private static string InnerText(XmlReader reader)
    {
        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        var skip = -1;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh" && !reader.IsEmptyElement)
            {
                skip = reader.Depth;
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == skip)
            {
                skip = -1;
            }
            else if (skip < 0 && reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>"AB12" → 27; null when the reference has no column letters.</summary>
    private static int? ColumnOf(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (ch - 'A' + 1);
                if (++letters > 3)
                {
                    return null;
                }
            }
            else
            {
                break;
            }
        }

        return letters == 0 ? null : column - 1;
    }

    private static XmlReader Open(ZipArchiveEntry entry, Counter counter) => XmlReader.Create(
        new BoundedStream(entry.Open(), counter),
        new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, CloseInput = true });

    private static SpreadsheetException Fail(SpreadsheetFailure failure, string vietnamese, string english) => new(failure, vietnamese) { English = english };

    private static SpreadsheetException NotXlsx() =>
        Fail(SpreadsheetFailure.NotXlsx, "Tệp không phải bảng tính Excel .xlsx. Lưu tệp dạng .xlsx (Excel Workbook) rồi tải lên.", "The file is not an Excel .xlsx workbook.");

    private static SpreadsheetException TooLarge() =>
        Fail(SpreadsheetFailure.TooLarge, $"Tệp quá lớn hoặc bị nén bất thường (tối đa {MaxFileBytes / 1024 / 1024} MB).", $"The file is too large or inflates abnormally (a zip bomb); the limit is {MaxFileBytes / 1024 / 1024} MB.");

    private static SpreadsheetException Damaged(string detail) =>
        Fail(SpreadsheetFailure.Damaged, "Tệp Excel bị hỏng, không đọc được. Mở tệp bằng Excel, lưu lại rồi tải lên.", $"The .xlsx file is damaged and cannot be read ({detail}).");

    private sealed class Counter
    {
        public long Bytes { get; set; }
    }

    /// <summary>Counts inflated bytes as they are read: a zip's declared sizes can lie.</summary>
    private sealed class BoundedStream(Stream inner, Counter counter) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            counter.Bytes += n;
            return counter.Bytes > MaxInflatedBytes ? throw TooLarge() : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
