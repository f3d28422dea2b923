using System.CommandLine;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

/// <summary>
/// `danvan figures export --unit CODE --from P [--to P] [--plan ID] --out FILE.xlsx|FILE.csv`: every figure the units
/// under CODE sent under its plan over the periods, one row per unit, grouped by level with totals, as the
/// consolidation page's "Tải số liệu" gives it.
/// </summary>
public static class FiguresCommand
{
    public static Command Create()
    {
        var unit = new Option<string>("--unit") { Description = "The consolidating unit's code (the plan's owner, or its Sở Nội vụ), e.g. QNG; its units' figures are exported.", Required = true };
        var from = new Option<string>("--from") { Description = "First period: 2025-07, 2025-Q1, 2025-H1, 2025-9M or 2025.", Required = true };
        var to = new Option<string?>("--to") { Description = "Last period (default: --from)." };
        var plan = new Option<int?>("--plan") { Description = "Plan id; default: the unit's latest plan covering --from." };
        var output = new Option<string>("--out") { Description = "File to write: .xlsx or .csv.", Required = true };
        var export = new Command("export", "Write the units' figures for a period or a range of periods to .xlsx or .csv.");
        export.Options.Add(unit);
        export.Options.Add(from);
        export.Options.Add(to);
        export.Options.Add(plan);
        export.Options.Add(output);
        export.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(output);
            Action<Stream, FigureTable> write = Path.GetExtension(path).ToUpperInvariant() switch
            {
                ".XLSX" => FigureExport.WriteXlsx,
                ".CSV" => FigureExport.WriteCsv,
                _ => throw new InvalidOperationException($"--out must end in .xlsx or .csv, not '{Path.GetFileName(path)}'."),
            };
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var code = parse.GetRequiredValue(unit).Trim().ToUpperInvariant();
            var unitId = await sp.GetRequiredService<Core.Data.DanVanDbContext>().Units.Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException($"Unit {code}");
            var planId = parse.GetValue(plan) ?? await sp.GetRequiredService<ConsolidationService>().FindPlanAsync(code, parse.GetRequiredValue(from), ct);
            // The command line is the administrators' tool: it sees every unit; --unit narrows it to that unit's subtree,
            // or for a Sở Nội vụ, to the province it consolidates for.
            var system = new Actor("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });
            var root = await sp.GetRequiredService<AccessService>().ScopeRootAsync(system with { UnitId = unitId }, ct);
            var table = await sp.GetRequiredService<FigureExportService>().TableAsync(
                new FigureExportQuery { PlanId = planId, From = parse.GetRequiredValue(from), To = parse.GetValue(to), UnitId = root }, system, ct);
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await OutputFile.WriteAsync(full, (stream, _) =>
            {
                write(stream, table);
                return Task.CompletedTask;
            }, ct);
            var rows = table.Periods.Sum(p => p.Total.Reports);
            Console.WriteLine($"Wrote {rows:N0} units' figures ({table.Periods.Count} periods, {table.Columns.Count} figures) of plan {table.PlanId} to {path}.");
            return 0;
        });
        var command = new Command("figures", "A plan's figures across units and periods.");
        command.Subcommands.Add(export);
        return command;
    }
}
