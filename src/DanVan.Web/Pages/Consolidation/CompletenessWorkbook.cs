using System.Globalization;
using DanVan.Core;
using DanVan.Core.Consolidation;
using DanVan.Web.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Web.Pages.Consolidation;

/// <summary>The completeness table as an .xlsx workbook: bold frozen header, sized columns, numbers and dates as numbers.</summary>
public static class CompletenessWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint Bold = 1;
    private const uint DateTimeStyle = 2;
    private const uint DateStyle = 3;
    private const uint PercentStyle = 4;

    private static readonly (string Header, double Width)[] Columns =
    [
        ("Mã đơn vị", 16), ("Đơn vị", 48), ("Thuộc", 36), ("Loại đơn vị", 20), ("Trạng thái", 18), ("Thời điểm gửi", 18),
        ("Hạn gửi", 12), ("Đúng/trễ hạn", 18), ("Số đơn vị phải gửi", 12), ("Đã gửi", 10), ("Đúng hạn", 10), ("Trễ hạn", 10),
        ("Quá hạn chưa gửi", 12), ("Tỷ lệ đã gửi", 12),
    ];

    public static byte[] Write(CompletenessDashboard dashboard)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(new Row(Columns.Select(c => Text(c.Header, Bold))) { RowIndex = 1 });

            var names = dashboard.AllRows.ToDictionary(r => r.UnitId, r => r.UnitName);
            names[dashboard.Current.UnitId] = dashboard.Current.Name;
            uint index = 2;
            foreach (var r in dashboard.AllRows)
            {
                var cells = new List<Cell>
                {
                    Text(r.UnitCode),
                    Text(r.UnitName),
                    Text(r.ParentId is { } p ? names.GetValueOrDefault(p, "") : ""),
                    Text(Display.Kind(r.Kind)),
                    Text(r.Reports ? Display.StatusInVietnamese(r.Status) : ""),
                    r.SubmittedAt is { } at ? Number(VietnamTime.ToLocal(at).ToOADate(), DateTimeStyle) : Text(""),
                    r.Reports && dashboard.Deadline is { } due ? Number(due.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle) : Text(""),
                    Text(r.Reports ? Display.Timeliness(r.Timeliness) : ""),
                    Number(r.Below.Expected),
                    Number(r.Below.Submitted),
                    Number(r.Below.OnTime),
                    Number(r.Below.Late),
                    Number(r.Below.Missing),
                    Number(r.Below.Rate, PercentStyle),
                };
                data.Append(new Row(cells) { RowIndex = index++ });
            }

            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                {
                    WorkbookViewId = 0,
                }),
                new Columns(Columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(dashboard) }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Excel limits sheet names to 31 characters without : \ / ? * [ ].</summary>
    private static string SheetName(CompletenessDashboard d) => $"Kỳ {d.Period}".Replace('/', '-');

    private static Cell Text(string value, uint style = 0) =>
        new(new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(double value, uint style = 0) =>
        new(new CellValue(value.ToString("R", CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style };

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy hh:mm" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy" })
        { Count = 2 },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
