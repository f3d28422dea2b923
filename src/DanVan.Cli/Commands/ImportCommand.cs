using System.Buffers;
using System.CommandLine;
using System.Text;

namespace DanVan.Cli.Commands;

/// <summary>`danvan import FILE... [--json] [--out DIR] [--convert]`: reads Word reports as a careful clerk would (and with --into loads them, <see cref="ImportInto"/>).</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Word files (.docx; .doc with --convert) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a readable outline (one file) or table (--into), as scripts expect." };
        var output = new Option<string?>("--out") { Description = "Write one <name>.json per file into this folder." };
        var convert = new Option<bool>("--convert") { Description = "Convert legacy .doc files with LibreOffice (soffice) before importing (with --into, done whenever LibreOffice is installed)." };
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

            if (parse.GetValue(output) is not null)
            {
                throw new InvalidOperationException("--into cannot be combined with --out: the reports are written to the database.");
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
            var report = await ImportFileReader.ReadAsync(paths[0], convert, ct);
            if (json)
            {
                var buffer = new ArrayBufferWriter<byte>();
                ImportJson.Write(report, buffer);
                Console.Out.Write(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
            }
            else
            {
                Console.Out.Write(ImportOutline.Text(report));
            }

            return 0;
        }

        outDir ??= Directory.GetCurrentDirectory();
        Directory.CreateDirectory(outDir);
        return await ImportBatch.RunAsync(paths, outDir, convert, ct);
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
}
