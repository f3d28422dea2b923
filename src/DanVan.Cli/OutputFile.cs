using System.Runtime.InteropServices;

namespace DanVan.Cli;

/// <summary>Files the commands write: all or nothing.</summary>
public static partial class OutputFile
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
        var temp = TempFor(path);
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
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// <see cref="WriteAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/> for a batch's worker thread: the same
    /// whole-or-nothing replacement in one write on the calling thread, with nothing handed to the thread pool.
    /// Not on disk until <see cref="MakeDurable"/>.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = TempFor(path);
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, content, 0);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Puts everything written under <paramref name="directory"/> on disk at once, so a batch is durable when the
    /// command reports it done: Linux flushes the directory's file system in one call (syncfs) rather than a flush
    /// per file, each of which waits for the disk. Elsewhere each of <paramref name="written"/> is flushed.
    /// </summary>
    public static void MakeDurable(string directory, IEnumerable<string> written)
    {
        var files = written.ToList();
        if (files.Count == 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            // Any open file of the file system names it to syncfs.
            using var handle = File.OpenHandle(files[0], FileMode.Open, FileAccess.Read);
            if (SyncFs((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"Could not flush {directory} to disk (error {Marshal.GetLastPInvokeError()}).");
            }

            return;
        }

        foreach (var path in files)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
    }

    private static string TempFor(string path) => $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);
}
