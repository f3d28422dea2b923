using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

/// <summary>`danvan search "query" [--unit CODE [--with-predecessors]] [--from 2024-01 --to 2025-Q2] [--json]`: full-text search over every report.</summary>
public static class SearchCommand
{
    /// <summary>The CLI works on the database directly, as its administrator: every unit is in scope.</summary>
    private static readonly Actor Operator = new("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Words (with or without diacritics), \"a phrase\", -excluded, or a document number such as 33/CT-TTg." };
        var unit = new Option<string?>("--unit") { Description = "Only this unit (code) and the units under it." };
        var predecessors = new Option<bool>("--with-predecessors") { Description = "With --unit: also the units it was formed from through mergers and splits." };
        var from = new Option<string?>("--from") { Description = "First period, e.g. 2024-01 or 2024-Q1." };
        var to = new Option<string?>("--to") { Description = "Last period, e.g. 2025-Q2." };
        var section = new Option<string?>("--section") { Description = "Outline section key, e.g. I.6 (I also finds I.1 … I.8)." };
        var sort = new Option<string>("--sort") { Description = "relevance or date.", DefaultValueFactory = _ => "relevance" };
        var limit = new Option<int>("--limit") { Description = "Most hits printed.", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print a JSON list of {reportId, unit, period, section, snippet}." };
        var command = new Command("search", "Search the text of every report, Vietnamese with or without diacritics.");
        command.Arguments.Add(query);
        foreach (var option in new Option[] { unit, predecessors, from, to, section, sort, limit, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var sortName = parse.GetValue(sort) ?? "";
            var request = new SearchRequest
            {
                Query = parse.GetRequiredValue(query),
                Unit = parse.GetValue(unit),
                WithPredecessors = parse.GetValue(predecessors),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Section = parse.GetValue(section),
                Sort = sortName.Trim().ToUpperInvariant() switch
                {
                    "RELEVANCE" => SearchSort.Relevance,
                    "DATE" => SearchSort.Date,
                    _ => throw new InvalidOperationException($"--sort '{sortName}' is not supported; use relevance or date."),
                },
                PageSize = Math.Clamp(parse.GetValue(limit), 1, SearchService.MaxPageSize),
            };

            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<SearchService>().SearchAsync(request, Operator, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    results.Hits.Select(h => new { reportId = h.ReportId, unit = h.UnitCode, period = h.Period, section = h.SectionKey, snippet = Snippet.ToText(h.Snippet) }),
                    CliJson.Options));
                return 0;
            }

            foreach (var hit in results.Hits)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#{hit.ReportId} {hit.UnitCode} {hit.Period} {hit.SectionKey} {hit.Section}"));
                Console.WriteLine("  " + string.Concat(hit.Snippet.Select(p => p.Hit ? $"[{p.Text}]" : p.Text)));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Total}{(results.More ? "+" : "")} section(s) found."));
            return 0;
        });
        return command;
    }
}
