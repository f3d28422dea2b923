using DanVan.Core.Export;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Api;

/// <summary>GET /api/v1/reports/{id}/docx and /pdf: the report as its Decree 30 document.</summary>
public static class ExportEndpoints
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapExports(this RouteGroupBuilder secured)
    {
        var api = secured.MapGroup("").WithTags("Export");
        api.MapGet("/reports/{id:int}/docx", (int id, HttpContext http, ReportExportService export, CancellationToken ct) => FileAsync(id, ExportFormat.Docx, http, export, ct))
            .Produces<Stream>(StatusCodes.Status200OK, DocxContentType)
            .Describe("DownloadReportDocx", "The report as a Word file (.docx)", "Laid out as Decree 30 requires of an administrative document: issuing body, number, place and date, signature block, recipients.", 404);
        api.MapGet("/reports/{id:int}/pdf", (int id, HttpContext http, ReportExportService export, CancellationToken ct) => FileAsync(id, ExportFormat.Pdf, http, export, ct))
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .Describe("DownloadReportPdf", "The report as a PDF file", "The Word file converted by LibreOffice on the server; 503 where the server has none (download the .docx instead).", 404, 503);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(int id, ExportFormat format, HttpContext http, ReportExportService export, CancellationToken ct)
    {
        if (format == ExportFormat.Pdf && !export.PdfAvailable)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export needs LibreOffice on the server; download the .docx instead.");
        }

        var file = await export.ExportAsync(id, format, http.Actor(), ct);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
