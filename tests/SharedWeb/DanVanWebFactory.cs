using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The real app (all middleware, Identity, antiforgery) on a fresh real database of the run's engine.</summary>
public class DanVanWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Matkhau-2025";

    private readonly string _keys = Path.Combine(Path.GetTempPath(), "danvan-tests", "keys-" + Guid.NewGuid().ToString("N"));

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>Every command the app sends its database, and the rows it reads back.</summary>
    public DatabaseReads Reads { get; } = new();

    public virtual async Task InitializeAsync() => Database = await TestDatabase.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A test build has no wwwroot of its own (only `dotnet publish` copies it); the build's static web assets manifest
        // points at src/DanVan.Web/wwwroot, so pages get their CSS and scripts, and a factory in Production starts.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Demo:Seed", "false");
        // The reminder job would write notifications behind other tests' backs; reminder tests switch it back on.
        builder.UseSetting("Reminders:Enabled", "false");
        builder.UseSetting("DataProtection:KeysPath", _keys);
        // Every test logs in from the same in-memory client; the security tests that need the real limits set them.
        builder.UseSetting("Security:RateLimit:LogInPerMinute", "100000");
        builder.UseSetting("Security:LogIn:PerAddress", "100000");
        builder.ConfigureTestServices(services => services.ConfigureDbContext<DanVanDbContext>(options => options.AddInterceptors(Reads)));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    /// <summary>A unit under <paramref name="parentId"/>, created through the same service the admin pages use.</summary>
    public async Task<int> AddUnitAsync(string code, string name, UnitKind kind = UnitKind.Commune, int? parentId = null, int? consolidatesForId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var units = scope.ServiceProvider.GetRequiredService<OrgUnitService>();
        return await units.CreateAsync(
            new CreateUnit
            {
                Code = code,
                Name = name,
                Kind = kind,
                PlaceName = name.Split(' ').Last(),
                ParentId = parentId,
                ConsolidatesForId = consolidatesForId,
                ValidFrom = new DateOnly(2020, 1, 1),
            },
            SystemAdmin(0));
    }

    public async Task AddUserAsync(string userName, int unitId, string role, string? fullName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdminService>();
        var id = await users.CreateAsync(
            new CreateUser { UserName = userName, FullName = fullName ?? userName, UnitId = unitId, Role = role, Password = Password },
            SystemAdmin(unitId));
        await ChosenOwnPasswordAsync(scope.ServiceProvider, id);
    }

    /// <summary>A test's account has already made the first-log-in password change an administrator-made account owes.</summary>
    public static async Task ChosenOwnPasswordAsync(IServiceProvider services, string userId)
    {
        var manager = services.GetRequiredService<UserManager<AppUser>>();
        var user = (await manager.FindByIdAsync(userId))!;
        user.MustChangePassword = false;
        await manager.UpdateAsync(user);
    }

    /// <summary>Runs <paramref name="work"/> against the app's services, e.g. to arrange data through Core.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}");
        return new Actor(user.Id, user.UserName!, user.FullName, user.UnitId, (await users.GetRolesAsync(user)).ToHashSet());
    }

    public static Actor SystemAdmin(int unitId) => new("", "test-setup", "Test setup", unitId, new HashSet<string> { Roles.Admin });

    public DanVanDbContext NewDbContext() => Database.NewContext();
}
