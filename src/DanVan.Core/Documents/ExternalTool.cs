using System.Diagnostics;

namespace DanVan.Core.Documents;

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

    /// <summary>Runs <paramref name="path"/> to the end; a run past <paramref name="timeout"/> is killed (with what it started) and fails.</summary>
    public static async Task<ToolOutput> RunAsync(string path, IEnumerable<string> args, TimeSpan timeout, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
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

    /// <summary>
    /// Converts a file with LibreOffice (<c>soffice --headless --convert-to</c>) into <paramref name="format"/> ("pdf",
    /// "docx"). Each run gets its own temporary folder and profile: LibreOffice refuses to run twice on one profile.
    /// </summary>
    public static async Task<byte[]> ConvertWithLibreOfficeAsync(string soffice, byte[] input, string extension, string format, TimeSpan timeout, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("danvan-soffice");
        try
        {
            var file = Path.Combine(work.FullName, "document" + extension);
            await File.WriteAllBytesAsync(file, input, ct);
            var output = await RunAsync(soffice, [$"-env:UserInstallation=file://{work.FullName}/profile", "--headless", "--norestore", "--nolockcheck", "--convert-to", format, "--outdir", work.FullName, file], timeout, ct);
            var converted = Path.Combine(work.FullName, "document." + format);
            if (output.ExitCode != 0 || !File.Exists(converted))
            {
                throw new ExternalToolException(
                    $"LibreOffice could not convert the {extension} file to {format} (exit code {output.ExitCode}): {output.StandardError.Trim()}",
                    $"LibreOffice không chuyển được tệp {extension} sang {format}. Mở tệp trong Word, lưu lại rồi thử lại.");
            }

            return await File.ReadAllBytesAsync(converted, ct);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
