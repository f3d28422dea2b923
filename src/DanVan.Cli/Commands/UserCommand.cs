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
        var password = new Option<string>("--password") { Description = "One-time password: 12 characters or more, not a common or breached password; replaced by the user at the first log-in.", Required = true };

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
            Console.WriteLine($"Created user {parse.GetRequiredValue(name)} ({roleName}) in {code}; they choose their own password at the first log-in.");
            return 0;
        });

        var user = new Command("user", "User accounts.");
        user.Subcommands.Add(add);
        user.Subcommands.Add(Import());
        user.Subcommands.Add(Export());
        user.Subcommands.Add(Switch("disable", "Disable an account: it cannot log in, and its browsers and API tokens stop working at once.", disable: true));
        user.Subcommands.Add(Switch("enable", "Enable a disabled account again.", disable: false));
        return user;
    }

    /// <summary>`danvan user disable|enable NAME`: the administrator's buttons on the user page, with the same rules.</summary>
    private static Command Switch(string verb, string description, bool disable)
    {
        var name = new Argument<string>("name") { Description = "Log-in name of the account." };
        var command = new Command(verb, description);
        command.Arguments.Add(name);
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            var userName = parse.GetRequiredValue(name).Trim();
            var id = await admin.IdOfAsync(userName) ?? throw new InvalidOperationException($"No user is named '{userName}'.");
            if (disable)
            {
                await admin.DisableAsync(id, System, ct);
            }
            else
            {
                await admin.EnableAsync(id, System, ct);
            }

            Console.WriteLine($"{(disable ? "Disabled" : "Enabled")} user {userName}.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// `danvan user import FILE.xlsx [--dry-run] [--passwords OUT.xlsx]`: the web page's import. Every row's errors are
    /// listed and nothing is saved unless all rows are right; the one-time passwords go to a workbook, not the screen.
    /// </summary>
    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "The users workbook (.xlsx): user name, full name, unit (code or name), role, e-mail, job title." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and save nothing." };
        var passwords = new Option<string>("--passwords") { Description = "Where to write the new accounts and their one-time passwords (.xlsx); default: FILE-passwords.xlsx beside FILE." };
        var import = new Command("import", "Create user accounts from an .xlsx workbook, all or none.");
        import.Arguments.Add(file);
        import.Options.Add(dryRun);
        import.Options.Add(passwords);
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new InvalidOperationException($"No file at {path.FullName}.");
            }

            var output = Path.GetFullPath(parse.GetValue(passwords) ?? Path.Combine(path.DirectoryName!, Path.GetFileNameWithoutExtension(path.Name) + "-passwords.xlsx"));
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            UserImportResult result;
            await using (var stream = path.OpenRead())
            {
                result = await scope.ServiceProvider.GetRequiredService<UserAdminService>().ImportAsync(stream, parse.GetValue(dryRun), System, ct);
            }

            var errors = result.Check.AllErrors.ToList();
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync(error.EnglishText);
            }

            if (errors.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: {errors.Count} error(s) in {result.Check.Rows.Count(r => r.Errors.Count > 0)} of {result.Check.Rows.Count} row(s); no account was created.");
                return 1;
            }

            if (!result.Saved)
            {
                Console.WriteLine($"All {result.Check.Rows.Count} row(s) are valid; nothing saved (--dry-run).");
                return 0;
            }

            await OutputFile.WriteAsync(output, UserAdminService.CreatedWorkbook(result.Created), ct);
            Console.WriteLine($"Created {result.Created.Count} account(s); their one-time passwords are in {output}.");
            return 0;
        });
        return import;
    }

    /// <summary>`danvan user export FILE.xlsx`: every account with its unit's code and name, role, e-mail and job title.</summary>
    private static Command Export()
    {
        var file = new Argument<FileInfo>("file") { Description = "The workbook to write (.xlsx)." };
        var export = new Command("export", "Write every user account to an .xlsx workbook.");
        export.Arguments.Add(file);
        export.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var bytes = await scope.ServiceProvider.GetRequiredService<UserAdminService>().ExportAsync(System, ct);
            Directory.CreateDirectory(path.DirectoryName!);
            await OutputFile.WriteAsync(path.FullName, bytes, ct);
            Console.WriteLine($"Wrote {path.FullName} ({bytes.Length:N0} bytes).");
            return 0;
        });
        return export;
    }

    /// <summary>The command line is the server administrator's tool.</summary>
    private static Actor System { get; } = new("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });
}
