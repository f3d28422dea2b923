using System.Diagnostics;
using System.Globalization;
using DanVan.Cli;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// bench/dashboard: CompletenessService.DashboardAsync for a consolidator, warm, as the page calls it (one DI scope
// per call, like one request), on the database the environment names (Database__Provider, ConnectionStrings__DanVan).
// Each timed call builds the dashboard (the app's kept ones are forgotten first, as after a change of its data), but
// the line "kept" times a dashboard served as the app keeps it (CompletenessCache).
// Usage: DashboardBench USER [RUNS=5] [--on yyyy-MM-dd] (--on: every view as of that day)
var userName = args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: DashboardBench USER [RUNS] [--on yyyy-MM-dd]");
var runs = int.Parse(args.ElementAtOrDefault(1) ?? "5", CultureInfo.InvariantCulture);
DateOnly? on = args.SkipWhile(a => a != "--on").Skip(1).FirstOrDefault() is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
await using var services = CliHost.BuildServices();

Actor actor;
await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
    var user = await db.Users.SingleAsync(u => u.UserName == userName);
    actor = new Actor(user.Id, userName, user.FullName, user.UnitId, new HashSet<string> { Roles.Consolidator });
}

async Task<(double Ms, CompletenessDashboard Dashboard)> OnceAsync(DashboardQuery query, bool kept = false)
{
    if (!kept)
    {
        services.GetRequiredService<CompletenessCache>().Clear();
    }

    await using var scope = services.CreateAsyncScope();
    var clock = Stopwatch.StartNew();
    var dashboard = await scope.ServiceProvider.GetRequiredService<CompletenessService>().DashboardAsync(query, actor);
    return (clock.Elapsed.TotalMilliseconds, dashboard);
}

foreach (var (name, query, kept) in new[]
{
    ("root", new DashboardQuery { On = on }, false),
    ("root+all rows (export)", new DashboardQuery { AllRows = true, On = on }, false),
    ("root, kept", new DashboardQuery { On = on }, true),
})
{
    var (_, first) = await OnceAsync(query, kept); // warm-up: EF model, query compilation, JIT
    await OnceAsync(query, kept);
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        times.Add((await OnceAsync(query, kept)).Ms);
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {first.Totals.Expected} expected, {first.Totals.Submitted} submitted, {first.Rows.Count} rows, {first.History.Count} periods; runs ms: {string.Join(" / ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))}; median {times[times.Count / 2]:0.0} ms"));
}

// What GET /consolidation computes: the default view, then the plan's figures beside the previous period and last year
// under its table, as the page model calls them (one scope, like one request).
{
    // Process CPU time beside the wall time: on a shared machine it says what the work costs whatever the load.
    var self = Process.GetCurrentProcess();
    var page = new List<(double Wall, double Cpu)>();
    for (var i = 0; i < runs + 2; i++)
    {
        services.GetRequiredService<CompletenessCache>().Clear();
        await using var scope = services.CreateAsyncScope();
        self.Refresh();
        var cpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var dashboard = await scope.ServiceProvider.GetRequiredService<CompletenessService>().DashboardAsync(new DashboardQuery { On = on }, actor);
        await scope.ServiceProvider.GetRequiredService<DanVan.Core.Plans.FigureComparisonService>().ForDashboardAsync(dashboard);
        var wall = clock.Elapsed.TotalMilliseconds;
        self.Refresh();
        page.Add((wall, (self.TotalProcessorTime - cpu).TotalMilliseconds));
    }

    page = [.. page.Skip(2).Order()];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"page: dashboard + comparison: runs ms (cpu ms): {string.Join(" / ", page.Select(t => $"{t.Wall:0.0} ({t.Cpu:0})"))}; median {page[page.Count / 2].Wall:0.0} ms, cpu {page.Select(t => t.Cpu).Order().ElementAt(page.Count / 2):0} ms"));
}

// The plan's figures for the whole scope, as the dashboard shows them under its table: the comparison with the
// previous period and last year, and the charts (12 periods rolled up, the period by unit), each timed alone.
{
    var (_, shown) = await OnceAsync(new DashboardQuery { AllRows = true, On = on });
    var plan = shown.Plan!.Id;
    var units = shown.AllRows.Where(r => r.Reports).Select(r => r.UnitId).ToList();
    List<DanVan.Core.Plans.PlanFigure> figures;
    await using (var scope = services.CreateAsyncScope())
    {
        figures = await scope.ServiceProvider.GetRequiredService<DanVanDbContext>().PlanFigures.AsNoTracking().Where(f => f.PlanId == plan).OrderBy(f => f.Order).ToListAsync();
    }

    foreach (var (name, run) in new (string, Func<DanVan.Core.Plans.FigureComparisonService, Task>)[]
    {
        ("figures: comparison", s => s.ForUnitsAsync(plan, figures, shown.Period, units)),
        ("figures: charts", s => s.ChartsForUnitsAsync(plan, figures, shown.Period, units)),
    })
    {
        var times = new List<double>();
        var cpus = new List<double>();
        var me = Process.GetCurrentProcess();
        for (var i = 0; i < runs + 1; i++)
        {
            await using var scope = services.CreateAsyncScope();
            me.Refresh();
            var cpu = me.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await run(scope.ServiceProvider.GetRequiredService<DanVan.Core.Plans.FigureComparisonService>());
            times.Add(clock.Elapsed.TotalMilliseconds);
            me.Refresh();
            cpus.Add((me.TotalProcessorTime - cpu).TotalMilliseconds);
        }

        times = [.. times.Skip(1).Order()];
        cpus = [.. cpus.Skip(1).Order()];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} ({units.Count} units, {figures.Count} figures): runs ms: {string.Join(" / ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))}; median {times[times.Count / 2]:0.0} ms, cpu {cpus[cpus.Count / 2]:0} ms"));
    }
}
