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
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
                new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
                new CellFormats(
                    new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 49, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyNumberFormat = true })
                { Count = 2 },
                new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData(new Row(columns.Select(c => Text(c.Header, 1))) { RowIndex = 1 });
            uint index = 2;
            foreach (var row in rows)
            {
                data.Append(new Row(row.Select(v => Text(v, 0))) { RowIndex = index++ });
            }

            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Cell Text(string value, uint style) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

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

                        var value = Cell(reader, shared);
                        while (cells.Count <= column)
                        {
                            cells.Add("");
                        }

                        cells[column] = value;
                    }
                }
            }

            rows.Add(new SheetRow(number, cells));
        }

        return rows;
    }

    private static string Cell(XmlReader reader, List<string> shared)
    {
        var type = reader.GetAttribute("t");
        if (reader.IsEmptyElement)
        {
            return "";
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
            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : throw Damaged($"shared string {value} does not exist"),
            "b" => value == "1" ? "TRUE" : "FALSE",
            _ => value,
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
