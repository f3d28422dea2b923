using DanVan.Core.Export;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Reports;

/// <summary>The report as its Decree 30 document: "Tải về Word" and "Tải về PDF" on the report page.</summary>
public sealed class DownloadModel(ReportExportService export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, string format, CancellationToken ct)
    {
        var kind = format.ToUpperInvariant() switch
        {
            "DOCX" => ExportFormat.Docx,
            "PDF" => ExportFormat.Pdf,
            _ => (ExportFormat?)null,
        };
        if (kind is null)
        {
            return NotFound();
        }

        if (kind == ExportFormat.Pdf && !export.PdfAvailable)
        {
            TempData["Flash"] = Bilingual.Text("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Hãy tải bản Word.");
            return Redirect($"/reports/{id}");
        }

        var file = await export.ExportAsync(id, kind.Value, HttpContext.Actor(), ct);
        return File(file.Content, file.ContentType, file.FileName);
    }
}
