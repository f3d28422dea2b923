using System.Diagnostics;
using DanVan.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DanVan.Tests;

/// <summary>
/// Runs `danvan` command lines: in this process (<see cref="RunAsync"/>) or, as users do, as the built executable in
/// its own process with settings from the environment (<see cref="RunProcessAsync"/>; CliTests and the import tests
/// keep that path tested). A process costs about a second of CPU before it does anything (the runtime, JIT, EF and
/// DI starting cold); the suite's few hundred command lines spent minutes of CPU on it.
/// </summary>
public static class Danvan
{
    /// <summary>The console and the working directory belong to the process: one in-process command line at a time.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public const string DemoPassword = "Demo-Matkhau-1";

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "danvan.dll");

    private static readonly Lazy<Task<TestDatabase>> Demo = new(async () =>
    {
        var template = await TestDatabase.CreateAsync();
        var seeded = await RunAsync(Directory.CreateTempSubdirectory("danvan-cli").FullName, template.Settings, "db", "seed-demo", "--password", DemoPassword);
        if (seeded.Exit != 0)
        {
            throw new InvalidOperationException($"danvan db seed-demo failed: {seeded.Err}");
        }

        TestDatabase.KeepAsTemplate(template);
        return template;
    });

    /// <summary>
    /// A migrated database with the demo as `danvan db seed-demo --password <see cref="DemoPassword"/>` loads it:
    /// seeded once per test run and copied, since seeding costs seconds of CPU (its own output is tested in CliTests).
    /// </summary>
    public static async Task<TestDatabase> DemoDatabaseAsync() => await TestDatabase.CopyOfAsync(await Demo.Value);

    /// <summary>
    /// Runs one command line in this process as `danvan` would run it in <paramref name="workDir"/> with
    /// <paramref name="settings"/> as its environment: the same entry point, its stdout, stderr and exit code.
    /// </summary>
    public static async Task<(int Exit, string Out, string Err, TimeSpan Took)> RunAsync(string workDir, IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        await OneAtATime.WaitAsync();
        var (console, errors, directory) = (Console.Out, Console.Error, Environment.CurrentDirectory);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Environment.CurrentDirectory = workDir;
            var clock = Stopwatch.StartNew();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
            var exit = await CliHost.RunAsync(args, configuration).WaitAsync(TimeSpan.FromSeconds(180));
            return (exit, stdout.ToString(), stderr.ToString(), clock.Elapsed);
        }
        finally
        {
            Console.SetOut(console);
            Console.SetError(errors);
            Environment.CurrentDirectory = directory;
            // A process's connections end with it; pooled ones kept open here would hold a file a test then replaces.
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            OneAtATime.Release();
        }
    }

    /// <summary>Runs the built `danvan` executable as users do: its own process, settings from the environment.</summary>
    public static async Task<(int Exit, string Out, string Err, TimeSpan Took)> RunProcessAsync(string workDir, IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Keep the progress bar plain: tests read the summary line.
        start.Environment["TERM"] = "dumb";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
