using System.Diagnostics;

namespace DanVan.Tests;

/// <summary>
/// Issue 17 item 12: `danvan import DIR --out OUT` puts its batch on disk once when it is done, not file by file.
/// The process runs under strace (test.sh installs it), which counts the flushes the kernel is asked for.
/// </summary>
[Trait("Database", "none")]
public sealed class ImportBatchDurabilityTests
{
    [Fact]
    public async Task ImportBatch_TwelveFiles_OneFileSystemFlushAndNoFlushPerFile()
    {
        Assert.True(File.Exists("/usr/bin/strace"), "strace is missing: apt-get install strace (test.sh installs it)");
        var inputs = Directory.CreateTempSubdirectory("danvan-durable-in").FullName;
        for (var i = 0; i < 12; i++)
        {
            File.Copy(Fixtures.Import("header-table.docx"), Path.Combine(inputs, $"bao-cao-{i:00}.docx"));
        }

        var outDir = Directory.CreateTempSubdirectory("danvan-durable-out").FullName;
        var log = Path.Combine(outDir, "..", Path.GetFileName(outDir) + ".strace");
        var start = new ProcessStartInfo("/usr/bin/strace") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = outDir };
        foreach (var arg in (string[])["-f", "-qq", "-e", "trace=fsync,fdatasync,syncfs,sync", "-o", log, "dotnet", Path.Combine(AppContext.BaseDirectory, "danvan.dll"), "import", inputs, "--out", outDir])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "dumb";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("12 imported, 0 failed", await stdout, StringComparison.Ordinal);
        Assert.Equal(12, Directory.EnumerateFiles(outDir, "*.json").Count());
        var calls = File.ReadAllLines(log).Where(l => !l.Contains("resumed", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, calls.Count(l => l.Contains(" syncfs(", StringComparison.Ordinal)));
        Assert.DoesNotContain(calls, l => l.Contains(" fsync(", StringComparison.Ordinal) || l.Contains(" fdatasync(", StringComparison.Ordinal));
    }
}
