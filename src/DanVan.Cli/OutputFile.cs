namespace DanVan.Cli;

/// <summary>Files the commands write: all or nothing.</summary>
public static class OutputFile
{
    public static Task<long> WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        WriteAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), ct);

    /// <summary>
    /// Writes beside the target and renames it into place, so a crash, a full disk or Ctrl+C mid-write leaves the
    /// previous file (an earlier export, last run's JSON) as it was rather than half a new one. Returns the bytes
    /// written. The stream is readable too: a workbook's package reads back what it wrote.
    /// </summary>
    public static async Task<long> WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            long length;
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(stream, ct);
                length = stream.Length;
            }

            File.Move(temp, path, overwrite: true);
            return length;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
