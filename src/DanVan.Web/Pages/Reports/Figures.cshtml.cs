using DanVan.Core;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Reports;

public sealed class FiguresModel(ReportService reports, ReportStandingService states, PlanService plans, FigureWorkbookService workbooks, FigureComparisonService comparisons) : PageModel
{
    public const int BlankRows = 3;

    public sealed class FigureRow
    {
        public string? Name { get; set; }

        public string? Value { get; set; }

        public string? UnitOfMeasure { get; set; }

        /// <summary>Set on rows the plan asks for; their name and unit come from the plan, not the form.</summary>
        public int? PlanFigureId { get; set; }
    }

    public sealed class FiguresInput
    {
        public List<FigureRow> Figures { get; set; } = [];

        public int Version { get; set; }
    }

    [BindProperty]
    public FiguresInput Input { get; set; } = new();

    public Report Report { get; private set; } = null!;

    public bool Editable { get; private set; }

    public ReportStanding State { get; private set; } = null!;

    /// <summary>The report's unit runs a plan for this period, so its figures can be rolled up from its units.</summary>
    public bool ConsolidatesBelow { get; private set; }

    public IReadOnlyDictionary<int, PlanFigure> PlanFigures { get; private set; } = new Dictionary<int, PlanFigure>();

    /// <summary>What the report holds for the plan's figures, computed ones included.</summary>
    public IReadOnlyDictionary<int, decimal> Saved { get; private set; } = new Dictionary<int, decimal>();

    /// <summary>A row of the report's own figures, numbered after the plan's top-level indicators (1, 2, 3 → 4, 5 …).</summary>
    public int OwnRowNumber(int row) =>
        PlanFigures.Values.Count(p => PlanIndicators.ParentCode(p.Code) is null) + row - Input.Figures.Take(row).Count(r => r.PlanFigureId is { } id && PlanFigures.ContainsKey(id)) + 1;

    /// <summary>A derived figure's formula in words, with the figures' names.</summary>
    public string FormulaInWords(PlanFigure figure) => PlanIndicators.InWords(figure.Formula!, [.. PlanFigures.Values]);

    /// <summary>The saved figures beside the previous period and the same period last year.</summary>
    public FigureComparisonTable? Comparison { get; private set; }

    /// <summary>Each numeric figure over the last periods (and, for a consolidated report, by unit).</summary>
    public FigureCharts? Charts { get; private set; }

    /// <summary>What an uploaded workbook could not give, cell by cell; nothing was saved.</summary>
    public IReadOnlyList<CellError> UploadErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (!await states.MayEditUnitAsync(Report, HttpContext.Actor(), ct))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Fill();
        return Page();
    }

    /// <summary>The plan's figures as an Excel template to fill offline.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(int id, CancellationToken ct)
    {
        var (content, name) = await workbooks.TemplateAsync(id, HttpContext.Actor(), ct);
        return File(content, Core.Spreadsheets.Xlsx.ContentType, name);
    }

    /// <summary>A filled template: saved whole, or the page again with every cell to correct and nothing saved.</summary>
    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? workbook, int version, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (!await states.MayEditUnitAsync(Report, HttpContext.Actor(), ct))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        try
        {
            if (workbook is null || workbook.Length == 0)
            {
                throw new DomainException("File", "Chọn tệp Excel (.xlsx) đã điền số liệu.") { English = "Choose the Excel file (.xlsx) with the figures filled in." };
            }

            using var copy = new MemoryStream();
            await using (var upload = workbook.OpenReadStream())
            {
                // Copied asynchronously up to just past the limit, which the reader then refuses with its message.
                var buffer = new byte[81920];
                int n;
                while ((n = await upload.ReadAsync(buffer, ct)) > 0 && copy.Length <= Core.Spreadsheets.Xlsx.MaxFileBytes)
                {
                    copy.Write(buffer, 0, n);
                }
            }

            copy.Position = 0;
            await workbooks.UploadAsync(id, copy, version, HttpContext.Actor(), ct);
        }
        catch (FigureCellsException cells)
        {
            UploadErrors = cells.Errors;
        }
        catch (DomainException breach) when (breach is not ForbiddenException)
        {
            UploadErrors = [new CellError("", breach.Shown())];
        }

        if (UploadErrors.Count > 0)
        {
            Fill();
            Response.StatusCode = Report.Version == version ? 400 : 409;
            return Page();
        }

        TempData["Flash"] = Bilingual.Text("Đã lưu số liệu từ tệp {0}.", workbook!.FileName);
        return Redirect($"/reports/{id}?tab=figures");
    }

    private void Fill()
    {
        Input.Version = Report.Version;
        var answered = Report.Figures.Where(f => f.PlanFigureId is not null).ToDictionary(f => f.PlanFigureId!.Value);
        Input.Figures = PlanFigures.Values
            .Select(p => new FigureRow
            {
                PlanFigureId = p.Id,
                Name = p.Name,
                UnitOfMeasure = p.UnitOfMeasure,
                Value = answered.TryGetValue(p.Id, out var f) ? (p.Kind == FigureKind.Text ? f.TextValue : FigureValue.Format(f.Value)) : null,
            })
            .Concat(Report.Figures.Where(f => f.PlanFigureId is null || !PlanFigures.ContainsKey(f.PlanFigureId.Value))
                .Select(f => new FigureRow { Name = f.Name, Value = f.TextValue ?? FigureValue.Format(f.Value), UnitOfMeasure = f.UnitOfMeasure }))
            .ToList();
        Input.Figures.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new FigureRow()));
    }

    /// <summary>Set after "Tổng hợp từ cấp dưới": how many sent reports the prefilled numbers come from.</summary>
    public int? RolledUpFrom { get; private set; }

    /// <summary>Prefills the form with the figures rolled up from the units' sent reports; nothing is saved until the user saves.</summary>
    public async Task<IActionResult> OnPostRollUpAsync(int id, CancellationToken ct)
    {
        var result = await OnGetAsync(id, ct);
        if (result is not PageResult)
        {
            return result;
        }

        var (figures, count) = await reports.RollUpFiguresAsync(id, HttpContext.Actor(), ct);
        foreach (var figure in figures)
        {
            var row = Input.Figures.FirstOrDefault(r => (figure.PlanFigureId is { } pf && r.PlanFigureId == pf)
                || (figure.PlanFigureId is null && string.Equals(r.Name, figure.Name, StringComparison.OrdinalIgnoreCase)));
            if (row is null)
            {
                row = new FigureRow { Name = figure.Name, UnitOfMeasure = figure.UnitOfMeasure };
                Input.Figures.Insert(Input.Figures.Count - BlankRows, row);
            }

            row.Value = FigureValue.Format(figure.Value);
        }

        ModelState.Clear();
        RolledUpFrom = count;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var figures = new List<FigureInput>();
        for (var i = 0; i < Input.Figures.Count; i++)
        {
            var row = Input.Figures[i];
            if (row.PlanFigureId is { } planFigureId && PlanFigures.TryGetValue(planFigureId, out var asked))
            {
                row.Name = asked.Name;
                row.UnitOfMeasure = asked.UnitOfMeasure;
                if (string.IsNullOrWhiteSpace(row.Value))
                {
                    continue;
                }

                if (asked.Kind == FigureKind.Text)
                {
                    figures.Add(new FigureInput(asked.Name, 0, asked.UnitOfMeasure, asked.Id, row.Value.Trim()));
                    continue;
                }

                var (number, error) = FigureValue.Parse(row.Value, asked.Kind, asked.UnitOfMeasure);
                if (number is null)
                {
                    ModelState.AddModelError($"Input.Figures[{i}].Value", $"{asked.Name}: {error?.Shown()}");
                    continue;
                }

                figures.Add(new FigureInput(asked.Name, number.Value, asked.UnitOfMeasure, asked.Id));
                continue;
            }

            if (string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrWhiteSpace(row.Value) && string.IsNullOrWhiteSpace(row.UnitOfMeasure))
            {
                continue;
            }

            var (value, problem) = FigureValue.Parse(row.Value, FigureKind.DecimalNumber, row.UnitOfMeasure);
            if (value is null)
            {
                ModelState.AddModelError($"Input.Figures[{i}].Value", Bilingual.Text("Dòng {0}: {1}", i + 1, problem?.Shown()));
                continue;
            }

            figures.Add(new FigureInput(row.Name ?? "", value.Value, row.UnitOfMeasure ?? ""));
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }

        try
        {
            await reports.SaveFiguresAsync(new SaveFigures { ReportId = id, Figures = figures, ExpectedVersion = Input.Version }, HttpContext.Actor(), ct);
        }
        catch (FigureRulesException breach)
        {
            // Each broken rule beside the figure it is about, so the user sees which number to correct.
            foreach (var (planFigureId, message, english) in breach.Breaches)
            {
                var row = Input.Figures.FindIndex(r => r.PlanFigureId == planFigureId);
                ModelState.AddModelError(row < 0 ? "" : $"Input.Figures[{row}].Value", Bilingual.IsEnglish ? english : message);
            }

            Response.StatusCode = 400;
            return Page();
        }
        TempData["Flash"] = Bilingual.Text("Đã lưu {0} chỉ tiêu số liệu.", figures.Count);
        return Redirect($"/reports/{id}?tab=figures");
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Report = await reports.GetAsync(id, HttpContext.Actor(), ct);
        State = await states.StandingAsync(Report, HttpContext.Actor(), ct);
        Editable = State.CanEdit;
        PlanFigures = Report.PlanId is null ? new Dictionary<int, PlanFigure>() : await reports.PlanFiguresAsync(Report.PlanId.Value, ct);
        ConsolidatesBelow = await plans.OwnsPlanForAsync(Report.UnitId, Report.Period, ct);
        Saved = Report.Figures.Where(f => f.PlanFigureId is not null && f.TextValue is null).GroupBy(f => f.PlanFigureId!.Value).ToDictionary(g => g.Key, g => g.First().Value);
        Comparison = await comparisons.ForReportAsync(id, HttpContext.Actor(), ct);
        Charts = await comparisons.ChartsForReportAsync(id, HttpContext.Actor(), ct);
    }
}
