using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>The built `danvan` executable, run as users run it, against a real database of the run's engine.</summary>
public sealed class CliTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string?> settings, string workDir, params string[] args)
    {
        var (exit, stdout, stderr, _) = await Danvan.RunAsync(workDir, settings, args);
        return (exit, stdout, stderr);
    }

    [Fact]
    public async Task DbMigrateThenSeedDemo_LoadsDemoOnceAndReportsWhatItDid()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var migrate = await RunAsync(database.Settings, dir, "db", "migrate");
        var again = await RunAsync(database.Settings, dir, "db", "migrate");
        var seed = await RunAsync(database.Settings, dir, "db", "seed-demo", "--password", "Demo-Matkhau-1");
        var reseed = await RunAsync(database.Settings, dir, "db", "seed-demo", "--password", "Demo-Matkhau-1");

        Assert.Equal(0, migrate.Exit);
        await using (var context = database.NewContext())
        {
            Assert.Contains($"Applied {context.Database.GetMigrations().Count()} migration(s) to {database.Provider}", migrate.Out, StringComparison.Ordinal);
        }

        Assert.Contains("Applied 0 migration(s)", again.Out, StringComparison.Ordinal);
        Assert.Equal(0, seed.Exit);
        Assert.Contains("tratan.lanhdao", seed.Out, StringComparison.Ordinal);
        Assert.Equal(0, reseed.Exit);
        Assert.Contains("already has units", reseed.Out, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(2, await db.Reports.CountAsync(r => r.Status == ReportStatus.Accepted));
        Assert.Equal(7, await db.Users.CountAsync());
    }

    [Fact]
    public async Task UserAdd_CreatesAccountInUnit_AndRefusesUnknownUnit()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        await RunAsync(database.Settings, dir, "db", "migrate");
        await RunAsync(database.Settings, dir, "db", "seed-demo", "--password", "Demo-Matkhau-1");

        var ok = await RunAsync(database.Settings, dir, "user", "add", "--name", "qtv.lamdong", "--full-name", "Quản trị Lâm Đồng", "--unit", "ld-snv", "--role", "admin", "--password", "Matkhau-2025");
        var bad = await RunAsync(database.Settings, dir, "user", "add", "--name", "x", "--full-name", "X", "--unit", "NOPE", "--role", "Staff", "--password", "Matkhau-2025");

        Assert.Equal(0, ok.Exit);
        Assert.Contains("Created user qtv.lamdong (Admin) in LD-SNV", ok.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.Exit);
        Assert.Equal("error: No unit has code 'NOPE'.", bad.Err.Trim());
        await using var db = database.NewContext();
        Assert.True(await db.Users.AnyAsync(u => u.UserName == "qtv.lamdong"));
    }

    [Fact]
    public async Task DefaultSettings_UseSqliteUnderDataFolderOfWorkingDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var result = await RunAsync(new Dictionary<string, string?>(), dir, "db", "migrate");

        Assert.Equal(0, result.Exit);
        Assert.True(File.Exists(Path.Combine(dir, "data", "danvan.db")));
    }

    [Theory]
    [InlineData("Oracle", "Data Source=x.db", "error: Database:Provider 'Oracle' is not supported; use Sqlite or Postgres.")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2", "error: Failed to connect to 127.0.0.1:1")]
    public async Task BadSettings_OneEnglishLineOnStderrAndNonZeroExit(string provider, string connection, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var result = await RunAsync(new Dictionary<string, string?> { ["Database:Provider"] = provider, ["ConnectionStrings:DanVan"] = connection }, dir, "db", "migrate");

        Assert.NotEqual(0, result.Exit);
        Assert.StartsWith(expected, result.Err.Trim(), StringComparison.Ordinal);
        Assert.Single(result.Err.Trim().Split('\n'));
    }
}
