using DanVan.Core.Export;
using DanVan.Core.Word;

namespace DanVan.Core.Import;

/// <summary>A Word file as read for import: the report found in it and the .docx it was read from.</summary>
public sealed record WordFile(ImportedReport Report, byte[] Docx, bool Converted)
{
    /// <summary>
    /// Reads a .docx; a Word 97-2003 .doc is first converted to .docx with LibreOffice when it is installed, for the
    /// page and the CLI alike. Without LibreOffice a .doc fails as <see cref="ImportFailure.LegacyDoc"/>. The cited
    /// documents are checked against <paramref name="registry"/> (the registry in use, with administrators' entries),
    /// else the shipped list.
    /// </summary>
    public static async Task<WordFile> ReadAsync(byte[] content, PdfConverter libreOffice, CancellationToken ct, Citations.LegalRegistry? registry = null)
    {
        try
        {
            return new WordFile(Read(content, registry), content, false);
        }
        catch (DocumentImportException ex) when (ex.Failure == ImportFailure.LegacyDoc && libreOffice.IsAvailable)
        {
            var docx = await libreOffice.ToDocxAsync(content, ct);
            var report = Read(docx, registry);
            report.Warnings.Add(new(ImportWarningCode.ConvertedFromDoc));
            return new WordFile(report, docx, true);
        }
    }

    private static ImportedReport Read(byte[] content, Citations.LegalRegistry? registry)
    {
        using var stream = new MemoryStream(content, writable: false);
        return DocxReader.Read(stream, registry);
    }
}
