namespace DanVan.Cli;

/// <summary>Files the commands write: all or nothing.</summary>
public static class OutputFile
{
    /// <summary>
    /// Writes beside the target and renames it into place, so a crash, a full disk or Ctrl+C mid-write leaves the
    /// previous file (an earlier export, last run's JSON) as it was rather than half a new one.
    /// </summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        WriteAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), ct);

    /// <summary>The same, for a file written as a stream (a large export never held whole in memory).</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 65536, useAsync: true))
            {
                await write(stream, ct);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
