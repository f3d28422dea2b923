using DanVan.Core;
using DanVan.Core.Import;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Reports;

/// <summary>
/// "Nhập từ file Word": upload → preview mapped onto the outline → confirm, each step one call of
/// <see cref="ReportImportService"/>, which reads the file once at upload; nothing is saved before confirming.
/// </summary>
// The request may be much larger than a file we accept, so that a file over the limit reaches the service and is
// refused with its reason; the form spools to disk, so this bounds disk, not memory.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ImportModel(ReportService reports, ReportStandingService states, ReportImportService importer) : PageModel
{
    public const int MaxRequestBytes = 200 * 1024 * 1024;

    public sealed class ConfirmInput
    {
        public string? Token { get; set; }

        /// <summary>Section id of the corrected file → a section key, "new" or "skip".</summary>
        public Dictionary<string, string> Targets { get; set; } = [];

        /// <summary>One <see cref="ImportCorrections"/> choice per paragraph of the file as read (paragraph i is "p{i}").</summary>
        public List<string> Paragraphs { get; set; } = [];

        /// <summary>The ids of the figures ticked.</summary>
        public List<string> Figures { get; set; } = [];
    }

    [BindProperty]
    public ConfirmInput Input { get; set; } = new();

    public Report Report { get; private set; } = null!;

    public ImportPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return await states.MayEditUnitAsync(Report, HttpContext.Actor(), ct) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Show(await importer.PreviewAsync(id, file is null ? null : new ImportFile(file.FileName, file.Length, file.OpenReadStream), HttpContext.Actor(), ct));
        return Page();
    }

    /// <summary>"Cập nhật xem trước": the paragraph corrections applied to the stored reading, the sections matched again; nothing saved.</summary>
    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        // The sections may have changed, so their targets are proposed afresh.
        Show(await importer.ReviewAsync(id, Input.Token, Choices() with { Targets = new Dictionary<string, string>() }, HttpContext.Actor(), ct));
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        // Shown again if the import is refused, with the choices made.
        Show(await importer.ReviewAsync(id, Input.Token, Choices(), HttpContext.Actor(), ct));
        var applied = await importer.ApplyAsync(id, Input.Token, Choices(), HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã nhập nội dung từ tệp \"{0}\". Tệp gốc được lưu kèm báo cáo.", applied.FileName);
        return Redirect($"/reports/{id}");
    }

    public static string ProblemText(string problem) => Bilingual.Text(problem switch
    {
        "malformed-date" => "ngày viết sai",
        "superseded" => "đã hết hiệu lực, bị thay thế",
        "unknown-type" => "không rõ loại văn bản",
        "type-mismatch" => "loại văn bản không khớp ký hiệu",
        _ => problem,
    });

    private ImportChoices Choices() => new()
    {
        Paragraphs = Input.Paragraphs.Select((choice, i) => (Id: ImportPreview.ParagraphId(i), Choice: choice ?? ImportCorrections.Keep))
            .Where(c => c.Choice != ImportCorrections.Keep).ToDictionary(c => c.Id, c => c.Choice),
        Targets = Input.Targets,
        Figures = Input.Figures,
    };

    /// <summary>The form shows what the preview holds: the choices made so far, the proposed ones elsewhere.</summary>
    private void Show(ImportPreview preview)
    {
        Preview = preview;
        Input.Token = preview.Token;
        Input.Targets = preview.Sections.ToDictionary(s => s.Id, s => s.Target);
        Input.Paragraphs = [.. Enumerable.Range(0, preview.Paragraphs.Count).Select(i => i < Input.Paragraphs.Count ? Input.Paragraphs[i] ?? "" : ImportCorrections.Keep)];
        Input.Figures = [.. preview.Figures.Where(f => f.Chosen).Select(f => f.Id)];
    }

    private async Task LoadAsync(int id, CancellationToken ct) => Report = await reports.GetAsync(id, HttpContext.Actor(), ct);
}
