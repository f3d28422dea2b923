using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Core services wired as the CLI wires them, on a fresh real database of the run's engine, with a settable clock.</summary>
public sealed class CoreFixture : IAsyncLifetime
{
    public const string Password = "Matkhau-2025";

    public TestDatabase Database { get; private set; } = null!;

    public FixedClock Clock { get; } = new(new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services = NewInstance();
    }

    /// <summary>Another set of the services on the same database, as a second app instance behind it would have.</summary>
    public ServiceProvider NewInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Database.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDanVanCore(configuration);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddDataProtection();
        services.AddIdentityCore<AppUser>(DanVanServices.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DanVanDbContext>()
            .AddDefaultTokenProviders();
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Runs one use case in its own scope, as one web request would.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> work) => RunAsync(async sp =>
    {
        await work(sp);
        return 0;
    });

    /// <summary>
    /// Runs <paramref name="work"/> on a day the period has opened (its first calendar day at the earliest), as a unit
    /// starting its report must; tests whose clock stands earlier create their reports through it.
    /// </summary>
    public async Task<T> WhileOpenAsync<T>(string period, Func<Task<T>> work)
    {
        var before = Clock.Now;
        if (DanVan.Core.Periods.ReportingPeriod.TryParse(period, out var p)
            && new DateTimeOffset(p.CalendarWindow().Start.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero) is var opens && before < opens)
        {
            Clock.Now = opens;
        }

        try
        {
            return await work();
        }
        finally
        {
            Clock.Now = before;
        }
    }

    public static Actor Admin { get; } = new("", "admin", "Quản trị", 0, new HashSet<string> { Roles.Admin });

    public static Actor As(int unitId, string role, string name = "tester") => new(name, name, name, unitId, new HashSet<string> { role });

    public Task<int> AddUnitAsync(string code, int? parentId = null, int? consolidatesForId = null, UnitKind kind = UnitKind.Commune, DateOnly? from = null) =>
        RunAsync(sp => sp.GetRequiredService<OrgUnitService>().CreateAsync(
            new CreateUnit
            {
                Code = code,
                Name = "Đơn vị " + code,
                Kind = kind,
                PlaceName = code,
                ParentId = parentId,
                ConsolidatesForId = consolidatesForId,
                ValidFrom = from ?? new DateOnly(2020, 1, 1),
            },
            Admin));

    public static string Code(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();
}

[CollectionDefinition(Name)]
public sealed class CoreCollection : ICollectionFixture<CoreFixture>
{
    public const string Name = "core";
}
