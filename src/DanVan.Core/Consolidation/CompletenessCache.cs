using System.Collections.Concurrent;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Caching.Memory;

namespace DanVan.Core.Consolidation;

/// <summary>
/// The dashboards this app instance has built, shared by its requests: over a province one costs about 150 ms of CPU,
/// and a consolidator pages through it, filters it and comes back to it, as colleagues of the same scope do. One is
/// served while the data it was built from is unchanged: every save of that data writes a new
/// <see cref="DataVersion.Completeness"/> in its own transaction (<see cref="DanVanDbContext"/>), and each dashboard
/// reads the version before anything else, so no instance behind the database serves what another has changed.
/// </summary>
public sealed class CompletenessCache : IDisposable
{
    /// <summary>
    /// How long a dashboard is kept even if nothing changes: an upper bound on what a change made outside the app (SQL by
    /// hand) can leave stale, and on the memory of dashboards nobody opens again.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The table rows kept at most, over all dashboards: about 25 of a province of 4,000 units (a row is a few hundred
    /// bytes), and hundreds of a district's or a drill-down's. When full, the least recently used are dropped.
    /// </summary>
    public const int Capacity = 100_000;

    // What DashboardAsync reads; CompletenessServiceTests.Dashboard_ReadsNothingButTheTablesWhoseSavesRenewTheVersion holds it true.
    private static readonly HashSet<Type> Inputs =
        [typeof(OrgUnit), typeof(UnitName), typeof(UnitParentLink), typeof(UnitEvent), typeof(Plan), typeof(PlanUnit), typeof(CalendarDay), typeof(PeriodDeadline)];

    // Of a report, what the dashboard shows; a section saved, a number given or a review note leave it as it is.
    private static readonly string[] ReportInputs = [nameof(Report.UnitId), nameof(Report.Period), nameof(Report.Status), nameof(Report.SubmittedAt)];

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = Capacity });

    private readonly ConcurrentDictionary<Key, Task<CompletenessDashboard>> building = new();

    /// <summary>The entity types whose rows the dashboard reads, reports included, for the test that holds this list true.</summary>
    public static IEnumerable<Type> InputTypes => Inputs.Append(typeof(Report));

    /// <summary>Whether a save about to run changes what a dashboard is built from.</summary>
    public static bool IsChangedBy(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State switch
        {
            EntityState.Added or EntityState.Deleted => Inputs.Contains(e.Metadata.ClrType) || e.Entity is Report,
            EntityState.Modified => Inputs.Contains(e.Metadata.ClrType) || (e.Entity is Report && ReportInputs.Any(p => e.Property(p).IsModified)),
            _ => false,
        });

    /// <summary>The version the database holds now; null when its row is missing, and then nothing is cached.</summary>
    public static Task<long?> VersionAsync(DanVanDbContext db, CancellationToken ct) =>
        db.DataVersions.Where(v => v.Name == DataVersion.Completeness).Select(v => (long?)v.Value).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The dashboard kept under the key, or the one <paramref name="build"/> makes. Requests that ask for the same key
    /// while it is being built wait for that build rather than each making their own: after a change, the requests
    /// already waiting for a province's dashboard would otherwise all build it at once, each with ~150 ms of CPU.
    /// </summary>
    public async Task<CompletenessDashboard> GetOrBuildAsync(Key key, Func<Task<CompletenessDashboard>> build, CancellationToken ct)
    {
        if (entries.TryGetValue(key, out CompletenessDashboard? kept))
        {
            return kept!;
        }

        var mine = new TaskCompletionSource<CompletenessDashboard>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = building.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                return await running.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The build this request waited for failed or was abandoned: its own, then.
                return await build();
            }
        }

        try
        {
            var built = await build();
            entries.Set(key, built, new MemoryCacheEntryOptions { Size = 1 + built.Rows.Count + built.AllRows.Count, AbsoluteExpirationRelativeToNow = Lifetime });
            mine.SetResult(built);
            return built;
        }
        catch
        {
            // Cancelled rather than faulted: whoever waits builds again, and no exception goes unobserved.
            mine.SetCanceled(CancellationToken.None);
            throw;
        }
        finally
        {
            building.TryRemove(new KeyValuePair<Key, Task<CompletenessDashboard>>(key, mine.Task));
        }
    }

    /// <summary>Forgets every dashboard (the benchmark measures building one).</summary>
    public void Clear() => entries.Compact(1.0);

    public void Dispose() => entries.Dispose();

    /// <summary>
    /// What a dashboard depends on: the data (its version), the day it is judged on, the query, and of the viewer only
    /// their unit and whether they administer (<see cref="Access.AccessService.ScopeRootAsync"/>, drafts they may open).
    /// </summary>
    public sealed record Key(long Version, DateOnly Today, int ViewerUnitId, bool Admin, DashboardQuery Query);
}
