using DanVan.Core.Export;
using DanVan.Core.Import;
using DanVan.Core.Word;
using Microsoft.Extensions.Configuration;

namespace DanVan.Cli.Commands;

/// <summary>One Word file read for `danvan import`: size limit, then the reader; a legacy .doc converted with LibreOffice on --convert.</summary>
public static class ImportFileReader
{
    /// <summary>Larger uploads are refused before reading; real reports are well under 10 MB.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public static async Task<ImportedReport> ReadAsync(string path, bool convert, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IOException($"No such file: {path}");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new DocumentImportException(ImportFailure.TooLarge, $"The file is {info.Length / 1024 / 1024} MB; the limit is {MaxFileBytes / 1024 / 1024} MB.");
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
