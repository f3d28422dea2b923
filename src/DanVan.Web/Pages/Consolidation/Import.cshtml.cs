using DanVan.Core.Import;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Consolidation;

/// <summary>
/// "Nhập báo cáo các đơn vị gửi bằng file Word": many Word files at once, each becoming its unit's report for the
/// dashboard's plan and period (<see cref="BulkImportService"/>), then a result per file.
/// </summary>
// As on the single import: a request may hold many files up to the per-file limit, and a file over it must reach the
// service to be refused with its reason while the others are imported.
[RequestSizeLimit(Reports.ImportModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Reports.ImportModel.MaxRequestBytes)]
public sealed class ImportModel(BulkImportService importer, PlanService plans) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "plan")]
    public int PlanId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty]
    public ImportedStatus Status { get; set; }

    public Plan Plan { get; private set; } = null!;

    public BulkImportResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Plan = await plans.GetAsync(PlanId, HttpContext.Actor(), ct);

    // The result is shown, not redirected to: it is the answer to these files, and posting them again only skips the
    // units whose reports they created.
    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken ct)
    {
        Plan = await plans.GetAsync(PlanId, HttpContext.Actor(), ct);
        Result = await importer.ImportAsync(
            new BulkImport
            {
                Period = Period ?? "",
                PlanId = PlanId,
                Status = Status,
                Files = files.Select(f => new ImportFile(f.FileName, f.Length, f.OpenReadStream)).ToList(),
            },
            HttpContext.Actor(),
            ct: ct);
        return Page();
    }

    public static string OutcomeText(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Created => "Đã tạo",
        ImportOutcome.Skipped => "Bỏ qua",
        _ => "Không nhập được",
    };

    public static string OutcomeCss(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Created => "st-accepted",
        ImportOutcome.Skipped => "st-none",
        _ => "st-returned",
    };
}
