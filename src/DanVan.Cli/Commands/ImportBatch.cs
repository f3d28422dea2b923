using System.Buffers;
using System.Collections.Concurrent;
using DanVan.Core.Word;
using Spectre.Console;

namespace DanVan.Cli.Commands;

/// <summary>`danvan import DIR --out OUT`: many files read in parallel, one <c>&lt;name&gt;.json</c> each.</summary>
public static class ImportBatch
{
    /// <summary>Reads every file on every core into <paramref name="outDir"/>; one bad file never stops the batch. Exit code 1 if any failed.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, string outDir, bool convert, CancellationToken ct)
    {
        // Files are read on every core; failures are listed in the order of the files.
        var outputs = OutputNames(paths);
        var failed = new string?[paths.Count];
        var buffers = new ConcurrentBag<ArrayBufferWriter<byte>>();
        await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Importing", maxValue: paths.Count);
                var counting = new Lock();
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
                await Parallel.ForEachAsync(Enumerable.Range(0, paths.Count), parallel, async (index, token) =>
                {
                    var path = paths[index];
                    var json = buffers.TryTake(out var buffer) ? buffer : new ArrayBufferWriter<byte>();
                    try
                    {
                        var report = await ImportFileReader.ReadAsync(path, convert, token);
                        ImportJson.Write(report, json);
                        OutputFile.Write(Path.Combine(outDir, outputs[index]), json.WrittenSpan);
                    }
                    catch (Exception ex) when (ex is DocumentImportException or IOException or UnauthorizedAccessException or InvalidOperationException)
                    {
                        // One bad file never stops the batch.
                        failed[index] = $"{path}: {ex.Message}";
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Nor does a file that trips a fault in the importer: it is listed with what went wrong.
                        failed[index] = $"{path}: unexpected {ex.GetType().Name} while importing (a fault in DanVan; please report it with the file): {ex.Message}";
                    }

                    buffers.Add(json);

                    // Spectre's progress display is not thread-safe.
                    lock (counting)
                    {
                        task.Increment(1);
                    }
                });
            });

        // Once for the batch rather than once per file: the JSON is on disk when the summary says it is written.
        OutputFile.MakeDurable(outDir, Enumerable.Range(0, paths.Count).Where(i => failed[i] is null).Select(i => Path.Combine(outDir, outputs[i])));

        for (var i = 0; i < paths.Count; i++)
        {
            if (failed[i] is null && !outputs[i].Equals(Path.GetFileNameWithoutExtension(paths[i]) + ".json", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync($"warning: {paths[i]}: another file in this import has the same name; written as {outputs[i]}");
            }
        }

        var failures = failed.OfType<string>().ToList();
        var imported = paths.Count - failures.Count;
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync($"error: {failure}");
        }

        Console.WriteLine($"{imported} imported, {failures.Count} failed");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// The <c>&lt;name&gt;.json</c> each file is written to. Files with the same name (from two folders, or a .doc beside
    /// its .docx) must not overwrite each other: the first keeps the name, the others get "-2", "-3"… — never a name
    /// another file of the import has of its own. Compared ignoring case, as Windows and macOS disks do.
    /// </summary>
    internal static string[] OutputNames(IReadOnlyList<string> paths)
    {
        var stems = paths.Select(Path.GetFileNameWithoutExtension).ToArray();
        var taken = new HashSet<string>(stems!, StringComparer.OrdinalIgnoreCase);
        var first = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new string[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            var name = stems[i]!;
            if (!first.Add(name))
            {
                var n = 2;
                while (taken.Contains($"{stems[i]}-{n}"))
                {
                    n++;
                }

                name = $"{stems[i]}-{n}";
                taken.Add(name);
            }

            names[i] = name + ".json";
        }

        return names;
    }
}
