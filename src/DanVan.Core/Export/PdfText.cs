namespace DanVan.Core.Export;

/// <summary>
/// The text of a PDF page by page, through poppler's pdftotext when it is installed: how many pages a report's body
/// takes is read off what LibreOffice printed, not estimated.
/// </summary>
public static class PdfText
{
    /// <summary>Each page's text, or null when pdftotext is not installed.</summary>
    public static async Task<IReadOnlyList<string>?> PagesAsync(byte[] pdf, CancellationToken ct = default)
    {
        var tool = ExternalTool.Find(null, "pdftotext");
        if (tool is null)
        {
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"danvan-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(file, pdf, ct);
            var output = await ExternalTool.RunAsync(tool, ["-enc", "UTF-8", file, "-"], TimeSpan.FromSeconds(60), ct);
            return output.ExitCode == 0 ? output.StandardOutput.Split('\f').SkipLast(1).ToList() : null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The pages of an issued report's body: up to the page where "Nơi nhận:" and the signature begin.</summary>
    public static int? BodyPages(IReadOnlyList<string> pages)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].Contains("Nơi nhận", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }
}
