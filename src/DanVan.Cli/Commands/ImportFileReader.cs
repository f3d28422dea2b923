using DanVan.Core.Export;
using DanVan.Core.Import;
using DanVan.Core.Word;
using Microsoft.Extensions.Configuration;

namespace DanVan.Cli.Commands;

/// <summary>One Word file read for `danvan import`: the import's size limit, then the reader; a legacy .doc converted with LibreOffice on --convert.</summary>
public static class ImportFileReader
{
    public static async Task<ImportedReport> ReadAsync(string path, bool convert, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IOException($"No such file: {path}");
        }

        // Refused as the web import refuses it; an empty file is left to the reader, which names it as such.
        if (info.Length > 0 && ReportImportService.Refuse(info.Length) is { } refused)
        {
            throw new DocumentImportException(ImportFailure.TooLarge, refused.English ?? refused.Message);
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return DocxReader.Read(stream);
        }
        catch (DocumentImportException ex) when (ex.Failure == ImportFailure.LegacyDoc && convert)
        {
            return await ConvertedAsync(path, ct);
        }
    }

    private static async Task<ImportedReport> ConvertedAsync(string path, CancellationToken ct)
    {
        using var libreOffice = PdfConverter.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        if (!libreOffice.IsAvailable)
        {
            throw new InvalidOperationException("--convert needs LibreOffice: install it (apt-get install libreoffice-writer-nogui) or save the file as .docx in Word.");
        }

        var converted = await WordFile.ReadAsync(await File.ReadAllBytesAsync(path, ct), libreOffice, ct);
        return converted.Report;
    }
}
