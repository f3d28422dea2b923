using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DanVan.Core.Export;

/// <summary>
/// LibreOffice when it is installed: .docx to PDF for downloads, Word 97-2003 .doc to .docx for imports. At most two
/// conversions run at once so a burst of downloads cannot swamp the server.
/// </summary>
public sealed class PdfConverter(string? soffice, TimeSpan timeout, string? pdfunite = null) : IDisposable
{
    private const int Slots = 2;
    private readonly SemaphoreSlim _slots = new(Slots);

    /// <summary><c>Export:Soffice</c> (path) and <c>Export:PdfTimeoutSeconds</c>; by default soffice is looked up on PATH.</summary>
    public static PdfConverter FromConfiguration(IConfiguration configuration)
    {
        var seconds = int.TryParse(configuration["Export:PdfTimeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;
        return new PdfConverter(ExternalTool.Find(configuration["Export:Soffice"], "soffice", "libreoffice"), TimeSpan.FromSeconds(seconds), ExternalTool.Find(null, "pdfunite"));
    }

    public bool IsAvailable => soffice is not null;

    /// <summary>Whether <see cref="ConvertPartsAsync"/> can join parts (poppler's pdfunite is installed).</summary>
    public bool CanJoin => pdfunite is not null;

    public Task<byte[]> ConvertAsync(byte[] docx, CancellationToken ct = default) => RunAsync(docx, ".docx", "pdf", ct);

    /// <summary>
    /// One PDF of a document written in parts (<see cref="DocxWriter.WriteParts"/>): the parts are shared between two
    /// LibreOffice processes, the largest first to whichever has less, converted side by side and joined in order.
    /// </summary>
    public async Task<byte[]> ConvertPartsAsync(IReadOnlyList<byte[]> parts, CancellationToken ct = default)
    {
        if (parts.Count == 1 || pdfunite is null)
        {
            return parts.Count == 1 ? await ConvertAsync(parts[0], ct) : throw new InvalidOperationException("pdfunite is not installed: convert the whole document instead.");
        }

        var shares = new List<int>[Slots];
        var sizes = new long[Slots];
        for (var i = 0; i < Slots; i++)
        {
            shares[i] = [];
        }

        foreach (var part in Enumerable.Range(0, parts.Count).OrderByDescending(i => parts[i].Length))
        {
            var lighter = Array.IndexOf(sizes, sizes.Min());
            shares[lighter].Add(part);
            sizes[lighter] += parts[part].Length;
        }

        var pdfs = new byte[parts.Count][];
        await Task.WhenAll(shares.Where(s => s.Count > 0).Select(async share =>
        {
            share.Sort();
            var converted = await RunAsync(share.Select(i => parts[i]).ToList(), ".docx", "pdf", ct);
            for (var k = 0; k < share.Count; k++)
            {
                pdfs[share[k]] = converted[k];
            }
        }));
        return await ExternalTool.JoinPdfAsync(pdfunite, pdfs, timeout, ct);
    }

    public Task<byte[]> ToDocxAsync(byte[] doc, CancellationToken ct = default) => RunAsync(doc, ".doc", "docx", ct);

    private async Task<byte[]> RunAsync(byte[] input, string extension, string format, CancellationToken ct) =>
        (await RunAsync([input], extension, format, ct))[0];

    private async Task<IReadOnlyList<byte[]>> RunAsync(IReadOnlyList<byte[]> inputs, string extension, string format, CancellationToken ct)
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
            return await ExternalTool.ConvertWithLibreOfficeAsync(soffice, inputs, extension, format, Allowed(inputs.Sum(i => i.Length)), ct);
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
