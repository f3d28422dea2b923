using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

/// <summary>`danvan period 2024-07 [--calendar] [--plan ID] [--json]`: the data window of a reporting period and, under a plan, its deadlines.</summary>
public static class PeriodCommand
{
    public static Command Create()
    {
        var period = new Argument<string>("period") { Description = "2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025." };
        var calendar = new Option<bool>("--calendar") { Description = "Calendar window (1st to last day) instead of the Decree 09 cut-off (15th to 14th)." };
        var plan = new Option<int?>("--plan") { Description = "Plan id: use its semantics and print its deadlines (working days and holidays from the database)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("period", "Show the data window of a reporting period (Decree 09/2019 art. 12, or calendar) and, with --plan, its deadlines.");
        command.Arguments.Add(period);
        command.Options.Add(calendar);
        command.Options.Add(plan);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var p = ReportingPeriod.Parse(parse.GetRequiredValue(period));
            var semantics = parse.GetValue(calendar) ? PeriodSemantics.Calendar : PeriodSemantics.Decree09;
            PlanSchedule? schedule = null;
            Plan? found = null;
            if (parse.GetValue(plan) is { } planId)
            {
                await using var services = CliHost.BuildServices();
                await using var scope = services.CreateAsyncScope();
                var plans = scope.ServiceProvider.GetRequiredService<PlanService>();
                found = await plans.LoadAsync(planId, ct);
                if (found.PeriodType != p.Type)
                {
                    throw new InvalidOperationException($"Plan {planId} ({found.Number}) reports per {found.PeriodType.ToString().ToLowerInvariant()}; {p} is a {p.Type.ToString().ToLowerInvariant()}.");
                }

                schedule = await plans.ScheduleAsync(found, p, ct);
                semantics = found.Semantics;
            }

            var (start, end) = p.Window(semantics);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        period = p.ToString(),
                        start,
                        end,
                        deadline = schedule?.UnitDeadline,
                        ownerDeadline = schedule?.OwnerDeadline,
                        lockedAfter = schedule?.LockedAfter,
                        plan = found?.Number,
                    },
                    CliJson.Options));
                return 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p} ({p.ToVietnamese()}): {start:dd/MM/yyyy} – {end:dd/MM/yyyy}"));
            if (schedule is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{found!.Citation}: units send by {schedule.UnitDeadline:dd/MM/yyyy}, consolidated report by {schedule.OwnerDeadline:dd/MM/yyyy}")
                    + (schedule.LockedAfter is { } locked ? string.Create(CultureInfo.InvariantCulture, $", locked after {locked:dd/MM/yyyy}") : ""));
            }

            return 0;
        });
        return command;
    }
}
