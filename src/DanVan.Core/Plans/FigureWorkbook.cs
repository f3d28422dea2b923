using System.Globalization;
using DanVan.Core.Periods;
using DanVan.Core.Spreadsheets;

namespace DanVan.Core.Plans;

/// <summary>A figure's saved answer: a number, or the text of a text figure.</summary>
public readonly record struct TemplateValue(decimal Value, string? Text);

/// <summary>What a report's Excel template shows: whose report, the plan's figures, this period's and last period's answers.</summary>
public sealed record FigureTemplate
{
    public required int ReportId { get; init; }

    public required string UnitName { get; init; }

    public required ReportingPeriod Period { get; init; }

    public required string PlanCitation { get; init; }

    public required IReadOnlyList<PlanFigure> Figures { get; init; }

    /// <summary>By plan figure id.</summary>
    public required IReadOnlyDictionary<int, TemplateValue> Current { get; init; }

    /// <summary>The unit's answers for the period before, by plan figure id; empty when it has no report then.</summary>
    public IReadOnlyDictionary<int, TemplateValue> Previous { get; init; } = new Dictionary<int, TemplateValue>();
}

/// <summary>A value typed in the workbook for a plan figure, and the cell it came from.</summary>
public sealed record FilledFigure(PlanFigure Figure, decimal Value, string? Text, string Cell);

/// <summary>An uploaded workbook read: the values, and the value cell of every plan figure found (to place a broken rule).</summary>
public sealed record FigureUpload(IReadOnlyList<FilledFigure> Filled, IReadOnlyDictionary<int, string> CellOf);

/// <summary>A cell the upload refused, and why ("C12 (1.1. Số đơn tiếp nhận): …").</summary>
public sealed record CellError(string Cell, string Message);

/// <summary>An uploaded workbook has values that cannot be saved; nothing was saved. One error per cell.</summary>
public sealed class FigureCellsException(IReadOnlyList<CellError> errors)
    : DomainException("File", string.Join(" ", errors.Select(e => e.Message.TrimEnd('.') + ".")))
{
    public IReadOnlyList<CellError> Errors { get; } = errors;
}

/// <summary>
/// A report's figures as an Excel template and back: numbered indicators with their units, last period's values beside,
/// derived figures as Excel formulas, labels protected and only the value cells open. Reading back checks each value
/// with <see cref="FigureValue"/> (the same rule as the figures page and the API) and names the cell of each mistake.
/// Pure: the caller saves through <c>ReportService.SaveFiguresAsync</c>, where the plan's rules are checked.
/// </summary>
public static class FigureWorkbook
{
    /// <summary>The label beside the report's id in the template, read back to refuse another report's file.</summary>
    public const string ReportLabel = "Mã báo cáo";

    public const string CodeHeader = "Số TT";

    /// <summary>The rows above the figures: title, plan, report id, how to fill, a blank, the header.</summary>
    public const int HeaderRow = 6;

    private const int ValueColumn = 2;

    public static void WriteTemplate(Stream output, FigureTemplate t)
    {
        var previous = t.Period.Previous();
        var rowOf = t.Figures.Select((f, i) => (f.Code, Row: HeaderRow + 1 + i)).ToDictionary(x => x.Code, x => x.Row, StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<XlsxCell>>
        {
            new[] { XlsxCell.Of("SỐ LIỆU BÁO CÁO", XlsxStyle.Bold), XlsxCell.Of($"{t.UnitName}, {t.Period.ToVietnamese()}", XlsxStyle.Bold) },
            new[] { XlsxCell.Of("Kế hoạch"), XlsxCell.Of(t.PlanCitation) },
            new[] { XlsxCell.Of(ReportLabel), XlsxCell.Of(t.ReportId.ToString(CultureInfo.InvariantCulture)) },
            new[] { XlsxCell.Of(""), XlsxCell.Of("Nhập số liệu vào các ô màu vàng ở cột C (để trống nếu không có); các ô khác đã khóa, ô có công thức tự tính. Lưu tệp (.xlsx) rồi tải lên trang Số liệu của báo cáo.", XlsxStyle.Wrapped) },
            Array.Empty<XlsxCell>(),
            new[]
            {
                XlsxCell.Of(CodeHeader, XlsxStyle.Header), XlsxCell.Of("Chỉ tiêu", XlsxStyle.Header),
                XlsxCell.Of($"Kỳ này ({t.Period.ToVietnamese()})", XlsxStyle.Header), XlsxCell.Of("Đơn vị tính", XlsxStyle.Header),
                XlsxCell.Of($"Kỳ trước ({previous.ToVietnamese()})", XlsxStyle.Header), XlsxCell.Of("Cách nhập", XlsxStyle.Header),
            },
        };
        foreach (var f in t.Figures)
        {
            var indent = new string(' ', 2 * PlanIndicators.Depth(f.Code));
            if (f.Kind == FigureKind.Heading)
            {
                rows.Add([XlsxCell.Of(f.Code, XlsxStyle.Bold), XlsxCell.Of(indent + f.Name, XlsxStyle.Bold)]);
                continue;
            }

            var current = t.Current.TryGetValue(f.Id, out var c) ? c : (TemplateValue?)null;
            var before = t.Previous.TryGetValue(f.Id, out var p) ? p : (TemplateValue?)null;
            var shown = Shown(f);
            XlsxCell value;
            if (f.IsDerived)
            {
                value = XlsxCell.Computed(Excel(f, code => Xlsx.CellName(ValueColumn, rowOf[code])), current?.Value, shown);
            }
            else if (f.Kind == FigureKind.Text)
            {
                value = XlsxCell.Of(current?.Text, XlsxStyle.InputText);
            }
            else
            {
                value = XlsxCell.Of(current?.Value, f.Kind == FigureKind.WholeNumber ? XlsxStyle.InputWhole : XlsxStyle.InputNumber);
            }

            rows.Add(
            [
                XlsxCell.Of(f.Code), XlsxCell.Of(indent + f.Name, XlsxStyle.Wrapped), value, XlsxCell.Of(f.UnitOfMeasure),
                f.Kind == FigureKind.Text ? XlsxCell.Of(before?.Text) : XlsxCell.Of(before?.Value, shown),
                XlsxCell.Of(Hint(f, t.Figures), XlsxStyle.Wrapped),
            ]);
        }

        Xlsx.Write(output, [new XlsxSheet("Số liệu", [8, 48, 18, 12, 18, 40], rows) { FrozenRows = HeaderRow, Protected = true }]);
    }

    /// <summary>
    /// The values of an uploaded template, by the figure number in column A (rows may have been moved); a blank value
    /// is no answer. Throws <see cref="FigureCellsException"/> listing every cell that cannot be read, or a
    /// <see cref="DomainException"/> when the file is another report's or not a template at all.
    /// </summary>
    public static FigureUpload Read(IReadOnlyList<SheetRow> rows, int reportId, IReadOnlyList<PlanFigure> figures)
    {
        var id = reportId.ToString(CultureInfo.InvariantCulture);
        if (rows.FirstOrDefault(r => r[0].Trim() == ReportLabel) is { } label && label[1].Trim() != id)
        {
            throw new DomainException("File", $"Tệp này là mẫu số liệu của báo cáo khác (mã {label[1].Trim()}), không phải báo cáo này (mã {id}). Tải mẫu Excel của báo cáo này rồi nhập lại.")
            {
                English = $"The workbook is the template of report {label[1].Trim()}, not of report {id}.",
            };
        }

        var header = rows.FirstOrDefault(r => r[0].Trim() == CodeHeader)?.Number ?? 0;
        var byCode = figures.GroupBy(f => f.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var errors = new List<CellError>();
        var filled = new List<FilledFigure>();
        var cellOf = new Dictionary<int, string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Number > header))
        {
            var code = row[0].Trim();
            if (!byCode.TryGetValue(code, out var f))
            {
                if (PlanIndicators.IsCode(code))
                {
                    errors.Add(new CellError(Xlsx.CellName(0, row.Number), $"{Xlsx.CellName(0, row.Number)}: kế hoạch không có chỉ tiêu số {code}; xóa dòng này hoặc tải lại mẫu Excel."));
                }

                continue;
            }

            var cell = Xlsx.CellName(ValueColumn, row.Number);
            if (!seen.TryAdd(code, row.Number))
            {
                errors.Add(new CellError(Xlsx.CellName(0, row.Number), $"{Xlsx.CellName(0, row.Number)}: chỉ tiêu {code} đã có ở dòng {seen[code]}; mỗi chỉ tiêu chỉ nhập một lần."));
                continue;
            }

            cellOf[f.Id] = cell;
            var typed = row[ValueColumn].Trim();
            if (!f.IsTyped || typed.Length == 0)
            {
                continue;
            }

            if (f.Kind == FigureKind.Text)
            {
                filled.Add(new FilledFigure(f, 0, typed, cell));
                continue;
            }

            decimal? value;
            Refusal? error;
            if (row.IsNumber(ValueColumn))
            {
                // A number cell holds the binary double Excel computed with; 10 decimals undo its noise (0.30000000000000004).
                value = decimal.TryParse(typed, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? decimal.Round(n, 10) : null;
                error = value is { } v ? FigureValue.Check(v, f.Kind, f.UnitOfMeasure) : new($"\"{typed}\" không phải là số.", $"\"{typed}\" is not a number.");
            }
            else
            {
                (value, error) = FigureValue.Parse(typed, f.Kind, f.UnitOfMeasure);
            }

            if (error is not null || value is null)
            {
                errors.Add(new CellError(cell, $"{cell} ({f.Code}. {f.Name}): {error?.Message}"));
                continue;
            }

            filled.Add(new FilledFigure(f, value.Value, null, cell));
        }

        if (errors.Count > 0)
        {
            throw new FigureCellsException(errors);
        }

        if (cellOf.Count == 0)
        {
            throw new DomainException("File", $"Tệp không có chỉ tiêu nào của kế hoạch (cột A ghi số thứ tự chỉ tiêu, dưới dòng \"{CodeHeader}\"). Tải mẫu Excel của báo cáo rồi điền vào đó.")
            {
                English = "The workbook has none of the plan's figures in column A; download the report's template and fill that in.",
            };
        }

        return new FigureUpload(filled, cellOf);
    }

    /// <summary>
    /// A derived figure as an Excel formula that behaves as DanVan computes it: no value while an input is blank or a
    /// divisor is 0 (never a made-up 0), rounded to <see cref="PlanIndicators.DerivedDecimals"/> decimals.
    /// </summary>
    public static string Excel(PlanFigure figure, Func<string, string> cellOf)
    {
        var formula = Formula.Parse(figure.Formula!);
        var cells = formula.References.Select(cellOf).ToList();
        var body = $"IFERROR(ROUND({formula.ToSpreadsheet(cellOf)},{PlanIndicators.DerivedDecimals}),\"\")";
        return cells.Count == 0 ? body : $"IF(COUNT({string.Join(",", cells)})<{cells.Count},\"\",{body})";
    }

    private static XlsxStyle Shown(PlanFigure f) =>
        f.IsDerived || FigureValue.IsPercentage(f.UnitOfMeasure) ? XlsxStyle.Rate
        : f.Kind == FigureKind.WholeNumber ? XlsxStyle.Whole
        : XlsxStyle.Number;

    private static string Hint(PlanFigure f, IReadOnlyList<PlanFigure> figures)
    {
        var hint = f.IsDerived ? $"Tự tính: {PlanIndicators.InWords(f.Formula!, figures)}"
            : f.Kind == FigureKind.Text ? "Nhập chữ"
            : FigureValue.IsPercentage(f.UnitOfMeasure) ? "Tỷ lệ phần trăm, từ 0 đến 100 (ví dụ 95,5)"
            : f.Kind == FigureKind.WholeNumber ? "Số nguyên"
            : "Số, có thể có phần thập phân";
        return f.Target is { } target ? $"{hint}. Chỉ tiêu kế hoạch: {FigureValue.Format(target)}" : hint;
    }
}
