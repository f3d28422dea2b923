using System.Diagnostics;
using System.Globalization;
using DanVan.Cli;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// bench/report: one report as its page and the API read it, on the database the environment names (Database__Provider,
// ConnectionStrings__DanVan).
//   ReportBench setup PASSWORD   picks the report (the first commune's, last period) and makes sure an admin
//                                (bench.admin) and the commune's staff (bench.staff) can log in; prints
//                                "REPORT_ID UNIT_CODE CONSOLIDATOR ADMIN STAFF"
//   ReportBench direct REPORT_ID [RUNS=5]   ReportService.GetAsync (the page and the API) + ReportStandingService.StateAsync
//                                (the page), warm, one DI scope per call like one request, as the consolidator, an admin
//                                and the unit's staff
//   ReportBench list [RUNS=5]    the report list as its page reads it (rows, the periods and units of the filters) and as
//                                the API reads it, warm, as the province's consolidator
var command = args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: ReportBench setup PASSWORD | direct REPORT_ID [RUNS]");
await using var services = CliHost.BuildServices();

if (command == "setup")
{
    var password = args.ElementAtOrDefault(1) ?? throw new ArgumentException("usage: ReportBench setup PASSWORD");
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
    var last = await db.Reports.MaxAsync(r => r.Period);
    var report = await db.Reports.AsNoTracking()
        .Where(r => r.Period == last && r.Unit!.Kind == UnitKind.Commune)
        .OrderBy(r => r.UnitId)
        .Select(r => new { r.Id, r.UnitId, r.Unit!.Code })
        .FirstAsync();
    var snv = await db.Units.AsNoTracking().Where(u => u.ConsolidatesForId != null).OrderBy(u => u.Id).Select(u => new { u.Id, u.ConsolidatesForId }).FirstAsync();
    var consolidator = await db.Users.Where(u => u.UnitId == snv.Id).OrderBy(u => u.UserName).Select(u => u.UserName).FirstAsync();
    var users = scope.ServiceProvider.GetRequiredService<UserAdminService>();
    var system = new Actor("", "bench", "bench", snv.ConsolidatesForId!.Value, new HashSet<string> { Roles.Admin });
    foreach (var (name, unit, role) in new[] { ("bench.admin", snv.ConsolidatesForId!.Value, Roles.Admin), ("bench.staff", report.UnitId, Roles.Staff) })
    {
        if (!await db.Users.AnyAsync(u => u.UserName == name))
        {
            await users.CreateAsync(new CreateUser { UserName = name, FullName = name, UnitId = unit, Role = role, Password = password }, system);
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Id} {report.Code} {consolidator} bench.admin bench.staff"));
    return;
}

if (command == "list")
{
    var listRuns = int.Parse(args.ElementAtOrDefault(1) ?? "5", CultureInfo.InvariantCulture);
    Actor consolidator;
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
        var snv = await db.Units.Where(u => u.ConsolidatesForId != null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        consolidator = new Actor("", "bench-snv", "bench-snv", snv, new HashSet<string> { Roles.Consolidator });
    }

    async Task<double> PageAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var list = scope.ServiceProvider.GetRequiredService<ReportList>();
        var clock = Stopwatch.StartNew();
        await list.ListAsync(new ReportListFilter(), consolidator, ReportListOrder.Newest, 500);
        await list.PeriodsAsync(consolidator);
        await list.UnitsAsync(consolidator);
        return clock.Elapsed.TotalMilliseconds;
    }

    async Task<double> ApiAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<ReportList>().ListAsync(new ReportListFilter(), consolidator, ReportListOrder.UnitThenPeriod, 5000);
        return clock.Elapsed.TotalMilliseconds;
    }

    foreach (var (name, once) in new (string, Func<Task<double>>)[] { ("page", PageAsync), ("api", ApiAsync) })
    {
        await once();
        await once();
        var times = new List<double>();
        for (var i = 0; i < listRuns; i++)
        {
            times.Add(await once());
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"list, {name}: runs ms: {string.Join(" / ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))}; median {times[times.Count / 2]:0.0} ms"));
    }

    return;
}

var reportId = int.Parse(args.ElementAtOrDefault(1) ?? throw new ArgumentException("usage: ReportBench direct REPORT_ID [RUNS]"), CultureInfo.InvariantCulture);
var runs = int.Parse(args.ElementAtOrDefault(2) ?? "5", CultureInfo.InvariantCulture);
var readers = new List<(string Name, Actor Actor)>();
await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
    var unitId = await db.Reports.Where(r => r.Id == reportId).Select(r => r.UnitId).FirstAsync();
    var snv = await db.Units.Where(u => u.ConsolidatesForId != null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
    readers.Add(("consolidator", new Actor("", "bench-snv", "bench-snv", snv, new HashSet<string> { Roles.Consolidator })));
    readers.Add(("admin", new Actor("", "bench-admin", "bench-admin", snv, new HashSet<string> { Roles.Admin })));
    readers.Add(("staff", new Actor("", "bench-staff", "bench-staff", unitId, new HashSet<string> { Roles.Staff })));
}

async Task<double> OnceAsync(Actor actor)
{
    await using var scope = services.CreateAsyncScope();
    var clock = Stopwatch.StartNew();
    var report = await scope.ServiceProvider.GetRequiredService<ReportService>().GetAsync(reportId, actor);
    await scope.ServiceProvider.GetRequiredService<ReportStandingService>().StandingAsync(report, actor);
    return clock.Elapsed.TotalMilliseconds;
}

foreach (var (name, actor) in readers)
{
    await OnceAsync(actor); // warm-up: EF model, query compilation, JIT
    await OnceAsync(actor);
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        times.Add(await OnceAsync(actor));
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: runs ms: {string.Join(" / ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))}; median {times[times.Count / 2]:0.0} ms"));
}
