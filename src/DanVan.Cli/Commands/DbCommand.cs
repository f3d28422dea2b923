using System.CommandLine;
using DanVan.Core.Data;
using DanVan.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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
                ?? scope.ServiceProvider.GetRequiredService<IConfiguration>()["Demo:Password"]
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

        var backupOut = new Option<string>("--out") { Description = "The backup file to write (SQLite: a database file; PostgreSQL: pg_dump's custom format).", Required = true };
        var backupOverwrite = new Option<bool>("--overwrite") { Description = "Replace the file if it exists." };
        var backup = new Command("backup", "Write a consistent copy of the whole database (uploaded Word originals included) while the app keeps running.");
        backup.Options.Add(backupOut);
        backup.Options.Add(backupOverwrite);
        backup.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.BuildServices();
            var path = parse.GetRequiredValue(backupOut);
            var bytes = await services.GetRequiredService<DatabaseBackup>().BackupAsync(path, parse.GetValue(backupOverwrite), ct);
            Console.WriteLine($"Backed up the {services.GetRequiredService<DanVanDatabase>().Provider} database to {Path.GetFullPath(path)} ({bytes:N0} bytes).");
            return 0;
        });

        var restoreFile = new Argument<string>("file") { Description = "A file written by `danvan db backup`." };
        var restoreOverwrite = new Option<bool>("--overwrite") { Description = "Replace everything in the configured database (default: it must be empty)." };
        var restore = new Command("restore", "Restore a backup into the configured database (stop the web app first); all or nothing.");
        restore.Arguments.Add(restoreFile);
        restore.Options.Add(restoreOverwrite);
        restore.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.BuildServices();
            var file = parse.GetRequiredValue(restoreFile);
            await services.GetRequiredService<DatabaseBackup>().RestoreAsync(file, parse.GetValue(restoreOverwrite), ct);
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            var pending = (await context.Database.GetPendingMigrationsAsync(ct)).Count();
            Console.WriteLine($"Restored {Path.GetFileName(file)}: {await context.Units.CountAsync(ct):N0} units, {await context.Reports.CountAsync(ct):N0} reports, "
                + $"{await context.ReportAttachments.CountAsync(ct):N0} stored files, {await context.Users.CountAsync(ct):N0} accounts.");
            if (pending > 0)
            {
                Console.WriteLine($"The backup predates {pending} migration(s) of this version: run `danvan db migrate` before starting the app.");
            }

            return 0;
        });

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(seed);
        db.Subcommands.Add(backup);
        db.Subcommands.Add(restore);
        return db;
    }
}
