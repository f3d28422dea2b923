using System.Diagnostics;

namespace DanVan.Core.Export;

/// <summary>An outside program failed, did not start or ran out of time: <see cref="Exception.Message"/> is one English line for logs and the CLI, <see cref="Vietnamese"/> is what a user is told.</summary>
public sealed class ExternalToolException(string message, string vietnamese, Exception? inner = null) : InvalidOperationException(message, inner)
{
    public string Vietnamese { get; } = vietnamese;
}

/// <summary>What a finished program printed.</summary>
public sealed record ToolOutput(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// The one way DanVan runs outside programs (LibreOffice, pdftotext): found by a configured path or on PATH, run with
/// a time limit, killed with its children when the limit passes, and failing with <see cref="ExternalToolException"/>.
/// </summary>
public static class ExternalTool
{
    /// <summary>The configured path when it exists, else the first of <paramref name="names"/> found on PATH; null when none is installed.</summary>
    public static string? Find(string? configured, params string[] names)
    {
        if (configured is { Length: > 0 })
        {
            return File.Exists(configured) ? configured : null;
        }

        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return names.SelectMany(name => dirs.Select(dir => Path.Combine(dir, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Runs <paramref name="path"/> to the end; a run past <paramref name="timeout"/> is killed (with what it started) and
    /// fails. <paramref name="environment"/> adds variables (a password goes there, never on the command line, where any
    /// user of the machine can read it).
    /// </summary>
    public static async Task<ToolOutput> RunAsync(string path, IEnumerable<string> args, TimeSpan timeout, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var name = Path.GetFileName(path);
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ExternalToolException($"Could not start {name}: {ex.Message}", $"Không chạy được chương trình {name} trên máy chủ. Báo quản trị hệ thống.", ex);
        }

        using (process)
        {
            // Read both streams while waiting: a program blocks once a pipe's buffer is full.
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new ExternalToolException($"{name} did not finish within {timeout.TotalSeconds:0} s and was stopped.", $"Chương trình {name} chạy quá {timeout.TotalSeconds:0} giây nên đã bị dừng. Thử lại sau.");
            }

            return new ToolOutput(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>LibreOffice's arguments for a run without a window on its own <paramref name="profile"/> folder: two runs on one profile refuse to start.</summary>
    public static string[] LibreOfficeHeadless(string profile) => [$"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck"];

    /// <summary>
    /// Converts files with LibreOffice (<c>soffice --headless --convert-to</c>) into <paramref name="format"/> ("pdf",
    /// "docx"), in one run, in order. Each run gets its own temporary folder and profile: LibreOffice refuses to run
    /// twice on one profile.
    /// </summary>
    public static async Task<IReadOnlyList<byte[]>> ConvertWithLibreOfficeAsync(string soffice, IReadOnlyList<byte[]> inputs, string extension, string format, TimeSpan timeout, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("danvan-soffice");
        try
        {
            var files = inputs.Select((_, i) => Path.Combine(work.FullName, $"document{i + 1}{extension}")).ToList();
            for (var i = 0; i < inputs.Count; i++)
            {
                await File.WriteAllBytesAsync(files[i], inputs[i], ct);
            }

            var output = await RunAsync(soffice, [.. LibreOfficeHeadless(Path.Combine(work.FullName, "profile")), "--convert-to", format, "--outdir", work.FullName, .. files], timeout, ct);
            var converted = files.Select(f => Path.ChangeExtension(f, format)).ToList();
            if (output.ExitCode != 0 || !converted.All(File.Exists))
            {
                throw new ExternalToolException(
                    $"LibreOffice could not convert the {extension} file to {format} (exit code {output.ExitCode}): {output.StandardError.Trim()}",
                    $"LibreOffice không chuyển được tệp {extension} sang {format}. Mở tệp trong Word, lưu lại rồi thử lại.");
            }

            var results = new List<byte[]>();
            foreach (var file in converted)
            {
                results.Add(await File.ReadAllBytesAsync(file, ct));
            }

            return results;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Joins PDF files into one, in order, with poppler's <c>pdfunite</c>.</summary>
    public static async Task<byte[]> JoinPdfAsync(string pdfunite, IReadOnlyList<byte[]> pdfs, TimeSpan timeout, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("danvan-pdfunite");
        try
        {
            var files = pdfs.Select((_, i) => Path.Combine(work.FullName, $"part{i + 1}.pdf")).ToList();
            for (var i = 0; i < pdfs.Count; i++)
            {
                await File.WriteAllBytesAsync(files[i], pdfs[i], ct);
            }

            var joined = Path.Combine(work.FullName, "joined.pdf");
            var output = await RunAsync(pdfunite, [.. files, joined], timeout, ct);
            if (output.ExitCode != 0 || !File.Exists(joined))
            {
                throw new ExternalToolException(
                    $"pdfunite could not join {pdfs.Count} PDF files (exit code {output.ExitCode}): {output.StandardError.Trim()}",
                    "Máy chủ không ghép được các phần của bản PDF. Hãy tải bản Word, hoặc báo quản trị hệ thống.");
            }

            return await File.ReadAllBytesAsync(joined, ct);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
