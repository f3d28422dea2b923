using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DanVan.Core.Export;
using DanVan.Core.Import;
using DanVan.Core.Word;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace DanVan.Cli.Commands;

/// <summary>`danvan import FILE... [--json] [--out DIR] [--convert]`: reads Word reports as a careful clerk would (and with --into loads them, <see cref="ImportInto"/>).</summary>
public static class ImportCommand
{
    /// <summary>Larger uploads are refused before reading; real reports are well under 10 MB.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>The CLI's JSON output for ad hoc objects (period, generate, search): camelCase, indented, Vietnamese unescaped.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// The report's JSON as UTF-8, in the schema of `danvan import --json`, written into <paramref name="buffer"/>
    /// (cleared first). Written field by field rather than by the serializer: its metadata for these types is generic
    /// code over value types (dates, its property tables) that no precompiled image holds, and compiling it was a third
    /// of the time the CLI took for its first file.
    /// </summary>
    public static void WriteJson(ImportedReport report, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder });
        w.WriteStartObject();
        w.WriteString("title"u8, report.Title);
        w.WriteString("issuer"u8, report.Issuer);
        w.WriteString("parentIssuer"u8, report.ParentIssuer);
        w.WriteString("documentNumber"u8, report.DocumentNumber);
        w.WriteString("place"u8, report.Place);
        WriteDate(w, "date"u8, report.Date);
        WriteStrings(w, "addressees"u8, report.Addressees);
        WritePeriod(w, "period"u8, report.Period);
        WritePeriod(w, "nextPeriod"u8, report.NextPeriod);
        w.WritePropertyName("sections"u8);
        WriteSections(w, report.Sections);
        WriteStrings(w, "closing"u8, report.Closing);
        WriteStrings(w, "footnotes"u8, report.Footnotes);
        WriteStrings(w, "recipients"u8, report.Recipients);
        if (report.Signer is { } signer)
        {
            w.WriteStartObject("signer"u8);
            w.WriteString("authority"u8, signer.Authority);
            w.WriteString("title"u8, signer.Title);
            w.WriteString("name"u8, signer.Name);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("signer"u8);
        }

        w.WriteStartArray("citations"u8);
        foreach (var citation in report.Citations)
        {
            w.WriteStartObject();
            w.WriteString("text"u8, citation.Text);
            w.WriteString("type"u8, citation.Type);
            w.WriteString("number"u8, citation.Number);
            WriteDate(w, "date"u8, citation.Date);
            w.WriteString("issuer"u8, citation.Issuer);
            WriteStrings(w, "problems"u8, citation.Problems);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("sourceEncoding"u8, report.SourceEncoding);
        WriteStrings(w, "warnings"u8, report.Warnings);
        w.WriteEndObject();
    }

    private static void WriteSections(Utf8JsonWriter w, List<ImportedSection> sections)
    {
        w.WriteStartArray();
        foreach (var section in sections)
        {
            w.WriteStartObject();
            w.WriteString("heading"u8, section.Heading);
            w.WriteNumber("level"u8, section.Level);
            WriteStrings(w, "paragraphs"u8, section.Paragraphs);
            w.WriteStartArray("tables"u8);
            foreach (var table in section.Tables)
            {
                w.WriteStartArray();
                foreach (var row in table)
                {
                    WriteStrings(w, default, row);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WritePropertyName("sections"u8);
            WriteSections(w, section.Sections);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        if (name.IsEmpty)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>yyyy-mm-dd, digit by digit: formatting a DateOnly with a pattern took longer than writing the rest of a citation.</summary>
    private static void WriteDate(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateOnly? date)
    {
        if (date is not { } d)
        {
            w.WriteNull(name);
            return;
        }

        Span<byte> iso = stackalloc byte[10];
        Digits(iso[..4], d.Year);
        iso[4] = (byte)'-';
        Digits(iso[5..7], d.Month);
        iso[7] = (byte)'-';
        Digits(iso[8..], d.Day);
        w.WriteString(name, iso);

        static void Digits(Span<byte> into, int value)
        {
            for (var i = into.Length - 1; i >= 0; i--, value /= 10)
            {
                into[i] = (byte)('0' + (value % 10));
            }
        }
    }

    private static void WritePeriod(Utf8JsonWriter w, ReadOnlySpan<byte> name, ImportedPeriod? period)
    {
        if (period is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("type"u8, period.Type);
        w.WriteNumber("index"u8, period.Index);
        w.WriteNumber("year"u8, period.Year);
        w.WriteEndObject();
    }

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Word files (.docx; .doc with --convert) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a readable outline (one file) or table (--into), as scripts expect." };
        var output = new Option<string?>("--out") { Description = "Write one <name>.json per file into this folder." };
        var convert = new Option<bool>("--convert") { Description = "Convert legacy .doc files with LibreOffice (soffice) before importing." };
        var into = new Option<bool>("--into") { Description = "Create each unit's report for --period in the database from its file, instead of printing what was read." };
        var period = new Option<string?>("--period") { Description = "With --into: the period, e.g. 2025-12 or 2025-Q4." };
        var plan = new Option<int?>("--plan") { Description = "With --into: the plan id; default: the one plan that covers the period or ends just before it (it is then extended)." };
        var map = new Option<string?>("--map") { Description = "With --into: a CSV of file,unitCode lines; other files are matched by the issuer in their header." };
        var status = new Option<string>("--status") { Description = "With --into: draft, sent (on the date in the file's header) or accepted.", DefaultValueFactory = _ => "draft" };
        var command = new Command("import", "Read Word reports: header, outline, figures tables, footnotes, citations, legacy TCVN3/VNI fonts; with --into, load them as the units' reports.");
        command.Arguments.Add(files);
        foreach (var option in new Option[] { json, output, convert, into, period, plan, map, status })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            if (!parse.GetValue(into))
            {
                var intoOnly = new Option[] { period, plan, map }.FirstOrDefault(o => parse.GetResult(o) is not null);
                return intoOnly is null
                    ? RunAsync(parse.GetRequiredValue(files), parse.GetValue(json), parse.GetValue(output), parse.GetValue(convert), ct)
                    : throw new InvalidOperationException($"{intoOnly.Name} needs --into.");
            }

            if (parse.GetValue(output) is not null || parse.GetValue(convert))
            {
                throw new InvalidOperationException("--into cannot be combined with --out or --convert; save .doc files as .docx first.");
            }

            var p = parse.GetValue(period) ?? throw new InvalidOperationException("--into needs --period, e.g. --period 2025-12.");
            return ImportInto.RunAsync(Expand(parse.GetRequiredValue(files)), new ImportInto.Options(p, parse.GetValue(plan), parse.GetValue(map), parse.GetValue(status) ?? "draft", parse.GetValue(json)), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] inputs, bool json, string? outDir, bool convert, CancellationToken ct)
    {
        var paths = Expand(inputs);
        if (paths.Count == 1 && outDir is null)
        {
            var report = await ImportFileAsync(paths[0], convert, ct);
            if (json)
            {
                var buffer = new ArrayBufferWriter<byte>();
                WriteJson(report, buffer);
                Console.Out.Write(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
            }
            else
            {
                Console.Out.Write(Outline(report));
            }

            return 0;
        }

        outDir ??= Directory.GetCurrentDirectory();
        Directory.CreateDirectory(outDir);

        // Files are read on every core; failures are listed in the order of the files.
        var outputs = OutputNames(paths);
        var failed = new string?[paths.Count];
        var buffers = new ConcurrentBag<ArrayBufferWriter<byte>>();
        await AnsiConsole.Progress()
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
                        var report = await ImportFileAsync(path, convert, token);
                        WriteJson(report, json);
                        await OutputFile.WriteAsync(Path.Combine(outDir, outputs[index]), json.WrittenMemory, token);
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

    public static async Task<ImportedReport> ImportFileAsync(string path, bool convert, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IOException($"No such file: {path}");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new DocumentImportException(ImportFailure.TooLarge, $"The file is {info.Length / 1024 / 1024} MB; the limit is {MaxFileBytes / 1024 / 1024} MB.");
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return DocxReader.Read(stream);
        }
        catch (DocumentImportException ex) when (ex.Failure == ImportFailure.LegacyDoc && convert)
        {
            return await ImportConvertedAsync(path, ct);
        }
    }

    private static async Task<ImportedReport> ImportConvertedAsync(string path, CancellationToken ct)
    {
        using var libreOffice = PdfConverter.FromConfiguration(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        if (!libreOffice.IsAvailable)
        {
            throw new InvalidOperationException("--convert needs LibreOffice: install it (apt-get install libreoffice-writer-nogui) or save the file as .docx in Word.");
        }

        var converted = await WordFile.ReadAsync(await File.ReadAllBytesAsync(path, ct), libreOffice, ct);
        return converted.Report;
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

    private static List<string> Expand(IEnumerable<string> inputs)
    {
        var paths = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                // In name order, a .docx before the .doc of the same name (usually its converted copy), so the .docx
                // keeps the name <name>.json.
                paths.AddRange(Directory.EnumerateFiles(input)
                    .Where(f => f.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".doc", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(Path.GetFileNameWithoutExtension, StringComparer.Ordinal)
                    .ThenBy(f => f.EndsWith(".doc", StringComparison.OrdinalIgnoreCase))
                    .ThenBy(f => f, StringComparer.Ordinal));
            }
            else
            {
                paths.Add(input);
            }
        }

        return paths;
    }

    /// <summary>The human-readable form: what was recognised, in the report's own order.</summary>
    public static string Outline(ImportedReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(report.Title.Length > 0 ? report.Title : "(no title recognised)");
        Line("Issuer", report.Issuer is null ? null : report.ParentIssuer is null ? report.Issuer : $"{report.Issuer} ({report.ParentIssuer})");
        Line("Number", report.DocumentNumber);
        Line("Kính gửi", report.Addressees.Count == 0 ? null : string.Join("; ", report.Addressees));
        Line("Place, date", report.Place is null && report.Date is null ? null : $"{report.Place}, {report.Date:dd/MM/yyyy}");
        Line("Period", report.Period is null ? null : $"{report.Period.ToPeriod()}" + (report.NextPeriod is null ? "" : $" (next: {report.NextPeriod.ToPeriod()})"));
        Line("Encoding", report.SourceEncoding);
        sb.AppendLine();
        foreach (var section in report.Sections)
        {
            Section(section, 0);
        }

        if (report.Closing.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"(closing)  [{report.Closing.Count} paragraphs]");
        }

        if (report.Footnotes.Count > 0)
        {
            sb.AppendLine().AppendLine("Footnotes:");
            for (var i = 0; i < report.Footnotes.Count; i++)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  [{i + 1}] {report.Footnotes[i]}");
            }
        }

        if (report.Recipients.Count > 0)
        {
            sb.AppendLine().AppendLine("Nơi nhận: " + string.Join("; ", report.Recipients));
        }

        if (report.Signer is { } signer)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Signed: {string.Join(" / ", new[] { signer.Authority, signer.Title, signer.Name }.Where(s => s is not null))}");
        }

        if (report.Citations.Count > 0)
        {
            sb.AppendLine().AppendLine("Citations:");
            foreach (var c in report.Citations)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {c.Type} {c.Number}{(c.Date is { } d ? $" ({d:dd/MM/yyyy})" : "")}{(c.Problems.Count > 0 ? "  <- " + string.Join(", ", c.Problems) : "")}");
            }
        }

        if (report.Warnings.Count > 0)
        {
            sb.AppendLine().AppendLine("Warnings:");
            foreach (var w in report.Warnings)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - {w}");
            }
        }

        return sb.ToString();

        void Line(string label, string? value)
        {
            if (value is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {label}: {value}");
            }
        }

        void Section(ImportedSection section, int depth)
        {
            var indent = new string(' ', depth * 2);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{indent}{(section.Heading.Length > 0 ? section.Heading : "(opening)")}  [{section.Paragraphs.Count} paragraphs{(section.Tables.Count > 0 ? $", {section.Tables.Count} tables" : "")}]");
            foreach (var child in section.Sections)
            {
                Section(child, depth + 1);
            }
        }
    }
}
