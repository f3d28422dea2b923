using System.CommandLine;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Cli.Commands;

/// <summary>
/// `danvan units list|reorganise|people`: the unit tree as of a day, a whole arrangement applied from a table, and the
/// users of closed units moved to the successors (the admin page's <see cref="UnitPeopleService"/>).
/// </summary>
public static class UnitsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var units = new Command("units", "Units: the tree as of a date, and reorganisations.");
        units.Subcommands.Add(List());
        units.Subcommands.Add(Reorganise());
        units.Subcommands.Add(People());
        return units;
    }

    private static Command People()
    {
        var moveAll = new Option<bool>("--move-all") { Description = "Move every user of a merged unit to its successor (disabled accounts stay)." };
        var user = new Option<string?>("--user") { Description = "Log-in name of one user of a closed unit to give another unit (with --to)." };
        var to = new Option<string?>("--to") { Description = "Code of the open unit the user of --user moves to." };
        var json = new Option<bool>("--json") { Description = "Write JSON for scripts." };
        var command = new Command("people", "List the users of closed units with each one's successor unit; move them with --move-all or --user NAME --to CODE.");
        foreach (var option in new Option[] { moveAll, user, to, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var people = scope.ServiceProvider.GetRequiredService<UnitPeopleService>();
            var system = new Actor("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });
            if (parse.GetValue(moveAll))
            {
                Console.WriteLine($"Moved {await people.MoveToSuccessorsAsync(system, ct):N0} user(s) to the successors of their units.");
            }
            else if (parse.GetValue(user) is { } name)
            {
                var code = Reorganisation.Normalise(parse.GetValue(to) ?? throw new InvalidOperationException("Give the unit to move the user to with --to CODE."));
                var unitId = await scope.ServiceProvider.GetRequiredService<DanVanDbContext>().Units.Where(u => u.Code == code).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                    ?? throw new InvalidOperationException($"No unit has code '{code}'.");
                var stranded = (await people.StrandedAsync(ct)).FirstOrDefault(p => p.UserName.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"No user '{name}' of a closed unit.");
                await people.ReassignAsync(stranded.UserId, unitId, system, ct);
                Console.WriteLine($"Moved {stranded.UserName} to {code}.");
            }

            var left = await people.StrandedAsync(ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(left.Select(p => new { p.UserName, p.FullName, p.Role, p.Unit, p.ClosedOn, p.Successor, p.Disabled }), Json));
                return 0;
            }

            foreach (var p in left)
            {
                Console.WriteLine($"{p.UserName}  {p.Unit} (closed {p.ClosedOn:yyyy-MM-dd}) → {p.Successor ?? "no successor: give a unit with --user/--to"}{(p.Disabled ? "  [disabled]" : "")}");
            }

            Console.WriteLine($"{left.Count:N0} user(s) of closed units left.");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var under = new Option<string?>("--under") { Description = "Only this unit (code) and the units under it." };
        var on = new Option<string?>("--on") { Description = "The day (yyyy-mm-dd or dd/mm/yyyy) whose tree to list; default today (Vietnam)." };
        var json = new Option<bool>("--json") { Description = "Write JSON for scripts." };
        var list = new Command("list", "List the units that existed on a day, with the names and parents they had then.");
        list.Options.Add(under);
        list.Options.Add(on);
        list.Options.Add(json);
        list.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var day = parse.GetValue(on) is { } text
                ? ReorganisationFile.ParseDate(text) ?? throw new InvalidOperationException($"Cannot read the date '{text}'; write yyyy-mm-dd or dd/mm/yyyy.")
                : VietnamTime.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
            int? root = null;
            if (parse.GetValue(under) is { } code)
            {
                var normal = Reorganisation.Normalise(code);
                root = await scope.ServiceProvider.GetRequiredService<DanVanDbContext>().Units.Where(u => u.Code == normal).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                    ?? throw new InvalidOperationException($"No unit has code '{normal}'.");
            }

            var rows = await scope.ServiceProvider.GetRequiredService<OrgUnitService>().ListOnAsync(day, root, ct);
            var codes = rows.ToDictionary(r => r.Id, r => r.Code);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    new { on = day, units = rows.Select(r => new { r.Id, r.Code, r.Name, r.Kind, Parent = r.ParentId is { } p ? codes.GetValueOrDefault(p) : null, r.Depth }) },
                    Json));
                return 0;
            }

            var top = rows.Count == 0 ? 0 : rows.Min(r => r.Depth);
            foreach (var row in rows)
            {
                Console.WriteLine($"{new string(' ', 2 * (row.Depth - top))}{row.Code}  {row.Name}");
            }

            Console.WriteLine($"{rows.Count:N0} unit(s) on {day:yyyy-MM-dd}.");
            return 0;
        });
        return list;
    }

    private static Command Reorganise()
    {
        var file = new Argument<FileInfo>("file") { Description = "The arrangement (.csv or .xlsx): one row per resulting unit — code, name, kind, parent, effective date, predecessors, legal basis." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and show the effect; save nothing." };
        var command = new Command("reorganise", "Apply a whole arrangement of units (create, rename, move, merge, split, dissolve), all rows or none.");
        command.Arguments.Add(file);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new InvalidOperationException($"No file at {path.FullName}.");
            }

            var clock = Stopwatch.StartNew();
            ReorganisationFile.Result read;
            await using (var stream = path.OpenRead())
            {
                read = ReorganisationFile.Read(stream, path.Name);
            }

            if (read.Errors.Count > 0)
            {
                return await FailAsync(read.Errors, read.Rows.Count);
            }

            await using var services = CliHost.BuildServices();
            await using var scope = services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<ReorganisationService>();
            if (parse.GetValue(dryRun))
            {
                var preview = await service.PreviewAsync(read.Rows, ct);
                if (!preview.Plan.Valid)
                {
                    return await FailAsync(preview.Plan.Errors, read.Rows.Count);
                }

                Console.WriteLine($"All {read.Rows.Count:N0} row(s) are valid; nothing saved (--dry-run).");
                Console.WriteLine($"Would close {preview.Plan.Closures.Count:N0} unit(s), create {preview.Plan.Units.Count(u => u.IsNew):N0}; "
                    + $"{preview.Plans.Count} plan(s) change audience, {preview.ReportCount} open report(s) and {preview.Users.Count} user(s) of closing units are affected, "
                    + $"{preview.Consolidators.Count} consolidator(s) change scope.");
                return 0;
            }

            var system = new Actor("", "cli", "danvan CLI", 0, new HashSet<string> { Roles.Admin });
            try
            {
                var result = await service.ApplyAsync(read.Rows, system, ct);
                Console.WriteLine($"Applied {read.Rows.Count:N0} row(s) in {clock.Elapsed.TotalSeconds:0.0} s: {result.Created} created, {result.Renamed} renamed, {result.Moved} moved, {result.Merged} merged, {result.SplitParts} split part(s), {result.Dissolved} dissolved.");
                return 0;
            }
            catch (ReorganisationException refused)
            {
                return await FailAsync(refused.Errors, read.Rows.Count);
            }
        });
        return command;
    }

    private static async Task<int> FailAsync(IReadOnlyList<ReorganisationError> errors, int rows)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error.EnglishText);
        }

        await Console.Error.WriteLineAsync($"error: {errors.Count} error(s) in {rows} row(s); nothing was changed.");
        return 1;
    }
}
