using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Import;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DanVan.Cli.Commands;

/// <summary>
/// `danvan import FILES|DIR --into --period P [--plan ID] [--map map.csv] [--status draft|sent|accepted] [--json]`:
/// each Word file becomes its unit's report for the period (<see cref="BulkImportService"/>), then a table of what was
/// created, skipped and failed.
/// </summary>
public static class ImportInto
{
    public sealed record Options(string Period, int? Plan, string? Map, string Status, bool Json);

    public static async Task<int> RunAsync(IReadOnlyList<string> paths, Options options, CancellationToken ct)
    {
        var status = options.Status.Trim().ToUpperInvariant() switch
        {
            "DRAFT" => ImportedStatus.Draft,
            "SENT" => ImportedStatus.Sent,
            "ACCEPTED" => ImportedStatus.Accepted,
            _ => throw new InvalidOperationException($"--status '{options.Status}' is not one of draft, sent, accepted."),
        };
        var map = options.Map is null ? new Dictionary<string, string>() : BulkImportService.ParseMap(await ReadMapAsync(options.Map, ct));
        var files = paths.Select(p => new ImportFile(p, File.Exists(p) ? new FileInfo(p).Length : -1, () => File.OpenRead(p))).ToList();
        foreach (var missing in files.Where(f => f.Length < 0))
        {
            throw new IOException($"No such file: {missing.Name}");
        }

        await using var services = CliHost.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new InvalidOperationException("The database has pending migrations; run `danvan db migrate` first.");
        }

        var importer = scope.ServiceProvider.GetRequiredService<BulkImportService>();
        // The command line is the administrators' tool: it loads history into periods locked long ago.
        var system = new Actor("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });
        var command = new BulkImport { Period = options.Period, PlanId = options.Plan, Files = files, UnitCodes = map, Status = status };
        BulkImportResult result;
        if (options.Json)
        {
            result = await importer.ImportAsync(command, system, null, ct);
            Console.WriteLine(JsonSerializer.Serialize(Json(result), CliJson.Options));
        }
        else
        {
            // The bar goes to stderr so stdout keeps the table and the summary.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            result = null!;
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Importing", maxValue: files.Count);
                    result = await importer.ImportAsync(command, system, new Progress<int>(done => task.Value = done), ct);
                    task.Value = task.MaxValue;
                });
            Print(result);
        }

        return result.Count(ImportOutcome.Failed) == 0 ? 0 : 1;
    }

    private static async Task<string> ReadMapAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : throw new IOException($"No such map file: {path}");

    private static void Print(BulkImportResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("File").AddColumn("Result").AddColumn("Unit").AddColumn(new TableColumn("Report").RightAligned()).AddColumn("Reason");
        foreach (var file in result.Files)
        {
            var outcome = file.Outcome switch
            {
                ImportOutcome.Created => "[green]created[/]",
                ImportOutcome.Skipped => "[yellow]skipped[/]",
                _ => "[red]failed[/]",
            };
            table.AddRow(
                new Text(file.File),
                new Markup(outcome),
                new Text(file.UnitCode ?? ""),
                new Text(file.ReportId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                new Text(file.EnglishReason ?? ""));
        }

        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
        Console.WriteLine(
            $"Plan {result.PlanId}, {result.Period}: {result.Count(ImportOutcome.Created)} created, {result.Count(ImportOutcome.Skipped)} skipped, {result.Count(ImportOutcome.Failed)} failed"
            + (result.PlanExtended ? $"; the plan now runs to {result.Period}" : ""));
    }

    private static object Json(BulkImportResult result) => new
    {
        plan = result.PlanId,
        period = result.Period,
        planExtended = result.PlanExtended,
        created = result.Count(ImportOutcome.Created),
        skipped = result.Count(ImportOutcome.Skipped),
        failed = result.Count(ImportOutcome.Failed),
        files = result.Files.Select(f => new
        {
            file = f.File,
            outcome = f.Outcome.ToString().ToLowerInvariant(),
            reportId = f.ReportId,
            unit = f.UnitCode,
            unitName = f.UnitName,
            reason = f.EnglishReason,
        }),
    };
}
