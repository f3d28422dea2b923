namespace DanVan.Cli;

/// <summary>Files the commands write: all or nothing.</summary>
public static class OutputFile
{
    /// <summary>
    /// Writes beside the target and renames it into place, so a crash, a full disk or Ctrl+C mid-write leaves the
    /// previous file (an earlier export, last run's JSON) as it was rather than half a new one.
    /// </summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, content, ct);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
