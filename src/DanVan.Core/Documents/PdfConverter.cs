using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DanVan.Core.Documents;

/// <summary>
/// LibreOffice when it is installed: .docx to PDF for downloads, Word 97-2003 .doc to .docx for imports. At most two
/// conversions run at once so a burst of downloads cannot swamp the server.
/// </summary>
public sealed class PdfConverter(string? soffice, TimeSpan timeout) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(2);

    /// <summary><c>Export:Soffice</c> (path) and <c>Export:PdfTimeoutSeconds</c>; by default soffice is looked up on PATH.</summary>
    public static PdfConverter FromConfiguration(IConfiguration configuration)
    {
        var seconds = int.TryParse(configuration["Export:PdfTimeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;
        return new PdfConverter(ExternalTool.Find(configuration["Export:Soffice"], "soffice", "libreoffice"), TimeSpan.FromSeconds(seconds));
    }

    public bool IsAvailable => soffice is not null;

    public Task<byte[]> ConvertAsync(byte[] docx, CancellationToken ct = default) => RunAsync(docx, ".docx", "pdf", ct);

    public Task<byte[]> ToDocxAsync(byte[] doc, CancellationToken ct = default) => RunAsync(doc, ".doc", "docx", ct);

    private async Task<byte[]> RunAsync(byte[] input, string extension, string format, CancellationToken ct)
    {
        if (soffice is null)
        {
            throw new ExternalToolException(
                "LibreOffice is not installed: install it (apt-get install libreoffice-writer-nogui fonts-liberation).",
                format == "pdf" ? "Máy chủ chưa cài LibreOffice nên chưa tải được bản PDF; hãy tải bản Word." : "Máy chủ chưa cài LibreOffice nên chưa đọc được tệp .doc; mở tệp trong Word và lưu thành .docx rồi tải lên lại.");
        }

        await _slots.WaitAsync(ct);
        try
        {
            return await ExternalTool.ConvertWithLibreOfficeAsync(soffice, input, extension, format, Allowed(input.Length), ct);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// The configured time, plus a second per 5 kB of input: a unit's report is a few pages, while the consolidated
    /// report of 3,700 units with its appendices (700 kB) is 2,300 pages that took LibreOffice two minutes on 2 busy cores.
    /// </summary>
    private TimeSpan Allowed(int bytes) => timeout + TimeSpan.FromSeconds(bytes / 5_000);

    public void Dispose() => _slots.Dispose();
}
