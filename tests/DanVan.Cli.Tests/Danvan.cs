using System.Diagnostics;

namespace DanVan.Tests;

/// <summary>Runs the built `danvan` executable as users do: its own process, settings from the environment.</summary>
public static class Danvan
{
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

    public static async Task<(int Exit, string Out, string Err, TimeSpan Took)> RunAsync(string workDir, IReadOnlyDictionary<string, string?>? settings, params string[] args)
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
