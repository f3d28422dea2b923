using System.Diagnostics;
using System.Globalization;
using DanVan.Cli;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// bench/search: SearchService.SearchAsync (first page of 20 with snippets, as the page and the API call it, one DI
// scope per call like one request), warm, on the database the environment names (Database__Provider,
// ConnectionStrings__DanVan), for 30 typical queries, RUNS times each after warming up on all of them; the same queries once each as
// a LIKE scan of the folded column in the same run. Usage: SearchBench [RUNS=3]
var runs = int.Parse(args.ElementAtOrDefault(0) ?? "3", CultureInfo.InvariantCulture);
await using var services = CliHost.BuildServices();

Actor admin = new("", "bench", "bench", 0, new HashSet<string> { Roles.Admin });
Actor consolidator;
int sections;
await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
    var snv = await db.Units.Where(u => u.ConsolidatesForId != null && u.Code.StartsWith("G1-")).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
    consolidator = new("", "bench-snv", "bench-snv", snv, new HashSet<string> { Roles.Consolidator });
    sections = await db.SectionSearch.CountAsync();

    // After a bulk load, as autovacuum would do a little later: planner statistics for the tsvector column.
    if (db.Database.IsNpgsql())
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync("""VACUUM ANALYZE "SectionSearch", "ReportSections", "Reports" """);
    }
}

(string Name, Actor Actor, SearchRequest Request)[] queries =
[
    ("dân vận khéo", admin, new() { Query = "dân vận khéo" }),
    ("dan van kheo", admin, new() { Query = "dan van kheo" }),
    ("tiếp công dân", admin, new() { Query = "tiếp công dân" }),
    ("\"tiep cong dan\"", admin, new() { Query = "\"tiep cong dan\"" }),
    ("đơn thư khiếu nại", admin, new() { Query = "đơn thư khiếu nại" }),
    ("don thu", admin, new() { Query = "don thu" }),
    ("\"giải quyết đơn thư\"", admin, new() { Query = "\"giải quyết đơn thư\"" }),
    ("33/CT-TTg", admin, new() { Query = "33/CT-TTg" }),
    ("10/2022/QH15", admin, new() { Query = "10/2022/QH15" }),
    ("76/NQ-CP", admin, new() { Query = "76/NQ-CP" }),
    ("cải cách hành chính", admin, new() { Query = "cải cách hành chính" }),
    ("cai cach hanh chinh -\"niem yet\"", admin, new() { Query = "cai cach hanh chinh -\"niem yet\"" }),
    ("kỷ luật, kỷ cương", admin, new() { Query = "kỷ luật, kỷ cương" }),
    ("Mặt trận Tổ quốc", admin, new() { Query = "Mặt trận Tổ quốc" }),
    ("dân chủ ở cơ sở", admin, new() { Query = "dân chủ ở cơ sở" }),
    ("đối thoại với Nhân dân", admin, new() { Query = "đối thoại với Nhân dân" }),
    ("thôn Kim Lạc", admin, new() { Query = "thôn Kim Lạc" }),
    ("to dan pho hoa thinh", admin, new() { Query = "to dan pho hoa thinh" }),
    ("biên chế còn thiếu", admin, new() { Query = "biên chế còn thiếu" }),
    ("văn hoá công vụ", admin, new() { Query = "văn hoá công vụ" }),
    ("Uỷ ban Mặt trận", admin, new() { Query = "Uỷ ban Mặt trận" }),
    ("tuyên truyền -33/CT-TTg", admin, new() { Query = "tuyên truyền -33/CT-TTg" }),
    ("mô hình dân vậ (prefix)", admin, new() { Query = "mô hình dân vậ" }),
    ("hội nghị đối thoại, sort date", admin, new() { Query = "hội nghị đối thoại", Sort = SearchSort.Date }),
    ("mô hình, unit G1-P02", admin, new() { Query = "mô hình", Unit = "G1-P02" }),
    ("tiếp công dân, 2025-01..2025-06", admin, new() { Query = "tiếp công dân", From = "2025-01", To = "2025-06" }),
    ("đơn thư, section I.6, sort date", admin, new() { Query = "đơn thư", Section = "I.6", Sort = SearchSort.Date }),
    ("dân vận khéo, consolidator", consolidator, new() { Query = "dân vận khéo" }),
    ("33/CT-TTg, consolidator, 2024", consolidator, new() { Query = "33/CT-TTg", From = "2024-01", To = "2024-12" }),
    ("xã hội hoá giáo dục (words apart)", admin, new() { Query = "xã hội hoá giáo dục" }),
];

async Task<(double Ms, SearchResults Results)> OnceAsync(Actor actor, SearchRequest request)
{
    await using var scope = services.CreateAsyncScope();
    var clock = Stopwatch.StartNew();
    var results = await scope.ServiceProvider.GetRequiredService<SearchService>().SearchAsync(request, actor);
    return (clock.Elapsed.TotalMilliseconds, results);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

// Warm as a server that has been answering for a while: two passes over every query first, so tiered compilation has
// promoted the ranking and snippet code (a single warm-up call per query left the first dozen queries ranking with
// unoptimised code, 50 ms instead of 5). Each query is still run once more just before it is timed.
for (var pass = 0; pass < 2; pass++)
{
    foreach (var (_, actor, request) in queries)
    {
        await OnceAsync(actor, request);
    }
}

await Task.Delay(TimeSpan.FromSeconds(1));
var index = new List<double>();
var like = new List<double>();
var samples = new List<(double Ms, string Name)>();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{services.GetRequiredService<DanVanDatabase>().Provider}: {sections:N0} sections indexed; {runs} runs per query (LIKE: 1)"));
foreach (var (name, actor, request) in queries)
{
    var scan = request with { LikeScan = true };
    var (_, first) = await OnceAsync(actor, request); // warm-up: EF model, query compilation, JIT, page cache
    var mine = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        mine.Add((await OnceAsync(actor, request)).Ms);
    }

    // One LIKE run per query: a scan of the whole table takes seconds, and the ratio does not need more.
    var theirs = new List<double> { (await OnceAsync(actor, scan)).Ms };

    index.AddRange(mine);
    samples.AddRange(mine.Select(ms => (ms, name)));
    like.AddRange(theirs);
    mine.Sort();
    theirs.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name,-40} {first.Total,5}{(first.More ? "+" : " ")} hits  index {Percentile(mine, 0.5),8:0.0} ms  LIKE {Percentile(theirs, 0.5),9:0.0} ms"));
}

index.Sort();
like.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"index: p50 {Percentile(index, 0.5):0.0} ms, p95 {Percentile(index, 0.95):0.0} ms, max {index[^1]:0.0} ms; LIKE: p50 {Percentile(like, 0.5):0.0} ms, p95 {Percentile(like, 0.95):0.0} ms; LIKE/index: p50 {Percentile(like, 0.5) / Percentile(index, 0.5):0.0}x, p95 {Percentile(like, 0.95) / Percentile(index, 0.95):0.0}x"));
Console.WriteLine("slowest index runs (what sets the p95): " + string.Join(", ", samples.OrderByDescending(x => x.Ms).Take(6).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Name} {x.Ms:0.0} ms"))));
