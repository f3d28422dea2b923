using DanVan.Core.Data;
using DanVan.Core.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Infrastructure;

public static class StartupDatabase
{
    /// <summary>
    /// Auto-migrates only the local SQLite default (production PostgreSQL is migrated with <c>danvan db migrate</c>),
    /// then seeds the demo once when <c>Demo:Seed</c> is on, and prints the log-ins and the listening URL.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<DanVanDatabase>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DanVan.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();

        if (database.Provider == DatabaseProvider.Sqlite && app.Configuration.GetValue("Database:AutoMigrate", true))
        {
            await DanVanDatabase.MigrateAsync(db);
        }
        else
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                if (pending.Count > 0)
                {
                    log.LogError("Database has {Count} pending migrations; run `danvan db migrate` before serving.", pending.Count);
                    return;
                }
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // Serve anyway: /health answers 503 until the database is back, and requests fail cleanly meanwhile.
                log.LogError(ex, "Database is not reachable at start-up ({Provider}); /health reports 503 until it is.", database.Provider);
                return;
            }
        }

        await DemoData.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        if (!app.Configuration.GetValue("Demo:Seed", false))
        {
            return;
        }

        var password = DemoPassword(app.Configuration, database);
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(password);
        var accounts = string.Join(", ", DemoData.Accounts.Select(a => a.UserName));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine($"DanVan is listening on {string.Join(", ", urls)}");
            Console.WriteLine(seeded ? "Demo data seeded." : "Demo data already present (not seeded again).");
            Console.WriteLine($"Demo log-ins: {accounts}");
            Console.WriteLine($"Demo password: {password}");
            Console.WriteLine();
        });
    }

    /// <summary>
    /// <c>Demo:Password</c> when set; otherwise one generated on first start and kept next to the SQLite file, so
    /// the password printed on every start is the one the seeded accounts have.
    /// </summary>
    private static string DemoPassword(IConfiguration configuration, DanVanDatabase database)
    {
        if (configuration["Demo:Password"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var file = Path.Combine(database.SqliteDirectory() ?? Path.GetFullPath("data"), "demo-password.txt");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var password = DemoData.NewPassword();
        File.WriteAllText(file, password);
        return password;
    }
}
