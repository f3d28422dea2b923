using System.CommandLine;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Export;
using DanVan.Core.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

/// <summary>
/// `danvan consolidate --unit CODE --period P [--plan ID] --out FILE.docx|FILE.pdf|FILE.json|FILE.xlsx [--out …]`: drafts
/// (or refreshes) the consolidated report of the unit's plan for the period, as the web app's button does, and writes it
/// in each form asked (.xlsx: the figures appendix, every unit's figures with the totals, as the draft page offers it).
/// With a PDF, the pages its body takes are printed and written into the JSON ("bodyPages").
/// </summary>
public static class ConsolidateCommand
{
    public static Command Create()
    {
        var unit = new Option<string>("--unit") { Description = "The consolidating unit's code (the plan's owner, or its Sở Nội vụ), e.g. QNG.", Required = true };
        var period = new Option<string>("--period") { Description = "Period: 2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025.", Required = true };
        var plan = new Option<int?>("--plan") { Description = "Plan id; default: the unit's latest plan covering the period." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Also replace sections edited since the last draft." };
        var output = new Option<string[]>("--out") { Description = "File to write: .docx, .pdf (needs LibreOffice), .json (the draft with the sources of every part) or .xlsx (the figures appendix); repeat for several.", Required = true, Arity = ArgumentArity.OneOrMore };
        var command = new Command("consolidate", "Draft the consolidated report of a plan's period from the units' sent reports and write it.");
        command.Options.Add(unit);
        command.Options.Add(period);
        command.Options.Add(plan);
        command.Options.Add(overwrite);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            var paths = parse.GetRequiredValue(output);
            var kinds = paths.Select(p => Path.GetExtension(p).ToUpperInvariant()).ToList();
            if (paths.FirstOrDefault(p => Path.GetExtension(p).ToUpperInvariant() is not (".DOCX" or ".PDF" or ".JSON" or ".XLSX")) is { } wrong)
            {
                throw new InvalidOperationException($"--out must end in .docx, .pdf, .json or .xlsx, not '{Path.GetFileName(wrong)}'.");
            }

            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var consolidation = scope.ServiceProvider.GetRequiredService<ConsolidationService>();
            var export = scope.ServiceProvider.GetRequiredService<ReportExportService>();
            if (kinds.Contains(".PDF") && !export.PdfAvailable)
            {
                throw new InvalidOperationException("PDF export needs LibreOffice: install libreoffice-writer-nogui and fonts-liberation, or write a .docx.");
            }

            var p = parse.GetRequiredValue(period);
            var planId = parse.GetValue(plan) ?? await consolidation.FindPlanAsync(parse.GetRequiredValue(unit), p, ct);
            // The command line is the administrators' tool: it consolidates for any unit.
            var system = new Actor("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });
            var result = await consolidation.ConsolidateAsync(new Consolidate { PlanId = planId, Period = p, Overwrite = parse.GetValue(overwrite) }, system, ct);
            var content = result.Content;
            var written = new List<(string Path, long Bytes)>();
            foreach (var path in paths.OrderBy(x => Path.GetExtension(x).Equals(".json", StringComparison.OrdinalIgnoreCase)))
            {
                var extension = Path.GetExtension(path).ToUpperInvariant();
                var full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                if (extension == ".JSON")
                {
                    var json = content;
                    written.Add((path, await OutputFile.WriteAsync(full, (stream, token) => json.WriteJsonAsync(stream, indented: true, token), ct)));
                    continue;
                }

                if (extension == ".XLSX")
                {
                    var table = await scope.ServiceProvider.GetRequiredService<FigureExportService>().TableAsync(new FigureExportQuery { PlanId = planId, From = p }, system, ct);
                    written.Add((path, await OutputFile.WriteAsync(full, (stream, _) => { FigureExport.WriteXlsx(stream, table); return Task.CompletedTask; }, ct)));
                    continue;
                }

                var bytes = (await export.ExportAsync(result.ReportId, extension == ".PDF" ? ExportFormat.Pdf : ExportFormat.Docx, system, ct)).Content;
                if (extension == ".PDF" && await PdfText.PagesAsync(bytes, ct) is { } pages)
                {
                    content = content with { BodyPages = PdfText.BodyPages(pages) };
                    Console.WriteLine($"Body: {content.BodyPages} page(s) before the signature; {pages.Count} page(s) in all with the appendices.");
                }

                written.Add((path, await OutputFile.WriteAsync(full, bytes, ct)));
            }

            var sent = result.Content.Units.Count(u => u.Sent);
            Console.WriteLine($"{(result.Created ? "Drafted" : "Refreshed")} consolidated report {result.ReportId} from {sent:N0} of {result.Content.Units.Count:N0} units' reports; wrote {string.Join(", ", written.Select(w => $"{w.Path} ({w.Bytes:N0} bytes)"))}.");
            if (result.Kept.Count > 0)
            {
                Console.WriteLine($"Kept {result.Kept.Count} edited section(s) (use --overwrite to replace them): {string.Join("; ", result.Kept)}");
            }

            return 0;
        });
        return command;
    }
}
