using System.CommandLine;
using DanVan.Core.Data;
using DanVan.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

public static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "Database tasks.");

        var migrate = new Command("migrate", "Apply pending migrations to the configured database (SQLite or PostgreSQL).");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
            await DanVanDatabase.MigrateAsync(context, ct);
            await DemoData.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>());
            var database = services.GetRequiredService<DanVanDatabase>();
            Console.WriteLine($"Applied {pending.Count} migration(s) to {database.Provider}; the database is up to date.");
            return 0;
        });

        var password = new Option<string?>("--password") { Description = "Password for every demo account (default: Demo__Password, else generated and printed)." };
        var seed = new Command("seed-demo", "Load the demo units, accounts and the two seed reports (once; a no-op when units exist).");
        seed.Options.Add(password);
        seed.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            if ((await context.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                throw new InvalidOperationException("The database has pending migrations; run `danvan db migrate` first.");
            }

            var chosen = parse.GetValue(password)
                ?? Environment.GetEnvironmentVariable("Demo__Password")
                ?? DemoData.NewPassword();
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(chosen, ct);
            if (!seeded)
            {
                Console.WriteLine("Demo data not loaded: the database already has units.");
                return 0;
            }

            Console.WriteLine($"Demo data loaded. Log-ins: {string.Join(", ", DemoData.Accounts.Select(a => a.UserName))}; password: {chosen}");
            return 0;
        });

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(seed);
        return db;
    }
}
