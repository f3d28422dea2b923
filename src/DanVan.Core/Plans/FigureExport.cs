using System.Globalization;
using System.Text;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using DanVan.Core.Spreadsheets;

namespace DanVan.Core.Plans;

/// <summary>One unit's sent report for one period: its values in the table's column order (null: not given).</summary>
public sealed record UnitFigures(int ReportId, int UnitId, string UnitCode, string UnitName, UnitKind Kind, ReportStatus Status, decimal?[] Values);

/// <summary>A total row: rolled up by each figure's rule (rates recomputed, never added), over so many reports.</summary>
public sealed record FigureTotals(string Label, int Reports, decimal?[] Values);

/// <summary>The units of one level (the Sở, the communes …) in a period, and their total.</summary>
public sealed record FigureGroup(UnitKind Kind, string Label, IReadOnlyList<UnitFigures> Units, FigureTotals Total);

public sealed record FigurePeriod(ReportingPeriod Period, IReadOnlyList<FigureGroup> Groups, FigureTotals Total);

/// <summary>A plan's figures as its units sent them over a range of periods: the numeric figures as columns.</summary>
public sealed record FigureTable(int PlanId, string PlanCitation, ReportingPeriod From, ReportingPeriod To, IReadOnlyList<PlanFigure> Columns, IReadOnlyList<FigurePeriod> Periods);

/// <summary>
/// All units' figures for a period or a range of periods, as a consolidator downloads them: one row per unit that
/// sent its report, the units grouped by level, each group and each period totalled by the figures' roll-up rules
/// (<see cref="FigureRollup"/>, so a rate is recomputed from the totals). Pure: built from loaded answers, written as
/// .xlsx or .csv.
/// </summary>
public static class FigureExport
{
    /// <summary>The plan's numeric figures, in its order: the columns of the table.</summary>
    public static IReadOnlyList<PlanFigure> Columns(IReadOnlyList<PlanFigure> figures) =>
        [.. figures.Where(f => f.Kind is not (FigureKind.Heading or FigureKind.Text)).OrderBy(f => f.Order)];

    public static FigurePeriod Period(ReportingPeriod period, IReadOnlyList<PlanFigure> figures, IReadOnlyList<PlanFigure> columns, IReadOnlyList<UnitFigures> units, IReadOnlyList<AnsweredFigure> answers)
    {
        var byReport = answers.GroupBy(a => a.ReportId).ToDictionary(g => g.Key, g => g.ToList());
        var groups = units.GroupBy(u => u.Kind).OrderBy(g => Level(g.Key))
            .Select(g =>
            {
                var rows = g.OrderBy(u => u.UnitCode, StringComparer.Ordinal).ToList();
                return new FigureGroup(g.Key, LevelLabel(g.Key), rows, Totals($"Cộng {LevelLabel(g.Key).ToLower(Vi)} ({rows.Count} đơn vị)", rows, figures, columns, byReport));
            })
            .ToList();
        return new FigurePeriod(period, groups, Totals($"Tổng cộng {period.ToVietnamese()} ({units.Count} đơn vị)", units, figures, columns, byReport));
    }

    /// <summary>Province-level bodies first, then the old districts, then the communes.</summary>
    public static int Level(UnitKind kind) => kind switch
    {
        UnitKind.Province => 0,
        UnitKind.Department => 1,
        UnitKind.Board => 2,
        UnitKind.District => 3,
        UnitKind.Commune => 4,
        _ => 5,
    };

    public static string LevelLabel(UnitKind kind) => kind switch
    {
        UnitKind.Province => "Cấp tỉnh",
        UnitKind.Department => "Các sở, ban, ngành",
        UnitKind.Board => "Các ban quản lý dự án",
        UnitKind.District => "Các huyện (cũ)",
        UnitKind.Commune => "Các xã, phường, đặc khu",
        _ => "Các đơn vị khác",
    };

    /// <summary>A column's header: "2.3. Tỷ lệ đơn thư đã giải quyết (%)".</summary>
    public static string Header(PlanFigure f) => f.UnitOfMeasure.Length > 0 ? $"{f.Code}. {f.Name} ({f.UnitOfMeasure})" : $"{f.Code}. {f.Name}";

    /// <summary>
    /// How the total rows combine a column: "cộng", "tính lại từ số tổng hợp" …; a stock says so, lest a reader add its
    /// periods up.
    /// </summary>
    public static string Rule(PlanFigure f) => f.Rollup switch
    {
        Rollup.Sum => "cộng",
        Rollup.None => "không tổng hợp",
        _ => FigureRollup.Describe(f),
    } + (f.IsStock ? "; số tại thời điểm: qua các kỳ lấy số kỳ cuối, không cộng" : "");

    private static readonly string[] Leading = ["Kỳ", "Cấp", "Mã đơn vị", "Đơn vị", "Trạng thái"];

    /// <summary>The table as one sheet: title rows, the roll-up rule over each column, then every period's units and totals.</summary>
    public static void WriteXlsx(Stream output, FigureTable table)
    {
        var reports = table.Periods.Sum(p => p.Total.Reports);
        var range = table.From == table.To ? table.From.ToVietnamese() : $"{table.From.ToVietnamese()} – {table.To.ToVietnamese()}";
        IEnumerable<IReadOnlyList<XlsxCell>> Rows()
        {
            yield return [XlsxCell.Of("SỐ LIỆU CÁC ĐƠN VỊ", XlsxStyle.Bold), XlsxCell.Of(""), XlsxCell.Of(""), XlsxCell.Of(table.PlanCitation, XlsxStyle.Bold)];
            yield return [XlsxCell.Of("Kỳ"), XlsxCell.Of(""), XlsxCell.Of(""), XlsxCell.Of($"{range}: {reports.ToString("N0", Vi)} báo cáo đã gửi")];
            yield return [.. Leading.Select((_, i) => XlsxCell.Of(i == 3 ? "Cách tổng hợp ở dòng cộng:" : "")), .. table.Columns.Select(c => XlsxCell.Of(Rule(c), XlsxStyle.Wrapped))];
            yield return [.. Leading.Select(h => XlsxCell.Of(h, XlsxStyle.Header)), .. table.Columns.Select(c => XlsxCell.Of(Header(c), XlsxStyle.Header))];
            foreach (var period in table.Periods)
            {
                var code = period.Period.ToString();
                foreach (var group in period.Groups)
                {
                    var level = LevelLabel(group.Kind);
                    foreach (var u in group.Units)
                    {
                        var row = new XlsxCell[Leading.Length + table.Columns.Count];
                        row[0] = XlsxCell.Of(code);
                        row[1] = XlsxCell.Of(level);
                        row[2] = XlsxCell.Of(u.UnitCode);
                        row[3] = XlsxCell.Of(u.UnitName);
                        row[4] = XlsxCell.Of(ReportStatusText.Of(u.Status));
                        for (var c = 0; c < table.Columns.Count; c++)
                        {
                            row[Leading.Length + c] = XlsxCell.Of(u.Values[c], Style(table.Columns[c], bold: false));
                        }

                        yield return row;
                    }

                    yield return Total(code, level, group.Total, table.Columns);
                }

                yield return Total(code, "", period.Total, table.Columns);
            }
        }

        Xlsx.Write(output, [new XlsxSheet("Số liệu", [10, 22, 14, 48, 14, .. table.Columns.Select(_ => 16.0)], Rows()) { FrozenRows = 4 }]);
    }

    /// <summary>The same rows as CSV (UTF-8 with a byte-order mark, so Excel reads the diacritics): numbers as 1234.5.</summary>
    public static void WriteCsv(Stream output, FigureTable table)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(true), 65536, leaveOpen: true);
        writer.WriteLine(string.Join(",", Leading.Concat(table.Columns.Select(Header)).Select(Csv.Field)));
        foreach (var period in table.Periods)
        {
            var code = period.Period.ToString();
            foreach (var group in period.Groups)
            {
                var level = LevelLabel(group.Kind);
                foreach (var u in group.Units)
                {
                    writer.WriteLine(string.Join(",", new[] { code, level, u.UnitCode, u.UnitName, ReportStatusText.Of(u.Status) }.Select(Csv.Field).Concat(u.Values.Select(Number))));
                }

                writer.WriteLine(string.Join(",", new[] { code, level, "", group.Total.Label, "" }.Select(Csv.Field).Concat(group.Total.Values.Select(Number))));
            }

            writer.WriteLine(string.Join(",", new[] { code, "", "", period.Total.Label, "" }.Select(Csv.Field).Concat(period.Total.Values.Select(Number))));
        }
    }

    private static XlsxCell[] Total(string period, string level, FigureTotals total, IReadOnlyList<PlanFigure> columns)
    {
        var row = new XlsxCell[Leading.Length + columns.Count];
        row[0] = XlsxCell.Of(period, XlsxStyle.Bold);
        row[1] = XlsxCell.Of(level, XlsxStyle.Bold);
        row[2] = XlsxCell.Of("");
        row[3] = XlsxCell.Of(total.Label, XlsxStyle.Bold);
        row[4] = XlsxCell.Of("");
        for (var c = 0; c < columns.Count; c++)
        {
            row[Leading.Length + c] = XlsxCell.Of(total.Values[c], Style(columns[c], bold: true));
        }

        return row;
    }

    private static XlsxStyle Style(PlanFigure f, bool bold) =>
        f.IsDerived || FigureValue.IsPercentage(f.UnitOfMeasure) ? bold ? XlsxStyle.BoldRate : XlsxStyle.Rate
        : f.Kind == FigureKind.WholeNumber ? bold ? XlsxStyle.BoldWhole : XlsxStyle.Whole
        : XlsxStyle.Number;

    private static FigureTotals Totals(string label, IReadOnlyList<UnitFigures> units, IReadOnlyList<PlanFigure> figures, IReadOnlyList<PlanFigure> columns, Dictionary<int, List<AnsweredFigure>> byReport)
    {
        var answers = units.SelectMany(u => byReport.GetValueOrDefault(u.ReportId) ?? []).ToList();
        var rolled = FigureRollup.Roll(figures, t => [t.Id], answers);
        return new FigureTotals(label, units.Count, [.. columns.Select(c => rolled.TryGetValue(c, out var r) ? r.Value : (decimal?)null)]);
    }

    private static string Number(decimal? value) => value is { } v ? Xlsx.Number(v) : "";

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
}
