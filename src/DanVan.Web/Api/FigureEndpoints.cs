using System.Globalization;
using DanVan.Core.Plans;
using DanVan.Core.Spreadsheets;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace DanVan.Web.Api;

/// <summary>
/// A report's figures as its Excel template (GET/PUT /reports/{id}/figures.xlsx) and a plan's figures across its units
/// and periods (GET /plans/{id}/figures?from=P&amp;to=P, JSON, or .xlsx/.csv with format= or an Accept header).
/// </summary>
public static class FigureEndpoints
{
    public sealed record FigureColumnDto(int Id, string Code, string Name, string UnitOfMeasure, Rollup Rollup, string? Formula);

    public sealed record UnitFiguresDto(int ReportId, int UnitId, string UnitCode, string UnitName, Core.OrgUnits.UnitKind Kind, Core.Reports.ReportStatus Status, IReadOnlyDictionary<string, decimal> Values);

    public sealed record TotalsDto(string Label, int Reports, IReadOnlyDictionary<string, decimal> Values);

    public sealed record GroupDto(Core.OrgUnits.UnitKind Kind, string Label, IReadOnlyList<UnitFiguresDto> Units, TotalsDto Total);

    public sealed record PeriodDto(string Period, IReadOnlyList<GroupDto> Groups, TotalsDto Total);

    public sealed record FigureTableDto(int PlanId, string Plan, string From, string To, IReadOnlyList<FigureColumnDto> Figures, IReadOnlyList<PeriodDto> Periods);

    /// <summary>A change against an earlier period; without a difference, <see cref="Text"/> says why there is no comparison.</summary>
    public sealed record ChangeDto(decimal? Base, decimal? Difference, decimal? Percent, string Text, string English);

    public sealed record ComparedFigureDto(int? PlanFigureId, string Code, string Name, string UnitOfMeasure, FigureKind Kind, decimal? Value, ChangeDto Previous, ChangeDto SamePeriodLastYear);

    public sealed record FigureComparisonDto(int ReportId, string Period, string PreviousPeriod, string SamePeriodLastYear, IReadOnlyList<ComparedFigureDto> Figures);

    /// <summary>A period's value, or null with why there is none, in Vietnamese and English.</summary>
    public sealed record SeriesPointDto(string Period, decimal? Value, string? Why, string? WhyEnglish);

    /// <summary>A unit's value, or (<see cref="Units"/> &gt; 1) the other units' combined by the figure's roll-up rule.</summary>
    public sealed record BreakdownBarDto(string Unit, decimal Value, int Units);

    public sealed record BreakdownDto(string Period, IReadOnlyList<BreakdownBarDto> Bars, int WithoutValue);

    public sealed record FigureSeriesDto(int? PlanFigureId, string Code, string Name, string UnitOfMeasure, IReadOnlyList<SeriesPointDto> Points, BreakdownDto? ByUnit);

    public sealed record FigureSeriesListDto(int ReportId, string Period, IReadOnlyList<FigureSeriesDto> Figures);

    public static void MapFigures(this RouteGroupBuilder secured)
    {
        var api = secured.MapGroup("").WithTags("Figures");
        api.MapGet("/reports/{id:int}/figures.xlsx", async (int id, HttpContext http, FigureWorkbookService workbooks, CancellationToken ct) =>
            {
                var (content, name) = await workbooks.TemplateAsync(id, http.Actor(), ct);
                return TypedResults.File(content, Xlsx.ContentType, name);
            })
            .Produces<Stream>(StatusCodes.Status200OK, Xlsx.ContentType)
            .Describe(
                "DownloadFigureWorkbook",
                "The report's figures as an Excel template (biểu mẫu số liệu)",
                "One row per figure of the report's plan, with the values saved so far; fill it in and send it back with UploadFigureWorkbook.",
                400, 404);
        api.MapPut("/reports/{id:int}/figures.xlsx", UploadAsync)
            .Accepts<Stream>(Xlsx.ContentType)
            .Describe(
                "UploadFigureWorkbook",
                "Save the report's figures from the filled-in Excel template",
                "The body is the .xlsx file; version is the report's version when the template was downloaded. Every cell is checked first and nothing is saved unless all are right (400, errors by cell). Who may change it and when: as SaveSection.",
                400, 403, 404, 409);
        api.MapGet("/reports/{id:int}/figures/comparison", ComparisonAsync)
            .Describe(
                "CompareFigures",
                "The report's figures beside the previous period and the same period last year",
                "Each figure's saved value, the value of the unit's sent reports of the previous period and of the same period a year before (a unit formed by a merger: its predecessors' summed; a split: in the share the administrator gave), the difference and the percentage. Rates are recomputed from their components. Where no comparison is possible (no report sent then, a text figure, a zero base, a split without a share) the difference is null and text says why, in Vietnamese and English.",
                404);
        api.MapGet("/reports/{id:int}/figures/series", SeriesAsync)
            .Describe(
                "GetFigureSeries",
                "Each numeric figure of the report over the last 12 periods, and by unit for a consolidated report",
                "The numbers the report's charts draw: per numeric figure, the value of each of the last 12 periods of the report's kind ending with the report's own (its figures as saved now; earlier periods from the unit's sent reports, a merged unit's predecessors' summed), null with the reason where there is none. For a consolidated report, the scope its draft counted, rolled up by each figure's rule, and byUnit: the 10 largest units' values then the others combined.",
                404);
        api.MapGet("/reports/{id:int}/figures/chart/{figure}.svg", ChartAsync)
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .Describe(
                "GetFigureChart",
                "A figure's chart as SVG",
                "figure is the figure's number (e.g. 1.2); by=units gives the bar chart by unit of a consolidated report, else the columns over the last 12 periods. The same drawing as the report's page: readable without scripts, printable, with a title and a description of every value.",
                404);
        api.MapGet("/plans/{id:int}/figures", TableAsync)
            // One 200 in three formats: the JSON table from the handler's type, the files added beside it.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var type in new[] { Xlsx.ContentType, "text/csv" })
                {
                    operation.Responses![StatusCodes.Status200OK.ToString(CultureInfo.InvariantCulture)].Content![type] =
                        new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                }

                return Task.CompletedTask;
            })
            .Describe(
                "GetPlanFigures",
                "A plan's figures across its units and periods",
                "The figures reported for each period from..to, by unit, with the totals of each group of units and of the whole; as JSON, or as .xlsx or .csv with format= or an Accept header.",
                400, 403, 404);
    }

    private static async Task<Ok<FigureComparisonDto>> ComparisonAsync(int id, HttpContext http, FigureComparisonService comparisons, CancellationToken ct)
    {
        var table = await comparisons.ForReportAsync(id, http.Actor(), ct);
        static ChangeDto Change(FigureChange c) => new(c.Base, c.Difference, c.Percent, c.Text, c.English);
        return TypedResults.Ok(new FigureComparisonDto(
            id,
            table.Period.ToString(),
            table.Previous.ToString(),
            table.LastYear.ToString(),
            [.. table.Rows.Select(r => new ComparedFigureDto(r.Figure.Id > 0 ? r.Figure.Id : null, r.Figure.Code, r.Figure.Name, r.Figure.UnitOfMeasure, r.Figure.Kind, r.Value, Change(r.Previous), Change(r.LastYear)))]));
    }

    private static async Task<Ok<FigureSeriesListDto>> SeriesAsync(int id, HttpContext http, FigureComparisonService comparisons, CancellationToken ct)
    {
        var charts = await comparisons.ChartsForReportAsync(id, http.Actor(), ct);
        return TypedResults.Ok(new FigureSeriesListDto(id, charts.Period.ToString(), [.. charts.Series.Select(s => new FigureSeriesDto(
            s.Figure.Id > 0 ? s.Figure.Id : null,
            s.Figure.Code,
            s.Figure.Name,
            s.Figure.UnitOfMeasure,
            [.. s.Points.Select(p => new SeriesPointDto(p.Period.ToString(), p.Value, p.Why?.Message, p.Why?.English))],
            charts.Breakdown(s.Figure.Id) is { } b
                ? new BreakdownDto(b.Period.ToString(), [.. b.Bars.Select(bar => new BreakdownBarDto(FigureChart.Label(bar, english: false), bar.Value, bar.Units))], b.WithoutValue + b.NotShown)
                : null))]));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ChartAsync(int id, string figure, string? by, HttpContext http, FigureComparisonService comparisons, CancellationToken ct)
    {
        var charts = await comparisons.ChartsForReportAsync(id, http.Actor(), ct);
        var series = charts.Series.FirstOrDefault(s => s.Figure.Code == figure);
        var english = Bilingual.IsEnglish;
        var svg = series is null ? null
            : by == "units" ? charts.Breakdown(series.Figure.Id) is { } b ? FigureChart.Breakdown(b, "chart", english) : null
            : FigureChart.Series(series, "chart", english);
        return svg is null
            ? TypedResults.Problem(statusCode: 404, title: series is null ? $"The report has no numeric figure {figure}." : "Only a consolidated report has figures by unit.")
            : TypedResults.Text(svg, "image/svg+xml; charset=utf-8");
    }

    /// <summary>The body is the .xlsx itself; ?version= is the report's version the figures were filled against.</summary>
    private static async Task<Results<Ok<ReportVersionDto>, ValidationProblem, ProblemHttpResult>> UploadAsync(int id, int? version, HttpContext http, FigureWorkbookService workbooks, CancellationToken ct)
    {
        if (version is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Thêm ?version= (phiên bản báo cáo lúc tải mẫu, trong GET /api/v1/reports/{id})."] }, title: "version is required.");
        }

        // Read whole before parsing (the request body allows no synchronous reads); one byte past the limit is enough to refuse.
        var body = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await http.Request.Body.ReadAsync(buffer, ct)) > 0 && body.Length <= Xlsx.MaxFileBytes)
        {
            body.Write(buffer, 0, n);
        }

        body.Position = 0;
        try
        {
            return TypedResults.Ok(new ReportVersionDto(await workbooks.UploadAsync(id, body, version.Value, http.Actor(), ct)));
        }
        catch (FigureCellsException cells)
        {
            return TypedResults.ValidationProblem(
                cells.Errors.GroupBy(e => e.Cell.Length > 0 ? e.Cell : "figures").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: $"Chưa lưu số liệu: {cells.Errors.Count} ô cần sửa. {cells.Message}");
        }
    }

    private static async Task<Results<Ok<FigureTableDto>, FileStreamHttpResult, ProblemHttpResult>> TableAsync(int id, string? from, string? to, string? format, HttpContext http, FigureExportService figures, CancellationToken ct)
    {
        var kind = (format ?? "").Trim().ToLowerInvariant() is { Length: > 0 } f ? f
            : http.Request.Headers.Accept.ToString().Contains(Xlsx.ContentType, StringComparison.OrdinalIgnoreCase) ? "xlsx"
            : http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? "csv"
            : "json";
        if (kind is not ("json" or "xlsx" or "csv"))
        {
            return TypedResults.Problem(statusCode: 400, title: "format must be json, xlsx or csv.");
        }

        var table = await figures.TableAsync(new FigureExportQuery { PlanId = id, From = from ?? "", To = to }, http.Actor(), ct);
        var name = $"so-lieu-ke-hoach-{table.PlanId}-{table.From}-{table.To}";
        if (kind == "json")
        {
            return TypedResults.Ok(ToDto(table));
        }

        var stream = new MemoryStream();
        if (kind == "xlsx")
        {
            FigureExport.WriteXlsx(stream, table);
        }
        else
        {
            FigureExport.WriteCsv(stream, table);
        }

        stream.Position = 0;
        return TypedResults.File(stream, kind == "xlsx" ? Xlsx.ContentType : "text/csv; charset=utf-8", $"{name}.{kind}");
    }

    private static FigureTableDto ToDto(FigureTable t)
    {
        IReadOnlyDictionary<string, decimal> Values(decimal?[] values) =>
            t.Columns.Select((c, i) => (c.Code, Value: values[i])).Where(x => x.Value is not null).ToDictionary(x => x.Code, x => x.Value!.Value);
        TotalsDto Totals(FigureTotals total) => new(total.Label, total.Reports, Values(total.Values));
        return new FigureTableDto(
            t.PlanId, t.PlanCitation, t.From.ToString(), t.To.ToString(),
            [.. t.Columns.Select(c => new FigureColumnDto(c.Id, c.Code, c.Name, c.UnitOfMeasure, c.Rollup, c.Formula))],
            [.. t.Periods.Select(p => new PeriodDto(p.Period.ToString(),
                [.. p.Groups.Select(g => new GroupDto(g.Kind, g.Label, [.. g.Units.Select(u => new UnitFiguresDto(u.ReportId, u.UnitId, u.UnitCode, u.UnitName, u.Kind, u.Status, Values(u.Values)))], Totals(g.Total)))],
                Totals(p.Total)))]);
    }
}
