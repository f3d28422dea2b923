using System.CommandLine;
using DanVan.Core.Access;
using DanVan.Core.Export;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

/// <summary>`danvan export --report ID | --unit CODE --period P --out FILE.docx|FILE.pdf`: the report as its official document.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var report = new Option<int?>("--report") { Description = "Report id." };
        var unit = new Option<string?>("--unit") { Description = "Unit code (with --period), e.g. QNG-TRATAN." };
        var period = new Option<string?>("--period") { Description = "Period (with --unit): 2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025." };
        var output = new Option<string>("--out") { Description = "File to write: .docx, or .pdf (needs LibreOffice).", Required = true };
        var command = new Command("export", "Write a report as a Decree 30/2020 document: Word (.docx) or PDF.");
        command.Options.Add(report);
        command.Options.Add(unit);
        command.Options.Add(period);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(output);
            var format = Path.GetExtension(path).ToUpperInvariant() switch
            {
                ".DOCX" => ExportFormat.Docx,
                ".PDF" => ExportFormat.Pdf,
                _ => throw new InvalidOperationException($"--out must end in .docx or .pdf, not '{Path.GetFileName(path)}'."),
            };
            var id = parse.GetValue(report);
            var (code, p) = (parse.GetValue(unit), parse.GetValue(period));
            if (id is null == (code is null || p is null))
            {
                throw new InvalidOperationException("Give either --report ID or both --unit CODE and --period P.");
            }

            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var export = scope.ServiceProvider.GetRequiredService<ReportExportService>();
            if (format == ExportFormat.Pdf && !export.PdfAvailable)
            {
                throw new InvalidOperationException("PDF export needs LibreOffice: install libreoffice-writer-nogui and fonts-liberation, or write a .docx.");
            }

            var reportId = id ?? await export.FindAsync(code!, p!, ct);
            // The command line is the administrators' tool: it sees every unit's reports.
            var system = new Actor("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });
            var file = await export.ExportAsync(reportId, format, system, ct);
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await OutputFile.WriteAsync(full, file.Content, ct);
            Console.WriteLine($"Wrote report {reportId} to {path} ({file.Content.Length:N0} bytes).");
            return 0;
        });
        return command;
    }
}
