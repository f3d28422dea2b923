using DanVan.Core.Export;
using DanVan.Web.Infrastructure;

namespace DanVan.Web.Api;

/// <summary>GET /api/v1/reports/{id}/docx and /pdf: the report as its Decree 30 document.</summary>
public static class ExportEndpoints
{
    public static void MapExports(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/{id:int}/docx", (int id, HttpContext http, ReportExportService export, CancellationToken ct) => FileAsync(id, ExportFormat.Docx, http, export, ct));
        api.MapGet("/reports/{id:int}/pdf", (int id, HttpContext http, ReportExportService export, CancellationToken ct) => FileAsync(id, ExportFormat.Pdf, http, export, ct));
    }

    private static async Task<IResult> FileAsync(int id, ExportFormat format, HttpContext http, ReportExportService export, CancellationToken ct)
    {
        if (format == ExportFormat.Pdf && !export.PdfAvailable)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export needs LibreOffice on the server; download the .docx instead.");
        }

        var file = await export.ExportAsync(id, format, http.Actor(), ct);
        return Results.File(file.Content, file.ContentType, file.FileName);
    }
}
