using System.Globalization;
using System.Text;
using DanVan.Core.Spreadsheets;
using DanVan.Core.Text;

namespace DanVan.Core.OrgUnits;

/// <summary>
/// A province's arrangement as a table (.csv or .xlsx): a header row naming the columns, in any order, in Vietnamese
/// or English, then one resulting unit per row. Cells that cannot be read (a date, a list of predecessors, a missing
/// column) are reported by row before any rule is checked.
/// </summary>
public static class ReorganisationFile
{
    public sealed record Result(IReadOnlyList<ReorganisationRow> Rows, IReadOnlyList<ReorganisationError> Errors);

    private enum Column
    {
        Code,
        Name,
        Kind,
        Parent,
        EffectiveOn,
        Predecessors,
        LegalBasis,
        PlaceName,
        Dissolve,
    }

    private static readonly Dictionary<string, Column> Headers = new(StringComparer.Ordinal)
    {
        ["ma"] = Column.Code,
        ["ma don vi"] = Column.Code,
        ["code"] = Column.Code,
        ["ten"] = Column.Name,
        ["ten don vi"] = Column.Name,
        ["name"] = Column.Name,
        ["loai"] = Column.Kind,
        ["loai don vi"] = Column.Kind,
        ["kind"] = Column.Kind,
        ["truc thuoc"] = Column.Parent,
        ["ma cap tren"] = Column.Parent,
        ["cap tren"] = Column.Parent,
        ["parent"] = Column.Parent,
        ["ngay hieu luc"] = Column.EffectiveOn,
        ["hieu luc tu"] = Column.EffectiveOn,
        ["effective date"] = Column.EffectiveOn,
        ["effective"] = Column.EffectiveOn,
        ["don vi tien than"] = Column.Predecessors,
        ["tien than"] = Column.Predecessors,
        ["predecessors"] = Column.Predecessors,
        ["can cu phap ly"] = Column.LegalBasis,
        ["can cu"] = Column.LegalBasis,
        ["legal basis"] = Column.LegalBasis,
        ["dia danh"] = Column.PlaceName,
        ["place name"] = Column.PlaceName,
        ["giai the"] = Column.Dissolve,
        ["dissolve"] = Column.Dissolve,
    };

    public static string Template => "Mã,Tên,Loại,Trực thuộc,Ngày hiệu lực,Đơn vị tiền thân,Căn cứ pháp lý\r\n"
        + "QNG-XA-TRABONG,Ủy ban nhân dân xã Trà Bồng,xã,QNG,01/07/2025,QNG-TRATAN; QNG-TRASON,Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025\r\n";

    public static Result Read(Stream input, string fileName)
    {
        var rows = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? Xlsx.ReadFirstSheet(input)
            : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Csv(input)
            : throw new DomainException("File", "Chọn tệp .csv hoặc .xlsx.") { English = "The file must be .csv or .xlsx." };
        return Read(rows);
    }

    public static Result Read(IReadOnlyList<SheetRow> sheet)
    {
        var errors = new List<ReorganisationError>();
        var header = sheet.FirstOrDefault(r => !r.IsBlank);
        if (header is null)
        {
            return new Result([], [new ReorganisationError(0, "Tệp không có dòng nào.", "The file has no rows.")]);
        }

        var columns = new Dictionary<Column, int>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            if (Headers.TryGetValue(Fold(header[i]), out var column))
            {
                columns.TryAdd(column, i);
            }
        }

        var missing = new[] { Column.Code, Column.EffectiveOn, Column.LegalBasis }.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return new Result([], [new ReorganisationError(header.Number,
                "Thiếu cột: " + string.Join(", ", missing.Select(Vietnamese)) + ". Dòng tiêu đề cần có: Mã, Tên, Loại, Trực thuộc, Ngày hiệu lực, Đơn vị tiền thân, Căn cứ pháp lý.",
                "Missing column(s): " + string.Join(", ", missing) + ". The header needs Code, Name, Kind, Parent, Effective date, Predecessors, Legal basis.")]);
        }

        string Cell(SheetRow row, Column column) => columns.TryGetValue(column, out var i) ? row[i].Trim() : "";
        var result = new List<ReorganisationRow>();
        foreach (var row in sheet.Where(r => r.Number > header.Number && !r.IsBlank))
        {
            DateOnly? on = null;
            var dateText = Cell(row, Column.EffectiveOn);
            if (dateText.Length > 0)
            {
                on = ParseDate(dateText);
                if (on is null)
                {
                    errors.Add(new ReorganisationError(row.Number, $"Ngày hiệu lực \"{dateText}\" không đọc được; viết dd/mm/yyyy.", $"Cannot read the date \"{dateText}\"; write dd/mm/yyyy or yyyy-mm-dd."));
                }
            }

            var predecessors = Reorganisation.ParsePredecessors(Cell(row, Column.Predecessors), out var bad);
            if (predecessors is null)
            {
                errors.Add(new ReorganisationError(row.Number, $"Không đọc được đơn vị tiền thân \"{bad}\"; ghi mã, cách nhau bằng dấu chấm phẩy, phần chia tách kèm tỉ lệ, ví dụ: QNG-A; QNG-B (40%).", $"Cannot read predecessor \"{bad}\"; write codes separated by ';', a split part with its share, e.g. QNG-A; QNG-B (40%)."));
            }

            var dissolve = Fold(Cell(row, Column.Dissolve)) is "x" or "co" or "yes" or "true" or "1";
            result.Add(new ReorganisationRow
            {
                Row = row.Number,
                Code = Cell(row, Column.Code),
                Name = NullIfEmpty(Cell(row, Column.Name)),
                Kind = NullIfEmpty(Cell(row, Column.Kind)),
                PlaceName = NullIfEmpty(Cell(row, Column.PlaceName)),
                ParentCode = NullIfEmpty(Cell(row, Column.Parent)),
                EffectiveOn = on,
                Predecessors = predecessors ?? [],
                LegalBasis = NullIfEmpty(Cell(row, Column.LegalBasis)),
                Dissolve = dissolve,
            });
        }

        if (result.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ReorganisationError(0, "Tệp chỉ có dòng tiêu đề, chưa có đơn vị nào.", "The file has a header but no rows."));
        }

        return new Result(result, errors);
    }

    public static DateOnly? ParseDate(string text)
    {
        string[] formats = ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy"];
        if (DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        // An Excel date cell is stored as a day count.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }

        return null;
    }

    /// <summary>A CSV as Excel or LibreOffice saves it: UTF-8 (with or without BOM), ',' or ';', quotes doubled inside quoted cells.</summary>
    public static IReadOnlyList<SheetRow> Csv(Stream input)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        string text;
        try
        {
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new DomainException("File", "Tệp CSV phải được lưu với bảng mã UTF-8.") { English = "The CSV file must be saved as UTF-8." };
        }

        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var rows = new List<SheetRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                cells.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add(new SheetRow(rows.Count + 1, cells));
                cells = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString().TrimEnd('\r'));
            rows.Add(new SheetRow(rows.Count + 1, cells));
        }

        return rows;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Fold(string header) => VietnameseText.Fold(header).Trim().ToLowerInvariant();

    private static string Vietnamese(Column column) => column switch
    {
        Column.Code => "Mã",
        Column.EffectiveOn => "Ngày hiệu lực",
        Column.LegalBasis => "Căn cứ pháp lý",
        _ => column.ToString(),
    };
}
