using System.Diagnostics;
using System.Globalization;
using DanVan.Cli;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Export;
using Microsoft.Extensions.DependencyInjection;

// bench/consolidate: ConsolidationService.ConsolidateAsync (draft and save the consolidated report, every section
// refreshed) and ReportExportService.ExportAsync (.docx) for one consolidating unit and period, warm, one DI scope per
// call as one request, on the database the environment names (Database__Provider, ConnectionStrings__DanVan).
// Usage: ConsolidateBench UNIT PERIOD [RUNS=5]
var unit = args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: ConsolidateBench UNIT PERIOD [RUNS]");
var period = args.ElementAtOrDefault(1) ?? throw new ArgumentException("usage: ConsolidateBench UNIT PERIOD [RUNS]");
var runs = int.Parse(args.ElementAtOrDefault(2) ?? "5", CultureInfo.InvariantCulture);
await using var services = CliHost.BuildServices();
var actor = new Actor("", "bench", "bench", 0, new HashSet<string> { Roles.Admin });

int planId;
await using (var scope = services.CreateAsyncScope())
{
    planId = await scope.ServiceProvider.GetRequiredService<ConsolidationService>().FindPlanAsync(unit, period);
}

var cpu = new List<double>();
async Task<(double Ms, ConsolidationResult Result)> ConsolidateAsync()
{
    await using var scope = services.CreateAsyncScope();
    var clock = Stopwatch.StartNew();
    var before = Process.GetCurrentProcess().TotalProcessorTime;
    var result = await scope.ServiceProvider.GetRequiredService<ConsolidationService>().ConsolidateAsync(new Consolidate { PlanId = planId, Period = period, Overwrite = true }, actor);
    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
    return (clock.Elapsed.TotalMilliseconds, result);
}

var exportCpu = new List<double>();
async Task<(double Ms, int Bytes)> ExportAsync(int reportId)
{
    await using var scope = services.CreateAsyncScope();
    var clock = Stopwatch.StartNew();
    var before = Process.GetCurrentProcess().TotalProcessorTime;
    var file = await scope.ServiceProvider.GetRequiredService<ReportExportService>().ExportAsync(reportId, ExportFormat.Docx, actor);
    exportCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
    return (clock.Elapsed.TotalMilliseconds, file.Content.Length);
}

var cold = await ConsolidateAsync();
cpu.Clear();
var coldExport = await ExportAsync(cold.Result.ReportId);
exportCpu.Clear();
var consolidate = new List<double>();
var export = new List<double>();
var bytes = 0;
for (var i = 0; i < runs; i++)
{
    consolidate.Add((await ConsolidateAsync()).Ms);
    var e = await ExportAsync(cold.Result.ReportId);
    export.Add(e.Ms);
    bytes = e.Bytes;
}

var c = cold.Result.Content;
var parts = c.Sections.SelectMany(s => s.Parts).ToList();
string Line(List<double> times) => $"runs ms: {string.Join(" / ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}; median {times.Order().ElementAt(times.Count / 2):0} ms";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{c.Units.Count} units, {c.Units.Count(u => u.Sent)} sent; {string.Join(", ", parts.GroupBy(p => p.Kind).Select(g => $"{g.Count()} {g.Key}"))} parts, {parts.Count(p => !p.InText)} left to the appendices; body {c.Sections.Sum(s => s.Text.Length):N0} chars; JSON {c.ToJson().Length:N0} chars, stored {c.ForStorage().ToJson().Length:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"consolidate: cold {cold.Ms:0} ms; warm {Line(consolidate)}; CPU time (all threads) median {cpu.Order().ElementAt(cpu.Count / 2):0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export docx ({bytes:N0} bytes): cold {coldExport.Ms:0} ms; warm {Line(export)}; CPU time (all threads) median {exportCpu.Order().ElementAt(exportCpu.Count / 2):0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB; allocated {GC.GetTotalAllocatedBytes() / 1048576.0:0} MB in {GC.CollectionCount(0)} gen0 / {GC.CollectionCount(2)} gen2 GCs"));
