using DanVan.Core.Import;
using DanVan.Core.Word;
using DanVan.Web.Infrastructure;
using DanVan.Web.Pages.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DanVan.Web.Api;

/// <summary>
/// POST /reports/{id}/import (a Word file → its preview) and POST /reports/{id}/import/{token} (the choices → the
/// import): the page's flow, through the same <see cref="ReportImportService"/>.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>A section of the file (after the corrections sent so far): where it goes, a section key of the report, "new" or "skip".</summary>
    public sealed record ImportSectionDto(string Id, string Heading, int Level, int Paragraphs, int Tables, string? Matched, string Target);

    /// <summary>A paragraph of the file as read, in its section ("s3", or "closing").</summary>
    public sealed record ImportParagraphDto(string Id, string Section, string Text);

    public sealed record ImportFigureDto(string Id, string Name, decimal Value, string UnitOfMeasure, bool Chosen);

    public sealed record ImportWarningDto(ImportWarningCode Code, IReadOnlyList<string> Args, string Text);

    public sealed record ImportCitationDto(string Text, string Type, string Number, DateOnly? Date, IReadOnlyList<string> Problems);

    public sealed record ImportPreviewDto(
        string Token, string FileName, int ReportVersion, string Title, string? Issuer, string? DocumentNumber, DateOnly? Date, string? Period,
        IReadOnlyList<ImportSectionDto> Sections, IReadOnlyList<ImportParagraphDto> Paragraphs, IReadOnlyList<string> Closing,
        IReadOnlyList<ImportFigureDto> Figures, IReadOnlyList<ImportCitationDto> Citations, IReadOnlyList<ImportWarningDto> Warnings);

    /// <summary>
    /// By the preview's ids: paragraphs to split off ("split"), make the closing ("closing") or move ("to:s2"); sections'
    /// targets; the figures to import (all when left out). What is left out keeps what the preview proposed.
    /// </summary>
    public sealed record ImportChoicesRequest(Dictionary<string, string>? Paragraphs, Dictionary<string, string>? Targets, IReadOnlyList<string>? Figures);

    public static void MapImport(this RouteGroupBuilder secured)
    {
        var api = secured.MapGroup("").WithTags("Import");
        api.MapPost("/reports/{id:int}/import", PreviewAsync)
            // Bearer tokens only, so no cross-site form posts to guard against.
            .DisableAntiforgery()
            // A file over the limit reaches the service, which says so; a body past this is refused by the server (413 too).
            .WithMetadata(new RequestSizeLimitAttribute(ImportModel.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportModel.MaxRequestBytes)
            .Describe(
                "PreviewImport",
                "Read a Word report for import into the report (Nhập từ file Word)",
                "The file (.docx, or .doc where the server has LibreOffice; at most 20 MB) as the form field file. Nothing is saved to the report: the answer is what was read, its sections mapped onto the report's outline, the figures found in its tables and warnings, with a token for ApplyImport (valid a day, for the caller only). A file that cannot be read is a 400 saying why. Who may: as SaveSection.",
                400, 403, 404);
        api.MapPost("/reports/{id:int}/import/{token}", ApplyAsync)
            .Describe(
                "ApplyImport",
                "Import a previewed Word report into the report",
                "Applies the choices to the file as read at preview, keeps the original with the report and answers its new version. 409 when the report changed since the preview (preview again); 404 for a token that is unknown, expired, used, another user's or another report's.",
                400, 403, 404, 409);
    }

    private static async Task<Results<Ok<ImportPreviewDto>, ProblemHttpResult>> PreviewAsync(int id, IFormFile? file, HttpContext http, ReportImportService importer, CancellationToken ct)
    {
        var preview = await importer.PreviewAsync(id, file is null ? null : new ImportFile(file.FileName, file.Length, file.OpenReadStream), http.Actor(), ct);
        return TypedResults.Ok(ToDto(preview, ApiEndpoints.WantsEnglish(http)));
    }

    private static async Task<Ok<ReportVersionDto>> ApplyAsync(int id, string token, ImportChoicesRequest? body, HttpContext http, ReportImportService importer, CancellationToken ct)
    {
        var choices = new ImportChoices
        {
            Paragraphs = body?.Paragraphs ?? [],
            Targets = body?.Targets ?? [],
            Figures = body?.Figures,
        };
        return TypedResults.Ok(new ReportVersionDto((await importer.ApplyAsync(id, token, choices, http.Actor(), ct)).Version));
    }

    private static ImportPreviewDto ToDto(ImportPreview p, bool english)
    {
        var d = p.Document;
        return new ImportPreviewDto(
            p.Token, p.FileName, p.ReportVersion, d.Title, d.Issuer, d.DocumentNumber, d.Date, d.Period?.ToPeriod().ToString(),
            [.. p.Sections.Select(s => new ImportSectionDto(s.Id, s.Section.Heading, s.Section.Level, s.Section.Paragraphs.Count, s.Section.Tables.Count, s.Matched, s.Target))],
            [.. p.Paragraphs.Select((x, i) => new ImportParagraphDto(ImportPreview.ParagraphId(i), x.Section < 0 ? "closing" : ImportPreview.SectionId(x.Section), x.Text))],
            d.Closing,
            [.. p.Figures.Select(f => new ImportFigureDto(f.Id, f.Figure.Name, f.Figure.Value, f.Figure.UnitOfMeasure, f.Chosen))],
            [.. d.Citations.Select(c => new ImportCitationDto(c.Text, c.Type, c.Number, c.Date, c.Problems))],
            [.. p.Warnings.Select(w => new ImportWarningDto(w.Code, w.Args, w.Text(english)))]);
    }
}
