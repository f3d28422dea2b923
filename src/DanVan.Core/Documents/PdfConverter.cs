using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DanVan.Core.Documents;

/// <summary>
/// .docx to PDF with LibreOffice (<c>soffice --headless --convert-to pdf</c>) when it is installed. Each conversion
/// gets its own profile directory (LibreOffice refuses to run twice on one profile) and a time limit; at most two
/// run at once so a burst of downloads cannot swamp the server.
/// </summary>
public sealed class PdfConverter(string? soffice, TimeSpan timeout) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(2);

    /// <summary><c>Export:Soffice</c> (path) and <c>Export:PdfTimeoutSeconds</c>; by default soffice is looked up on PATH.</summary>
    public static PdfConverter FromConfiguration(IConfiguration configuration)
    {
        var path = configuration["Export:Soffice"] is { Length: > 0 } configured ? configured : FindOnPath("soffice") ?? FindOnPath("libreoffice");
        var seconds = int.TryParse(configuration["Export:PdfTimeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;
        return new PdfConverter(path is not null && File.Exists(path) ? path : null, TimeSpan.FromSeconds(seconds));
    }

    public bool IsAvailable => soffice is not null;

    public async Task<byte[]> ConvertAsync(byte[] docx, CancellationToken ct = default)
    {
        if (soffice is null)
        {
            throw new InvalidOperationException("PDF export needs LibreOffice: install it (apt-get install libreoffice-writer-nogui fonts-liberation) or download the Word file.");
        }

        await _slots.WaitAsync(ct);
        var work = Directory.CreateTempSubdirectory("danvan-pdf");
        try
        {
            var input = Path.Combine(work.FullName, "document.docx");
            await File.WriteAllBytesAsync(input, docx, ct);
            var start = new ProcessStartInfo(soffice) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { $"-env:UserInstallation=file://{work.FullName}/profile", "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", work.FullName, input })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start LibreOffice.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var allowed = Allowed(docx.Length);
            limit.CancelAfter(allowed);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new InvalidOperationException($"LibreOffice did not finish the PDF within {allowed.TotalSeconds:0} s.");
            }

            await Task.WhenAll(stdout, stderr);
            var output = Path.Combine(work.FullName, "document.pdf");
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                throw new InvalidOperationException($"LibreOffice could not convert the document to PDF (exit code {process.ExitCode}): {(await stderr).Trim()}");
            }

            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            _slots.Release();
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The configured time, plus a second per 5 kB of .docx: a unit's report is a few pages, while the consolidated
    /// report of 3,700 units with its appendices (700 kB) is 2,300 pages that took LibreOffice two minutes on 2 busy cores.
    /// </summary>
    private TimeSpan Allowed(int bytes) => timeout + TimeSpan.FromSeconds(bytes / 5_000);

    public void Dispose() => _slots.Dispose();

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
