using System.CommandLine;
using DanVan.Core.Access;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

/// <summary>Bootstraps a production install: the first administrator is created here, then everything else in the web app.</summary>
public static class UserCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Log-in name.", Required = true };
        var fullName = new Option<string>("--full-name") { Description = "Full name as shown in the app.", Required = true };
        var unit = new Option<string>("--unit") { Description = "Code of the user's unit.", Required = true };
        var role = new Option<string>("--role") { Description = "Staff, Leader, Consolidator or Admin.", Required = true };
        var password = new Option<string>("--password") { Description = "Initial password (8+ characters, upper, lower and a digit).", Required = true };

        var add = new Command("add", "Create a user account.");
        foreach (var option in new Option[] { name, fullName, unit, role, password })
        {
            add.Options.Add(option);
        }

        add.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DanVanDbContext>();
            var code = parse.GetRequiredValue(unit).Trim().ToUpperInvariant();
            var unitId = await db.Units.Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException($"No unit has code '{code}'.");
            var roleName = Roles.All.FirstOrDefault(r => r.Equals(parse.GetRequiredValue(role), StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Unknown role '{parse.GetRequiredValue(role)}'; use Staff, Leader, Consolidator or Admin.");
            var system = new Actor("", "cli", "danvan CLI", unitId, new HashSet<string> { Roles.Admin });
            await scope.ServiceProvider.GetRequiredService<UserAdminService>().CreateAsync(
                new CreateUser
                {
                    UserName = parse.GetRequiredValue(name),
                    FullName = parse.GetRequiredValue(fullName),
                    UnitId = unitId,
                    Role = roleName,
                    Password = parse.GetRequiredValue(password),
                },
                system,
                ct);
            Console.WriteLine($"Created user {parse.GetRequiredValue(name)} ({roleName}) in {code}.");
            return 0;
        });

        var user = new Command("user", "User accounts.");
        user.Subcommands.Add(add);
        return user;
    }
}
