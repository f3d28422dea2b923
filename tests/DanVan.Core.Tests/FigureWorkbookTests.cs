using System.Globalization;
using System.Text;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Export;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Issue 20.2: a report's figures as an Excel template filled elsewhere and uploaded back, and all units' figures over
/// periods for the consolidator. The uploads' own tests upload workbooks written by LibreOffice, not by the library that
/// made them; tests about what happens after an upload fill the template with our writer (<see cref="OwnFill"/>), since
/// each LibreOffice run costs seconds and proves nothing more there.
/// </summary>
[Collection(CoreCollection.Name)]
public sealed class FigureWorkbookTests(CoreFixture core)
{
    private static readonly PlanFigureInput[] Figures =
    [
        new("Tiếp nhận, giải quyết đơn thư", null, FigureKind.Heading, Rollup.None, Code: "1"),
        new("Số đơn thư tiếp nhận", "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "1.1"),
        new("Số đơn thư đã giải quyết", "đơn", FigureKind.WholeNumber, Rollup.Sum, Code: "1.2"),
        new("Tỷ lệ đơn thư đã giải quyết", "%", FigureKind.DecimalNumber, Rollup.Recompute, Code: "1.3", Formula: "[1.2] / [1.1] × 100"),
        new("Tỷ lệ người dân hài lòng", "%", FigureKind.DecimalNumber, Rollup.WeightedMean, Code: "2", WeightBy: "[1.1]"),
        new("Mô hình \"Dân vận khéo\" tiêu biểu", null, FigureKind.Text, Rollup.None, Code: "3"),
    ];

    [Fact]
    public async Task Upload_TemplateFilledByLibreOffice_PlanFiguresSaved_RateComputed_OwnFiguresKept()
    {
        var t = await ArrangeAsync();
        var report = await CreateAsync(t.A, "2025-Q1");
        await SaveOwnAsync(t.A, report, "Số buổi đối thoại với Nhân dân", 4);
        var template = await TemplateAsync(t.A, report);

        var filled = (await LibreOffice.FillAsync(template, new Dictionary<string, string> { ["1.1"] = "12", ["1.2"] = "9", ["2"] = "95.5", ["3"] = "Chợ văn minh, an toàn" }))[0];
        var version = await core.RunAsync(sp => sp.GetRequiredService<FigureWorkbookService>().UploadAsync(report, new MemoryStream(filled), 1, CoreFixture.As(t.A, Roles.Staff)));

        Assert.Equal(2, version);
        var saved = await SavedAsync(report);
        Assert.Equal(12m, saved["Số đơn thư tiếp nhận"].Value);
        Assert.Equal(9m, saved["Số đơn thư đã giải quyết"].Value);
        Assert.Equal(75m, saved["Tỷ lệ đơn thư đã giải quyết"].Value);
        Assert.Equal(95.5m, saved["Tỷ lệ người dân hài lòng"].Value);
        Assert.Equal("Chợ văn minh, an toàn", saved["Mô hình \"Dân vận khéo\" tiêu biểu"].Text);
        Assert.Equal(4m, saved["Số buổi đối thoại với Nhân dân"].Value);
    }

    [Fact]
    public async Task Upload_CellsWrongOrRuleBroken_EachNamedByItsCell_NothingSaved()
    {
        var t = await ArrangeAsync();
        var report = await CreateAsync(t.A, "2025-Q1");
        var template = await TemplateAsync(t.A, report);
        var staff = CoreFixture.As(t.A, Roles.Staff);
        Task UploadAsync(byte[] file) => core.RunAsync(sp => sp.GetRequiredService<FigureWorkbookService>().UploadAsync(report, new MemoryStream(file), 0, staff));

        var files = await LibreOffice.FillAsync(template, new() { ["1.1"] = "mười hai", ["1.2"] = "9.5", ["2"] = "120" }, new() { ["1.1"] = "10", ["1.2"] = "12" });
        var wrong = await Assert.ThrowsAsync<FigureCellsException>(() => UploadAsync(files[0]));
        var broken = await Assert.ThrowsAsync<FigureCellsException>(() => UploadAsync(files[1]));
        var other = await Assert.ThrowsAsync<DomainException>(() => UploadOtherAsync(t, template));

        // Rows 1–6 are the title, plan, report id, how to fill, a blank and the header; the figures start at row 7.
        Assert.Equal(["C8", "C9", "C11"], wrong.Errors.Select(e => e.Cell));
        Assert.StartsWith("C8 (1.1. Số đơn thư tiếp nhận): \"mười hai\" không phải là số nguyên", wrong.Errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("C9 (1.2. Số đơn thư đã giải quyết): 9,5 không phải là số nguyên", wrong.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("không phải là tỷ lệ phần trăm", wrong.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains(broken.Errors, e => e.Cell == "C9" && e.Message.Contains("Số đơn thư đã giải quyết (12) phải ≤ Số đơn thư tiếp nhận (10)", StringComparison.Ordinal));
        Assert.Contains("báo cáo khác", other.Message, StringComparison.Ordinal);
        Assert.Empty(await SavedAsync(report));
    }

    [Fact]
    public async Task Upload_ByTheConsolidatorToAUnitsDraft_NotFound()
    {
        var t = await ArrangeAsync();
        var report = await CreateAsync(t.A, "2025-Q1");
        var template = await TemplateAsync(t.A, report);

        // A draft is the unit's own: the level above neither sees it nor writes into it.
        await Assert.ThrowsAsync<NotFoundException>(() => core.RunAsync(sp => sp.GetRequiredService<FigureWorkbookService>().UploadAsync(report, new MemoryStream(template), 0, t.Consolidator)));
    }

    [Fact]
    public async Task Template_LastPeriodBeside_LibreOfficeComputesTheRateFromItsFormula()
    {
        var t = await ArrangeAsync();
        var q1 = await CreateAsync(t.A, "2025-Q1");
        await UploadAsync(t.A, q1, 0, "40", "30", "90");
        var q2 = await CreateAsync(t.A, "2025-Q2");
        var template = await TemplateAsync(t.A, q2);

        var rows = Xlsx.ReadFirstSheet(new MemoryStream(template));
        var received = rows.Single(r => r[0] == "1.1");
        Assert.Equal("Kỳ trước (quý I năm 2025)", rows.Single(r => r[0] == FigureWorkbook.CodeHeader)[4]);
        Assert.Equal("40", received[4]);
        Assert.Equal("", received[2]);
        Assert.Equal("", rows.Single(r => r[0] == "1.3")[2]);

        // The same template with the inputs given and no rate computed: LibreOffice computes it from the formula.
        var figures = (await core.RunAsync(sp => sp.GetRequiredService<ReportService>().PlanFiguresAsync(t.Plan))).Values.ToList();
        using var typed = new MemoryStream();
        FigureWorkbook.WriteTemplate(typed, new FigureTemplate
        {
            ReportId = q2,
            UnitName = "Ủy ban nhân dân xã Thử",
            Period = ReportingPeriod.Parse("2025-Q2"),
            PlanCitation = "Kế hoạch số 58/KH-UBND",
            Figures = figures,
            Current = new Dictionary<int, TemplateValue> { [figures.Single(f => f.Code == "1.1").Id] = new(8, null), [figures.Single(f => f.Code == "1.2").Id] = new(6, null) },
        });
        var csv = await LibreOffice.CsvAsync(typed.ToArray(), template);
        Assert.Equal("75.00", LibreOffice.Cell(csv[0], "1.3", 2));
        Assert.Equal("", LibreOffice.Cell(csv[1], "1.3", 2));
    }

    [Fact]
    public async Task Export_TwoQuarters_RowPerUnitByLevel_TotalsRecomputeTheRate_ScopeOnly()
    {
        var t = await ArrangeAsync();
        foreach (var (unit, period, received, resolved) in new[] { (t.A, "2025-Q1", "10", "9"), (t.B, "2025-Q1", "100", "99"), (t.Department, "2025-Q1", "5", "5"), (t.A, "2025-Q2", "20", "10") })
        {
            var id = await CreateAsync(unit, period);
            var version = await UploadAsync(unit, id, 0, received, resolved, "80");
            await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit, ExpectedVersion = version }, CoreFixture.As(unit, Roles.Leader)));
        }

        var table = await core.RunAsync(sp => sp.GetRequiredService<FigureExportService>().TableAsync(new FigureExportQuery { PlanId = t.Plan, From = "2025-Q1", To = "2025-Q2" }, t.Consolidator));
        var outsider = await Assert.ThrowsAsync<NotFoundException>(() => core.RunAsync(sp => sp.GetRequiredService<FigureExportService>()
            .TableAsync(new FigureExportQuery { PlanId = t.Plan, From = "2025-Q1" }, CoreFixture.As(t.Other, Roles.Consolidator))));
        var own = await core.RunAsync(sp => sp.GetRequiredService<FigureExportService>().TableAsync(new FigureExportQuery { PlanId = t.Plan, From = "2025-Q1" }, CoreFixture.As(t.A, Roles.Staff)));

        Assert.Equal(["1.1", "1.2", "1.3", "2"], table.Columns.Select(c => c.Code));
        var q1 = table.Periods[0];
        Assert.Equal([UnitKind.Department, UnitKind.Commune], q1.Groups.Select(g => g.Kind));
        Assert.Equal(2, q1.Groups[1].Units.Count);
        // (9 + 99 + 5) / (10 + 100 + 5) × 100 = 98.26, not a sum or the lowest unit's 90.
        Assert.Equal(new decimal?[] { 115m, 113m, 98.26m, 80m }, q1.Total.Values);
        Assert.Equal(new decimal?[] { 110m, 108m, 98.18m, 80m }, q1.Groups[1].Total.Values);
        Assert.Equal(50m, table.Periods[1].Total.Values[2]);
        Assert.Equal(t.A, Assert.Single(own.Periods[0].Groups.SelectMany(g => g.Units)).UnitId);

        using var xlsx = new MemoryStream();
        FigureExport.WriteXlsx(xlsx, table);
        var sheet = Xlsx.ReadFirstSheet(new MemoryStream(xlsx.ToArray()));
        Assert.Equal("1.3. Tỷ lệ đơn thư đã giải quyết (%)", sheet[3][7]);
        Assert.Contains(sheet, r => r[0] == "2025-Q1" && r[3].StartsWith("Tổng cộng quý I năm 2025 (3 đơn vị)", StringComparison.Ordinal) && r[7] == "98.26");
        using var csv = new MemoryStream();
        FigureExport.WriteCsv(csv, table);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).TrimStart('\uFEFF').Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        // The header; in Q1 the Sở and its total, two communes and theirs, the quarter's total; in Q2 one commune, its total, the quarter's.
        Assert.Equal(10, lines.Length);
        Assert.NotNull(outsider);
    }

    private sealed record Arranged(int A, int B, int Department, int Other, int Plan, Actor Consolidator);

    private async Task<Arranged> ArrangeAsync()
    {
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var a = await core.AddUnitAsync(CoreFixture.Code("X"), province);
        var b = await core.AddUnitAsync(CoreFixture.Code("X"), province);
        var department = await core.AddUnitAsync(CoreFixture.Code("S"), province, kind: UnitKind.Department);
        var elsewhere = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var other = await core.AddUnitAsync(CoreFixture.Code("SNV"), elsewhere, elsewhere, UnitKind.Department);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);
        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 2)) with
            {
                Number = "58/KH-UBND",
                Summary = "Báo cáo số liệu công tác dân vận chính quyền hằng quý",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures = Figures,
                Rules = [new("[1.2] <= [1.1]")],
            },
            consolidator));
        core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);
        return new Arranged(a, b, department, other, plan, consolidator);
    }

    private Task<int> CreateAsync(int unit, string period) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, CoreFixture.As(unit, Roles.Leader)));

    private Task<byte[]> TemplateAsync(int unit, int report) =>
        core.RunAsync(async sp => (await sp.GetRequiredService<FigureWorkbookService>().TemplateAsync(report, CoreFixture.As(unit, Roles.Staff))).Content);

    private async Task<int> UploadAsync(int unit, int report, int version, string received, string resolved, string satisfied)
    {
        var filled = OwnFill.Fill(await TemplateAsync(unit, report), new() { ["1.1"] = received, ["1.2"] = resolved, ["2"] = satisfied });
        return await core.RunAsync(sp => sp.GetRequiredService<FigureWorkbookService>().UploadAsync(report, new MemoryStream(filled), version, CoreFixture.As(unit, Roles.Leader)));
    }

    /// <summary>Another report's template uploaded into this one: refused by the report id it carries.</summary>
    private async Task UploadOtherAsync(Arranged t, byte[] template)
    {
        var second = await CreateAsync(t.B, "2025-Q1");
        await core.RunAsync(sp => sp.GetRequiredService<FigureWorkbookService>().UploadAsync(second, new MemoryStream(template), 0, CoreFixture.As(t.B, Roles.Staff)));
    }

    private Task<int> SaveOwnAsync(int unit, int report, string name, decimal value) => core.RunAsync(sp => sp.GetRequiredService<ReportService>()
        .SaveFiguresAsync(new SaveFigures { ReportId = report, ExpectedVersion = 0, Figures = [new FigureInput(name, value, "buổi")] }, CoreFixture.As(unit, Roles.Staff)));

    private async Task<Dictionary<string, (decimal Value, string? Text)>> SavedAsync(int report)
    {
        await using var db = core.Database.NewContext();
        return await db.ReportFigures.Where(f => f.ReportId == report).ToDictionaryAsync(f => f.Name, f => (f.Value, f.TextValue));
    }
}

/// <summary>
/// Fills a template as a user with another spreadsheet program would: LibreOffice opens our .xlsx and saves it as CSV,
/// the values go into column C of the figures' rows, and LibreOffice writes a new .xlsx of its own from that.
/// Each call converts all its files in one LibreOffice run: starting LibreOffice costs seconds of CPU.
/// </summary>
internal static class LibreOffice
{
    /// <summary>The workbooks as LibreOffice shows them once opened (formulas computed), as CSV, in order.</summary>
    public static async Task<byte[][]> CsvAsync(params byte[][] workbooks)
    {
        var dir = Directory.CreateTempSubdirectory("danvan-xlsx").FullName;
        try
        {
            var books = workbooks.Select((_, i) => Path.Combine(dir, $"book{i}.xlsx")).ToArray();
            for (var i = 0; i < books.Length; i++)
            {
                await File.WriteAllBytesAsync(books[i], workbooks[i]);
            }

            await RunAsync(dir, ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", Path.Combine(dir, "csv"), .. books]);
            return await Task.WhenAll(books.Select(b => File.ReadAllBytesAsync(Path.Combine(dir, "csv", Path.GetFileNameWithoutExtension(b) + ".csv"))));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The template as a user fills it in LibreOffice: its cells as they are (read by our reader, as LibreOffice would show
    /// them), the values typed into column C, and a new .xlsx written by LibreOffice from that.
    /// </summary>
    public static async Task<byte[][]> FillAsync(byte[] template, params Dictionary<string, string>[] fills)
    {
        var dir = Directory.CreateTempSubdirectory("danvan-xlsx").FullName;
        try
        {
            var files = fills.Select((_, i) => Path.Combine(dir, $"filled{i}.csv")).ToArray();
            for (var i = 0; i < files.Length; i++)
            {
                var lines = OwnFill.Rows(template, fills[i]).Select(r => string.Join(",", r.Select(f => $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")));
                await File.WriteAllTextAsync(files[i], string.Join("\n", lines));
            }

            // Columns A, B, D–F as text (so "1.1" stays a number of the biểu mẫu), C as LibreOffice reads what is typed.
            await RunAsync(dir, ["--infilter=CSV:44,34,76,1,1/2/2/2/3/1/4/2/5/2/6/2", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", Path.Combine(dir, "out"), .. files]);
            return await Task.WhenAll(files.Select(f => File.ReadAllBytesAsync(Path.Combine(dir, "out", Path.GetFileNameWithoutExtension(f) + ".xlsx"))));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Column <paramref name="column"/> of the CSV line whose first field is <paramref name="code"/>.</summary>
    public static string Cell(byte[] csv, string code, int column) =>
        Encoding.UTF8.GetString(csv).Split('\n').Select(l => Fields(l.TrimEnd('\r'))).Single(f => f.Count > column && f[0] == code)[column];

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static async Task RunAsync(string dir, string[] args)
    {
        var (code, output, error) = await ExternalTool.RunAsync("soffice", [.. ExternalTool.LibreOfficeHeadless(dir + "/profile"), .. args], TimeSpan.FromMinutes(2), default);
        Assert.True(code == 0, $"soffice {string.Join(' ', args)}: {output} {error}");
    }
}

/// <summary>The template filled by our own reader and writer: the values typed into column C of the figures' rows.</summary>
internal static class OwnFill
{
    /// <summary>Every row of the template from row 1 (blank rows kept, so cells keep their names), values put in column C.</summary>
    public static List<List<string>> Rows(byte[] template, Dictionary<string, string> values)
    {
        var read = Xlsx.ReadFirstSheet(new MemoryStream(template));
        var rows = Enumerable.Range(1, read.Max(r => r.Number)).Select(_ => new List<string>()).ToList();
        foreach (var row in read)
        {
            var cells = rows[row.Number - 1];
            cells.AddRange(row.Cells);
            if (values.TryGetValue(row[0], out var value))
            {
                while (cells.Count < 3)
                {
                    cells.Add("");
                }

                cells[2] = value;
            }
        }

        return rows;
    }

    public static byte[] Fill(byte[] template, Dictionary<string, string> values)
    {
        var rows = Rows(template, values).Select(r => (IReadOnlyList<XlsxCell>)[.. r.Select(c =>
            decimal.TryParse(c, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? XlsxCell.Of(n, XlsxStyle.Number) : XlsxCell.Of(c))]);
        using var stream = new MemoryStream();
        Xlsx.Write(stream, [new XlsxSheet("Số liệu", [8, 40, 14, 10, 14, 30], rows)]);
        return stream.ToArray();
    }
}
