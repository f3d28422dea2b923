using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DanVan.Core;
using DanVan.Core.Data;
using DanVan.Core.Demo;
using DanVan.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace DanVan.Cli.Commands;

/// <summary>`danvan generate --provinces N --communes N --departments N --periods N [--seed N] [--json]`: synthetic data at scale.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var provinces = new Option<int>("--provinces") { Description = "Provinces, each with its Sở Nội vụ and a plan.", DefaultValueFactory = _ => 1 };
        var communes = new Option<int>("--communes") { Description = "Communes in all, spread over the provinces (the country has 3,321).", DefaultValueFactory = _ => 100 };
        var departments = new Option<int>("--departments") { Description = "Departments, boards and their units in all, spread over the provinces.", DefaultValueFactory = _ => 20 };
        var periods = new Option<int>("--periods") { Description = "Periods of reports per unit.", DefaultValueFactory = _ => 12 };
        var periodType = new Option<string>("--period-type") { Description = "month or quarter.", DefaultValueFactory = _ => "month" };
        var until = new Option<string?>("--until") { Description = "Last period generated, e.g. 2025-12 or 2025-Q4 (default: the last one of 2025)." };
        var seed = new Option<int>("--seed") { Description = "Same seed, same data.", DefaultValueFactory = _ => 1 };
        var text = new Option<string>("--reports-text") { Description = "full: several sentences per section; short: one.", DefaultValueFactory = _ => "full" };
        var password = new Option<string?>("--password") { Description = "Also create a consolidator account per province (snv.<province code>) with this password." };
        var json = new Option<bool>("--json") { Description = "Print what was made as JSON (no progress bar)." };
        var command = new Command("generate", "Fill the configured database with realistic synthetic provinces, plans and reports (for benchmarks).");
        foreach (var option in new Option[] { provinces, communes, departments, periods, periodType, until, seed, text, password, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var typeName = parse.GetValue(periodType) ?? "";
            var type = typeName.Trim().ToUpperInvariant() switch
            {
                "MONTH" => PeriodType.Month,
                "QUARTER" => PeriodType.Quarter,
                _ => throw new DomainException("PeriodType", $"--period-type '{typeName}' is not supported; use month or quarter."),
            };
            var textName = parse.GetValue(text) ?? "";
            var last = parse.GetValue(until) is { } u ? ReportingPeriod.ParseInput(u, "Until", TimeProvider.System) : (ReportingPeriod?)null;
            if (last is { } l && l.Type != type)
            {
                throw new DomainException("Until", $"--until {l} is not a {type.ToString().ToLowerInvariant()}.");
            }

            // The data describes reports already sent and accepted: a period still running cannot have them.
            if (last is { } open && open.CalendarWindow().End >= VietnamTime.Today(TimeProvider.System))
            {
                throw new DomainException("Until", $"--until {open} has not ended yet; generate up to a period that has.");
            }

            var options = new GenerateOptions
            {
                Provinces = parse.GetValue(provinces),
                Communes = parse.GetValue(communes),
                Departments = parse.GetValue(departments),
                Periods = parse.GetValue(periods),
                PeriodType = type,
                Until = last,
                Seed = parse.GetValue(seed),
                FullText = textName.Trim().ToUpperInvariant() switch
                {
                    "FULL" => true,
                    "SHORT" => false,
                    _ => throw new DomainException("ReportsText", $"--reports-text '{textName}' is not supported; use full or short."),
                },
                Password = parse.GetValue(password),
            };

            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                throw new InvalidOperationException("The database has pending migrations; run `danvan db migrate` first.");
            }

            var generator = scope.ServiceProvider.GetRequiredService<SyntheticData>();
            var clock = Stopwatch.StartNew();
            GenerateResult result;
            if (parse.GetValue(json))
            {
                result = await generator.GenerateAsync(options, null, ct);
                Console.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
                return 0;
            }

            // The bar goes to stderr so stdout keeps only the summary line.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            result = null!;
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Generating", maxValue: (options.Communes + options.Departments) * (double)options.Periods);
                    result = await generator.GenerateAsync(options, new Progress<(int Done, int Total)>(p => task.Value = p.Done), ct);
                    task.Value = task.MaxValue;
                });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Provinces.Count} province(s), {result.Provinces.Sum(p => p.Units)} reporting units, {result.Periods.Count} periods ({result.Periods[0]}..{result.Periods[^1]}): {result.Reports} reports, {result.Sections} sections, {result.OnTime} on time, {result.Late} late, {result.Missing} missing in {clock.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        });
        return command;
    }
}
