using System.CommandLine;
using DanVan.Cli.Commands;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DanVan.Cli;

/// <summary>The same service registration as the web app, minus HTTP: one place for settings and errors.</summary>
public static class CliHost
{
    /// <summary>The settings of a run given in-process (the CLI tests run commands without a process each); null: the environment's.</summary>
    private static readonly AsyncLocal<IConfiguration?> GivenSettings = new();

    /// <summary>Every command of `danvan`.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("DanVan: reporting on công tác dân vận chính quyền. Settings come from the environment: Database__Provider (Sqlite|Postgres), ConnectionStrings__DanVan (default SQLite at ./data/danvan.db).");
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(UnitsCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(PeriodCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ConsolidateCommand.Create());
        root.Subcommands.Add(FiguresCommand.Create());
        return root;
    }

    public static ServiceProvider BuildServices()
    {
        var configuration = GivenSettings.Value ?? new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // EF's own failure logs would repeat, at length, the one-line error the CLI prints.
        services.AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
        services.AddDataProtection();
        // A command is a short process: the model generated ahead of time spares each one building it (bench/README.md).
        services.AddDanVanCore(configuration, CompiledModel);
        services.AddIdentityCore<AppUser>(DanVanServices.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DanVanDbContext>()
            .AddDefaultTokenProviders();
        return services.BuildServiceProvider();
    }

    /// <summary>The engine's model as <c>scripts/optimize-model.sh</c> generated it; a test checks it still matches the code.</summary>
    public static IModel CompiledModel(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ? Migrations.Sqlite.CompiledModel.DanVanDbContextModel.Instance
        : Migrations.Postgres.CompiledModel.DanVanDbContextModel.Instance;

    /// <summary>
    /// Runs one command line. Failures end with one English line on stderr and a non-zero exit, never a stack trace.
    /// <paramref name="settings"/> replace the environment's (for a run inside another process).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration? settings = null)
    {
        GivenSettings.Value = settings;
        try
        {
            return await Root().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"error: {Describe(ex)}");
            return 1;
        }
    }

    public static string Describe(Exception ex) => ex switch
    {
        DomainException d => $"{d.Field}: {d.English ?? d.Message}".TrimStart(':', ' '),
        Core.Word.DocumentImportException => ex.Message,
        InvalidOperationException { InnerException: { } inner } => $"{ex.Message} ({inner.Message})",
        _ when ex.InnerException is { } inner && ex is not DomainException => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    };
}
