using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DanVan.Core.Periods;

namespace DanVan.Cli.Commands;

/// <summary>`danvan period 2024-07 [--calendar] [--json]`: the data window of a reporting period.</summary>
public static class PeriodCommand
{
    public static Command Create()
    {
        var period = new Argument<string>("period") { Description = "2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025." };
        var calendar = new Option<bool>("--calendar") { Description = "Calendar window (1st to last day) instead of the Decree 09 cut-off (15th to 14th)." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("period", "Show the data window of a reporting period (Decree 09/2019 art. 12, or calendar).");
        command.Arguments.Add(period);
        command.Options.Add(calendar);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var p = ReportingPeriod.Parse(parse.GetRequiredValue(period));

            var (start, end) = p.Window(parse.GetValue(calendar) ? PeriodSemantics.Calendar : PeriodSemantics.Decree09);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { period = p.ToString(), start, end, deadline = (DateOnly?)null }, ImportCommand.Json)
                : string.Create(CultureInfo.InvariantCulture, $"{p} ({p.ToVietnamese()}): {start:dd/MM/yyyy} – {end:dd/MM/yyyy}"));
            return 0;
        });
        return command;
    }
}
