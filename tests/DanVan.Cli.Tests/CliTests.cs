using DanVan.Core.Demo;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>The built `danvan` executable, run as users run it, against a real database of the run's engine.</summary>
public sealed class CliTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string?> settings, string workDir, params string[] args)
    {
        var (exit, stdout, stderr, _) = await Danvan.RunProcessAsync(workDir, settings, args);
        return (exit, stdout, stderr);
    }

    [Fact]
    public async Task DbMigrateThenSeedDemo_LoadsDemoOnceAndReportsWhatItDid()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var migrate = await RunAsync(database.Settings, dir, "db", "migrate");
        var again = await RunAsync(database.Settings, dir, "db", "migrate");
        var seed = await RunAsync(database.Settings, dir, "db", "seed-demo", "--password", Danvan.DemoPassword);
        var reseed = await RunAsync(database.Settings, dir, "db", "seed-demo", "--password", Danvan.DemoPassword);

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
        // The two seed reports, the board's and Trà Tân's reports of the period before their plan's open one, and the
        // 2025 arrangement's both sides: Trà Bùi's Q1 and Q2, Trà Tân's Q2 and Q3.
        Assert.Equal(8, await db.Reports.CountAsync(r => r.Status == ReportStatus.Accepted));
        Assert.Equal(DemoData.Accounts.Count, await db.Users.CountAsync());
    }

    [Fact]
    public async Task UserAdd_CreatesAccountInUnit_AndRefusesUnknownUnit()
    {
        await using var database = await Danvan.DemoDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var ok = await RunAsync(database.Settings, dir, "user", "add", "--name", "qtv.lamdong", "--full-name", "Quản trị Lâm Đồng", "--unit", "ld-snv", "--role", "admin", "--password", "Matkhau-2025");
        var bad = await RunAsync(database.Settings, dir, "user", "add", "--name", "x", "--full-name", "X", "--unit", "NOPE", "--role", "Staff", "--password", "Matkhau-2025");

        Assert.Equal(0, ok.Exit);
        Assert.Contains("Created user qtv.lamdong (Admin) in LD-SNV", ok.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.Exit);
        Assert.Equal("error: No unit has code 'NOPE'.", bad.Err.Trim());
        await using var db = database.NewContext();
        // Its owner chooses their own password at the first log-in, as after an administrator's reset.
        Assert.True(await db.Users.Where(u => u.UserName == "qtv.lamdong").Select(u => u.MustChangePassword).SingleAsync());
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

    [Fact]
    public async Task Period_WithPlan_PrintsDeadlinesFromTheDatabaseCalendar()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        int planId;
        await using (var db = database.NewContext())
        {
            var owner = new DanVan.Core.OrgUnits.OrgUnit { Code = "P-CLI", PlaceName = "Lâm Đồng", Kind = DanVan.Core.OrgUnits.UnitKind.Province };
            var plan = new DanVan.Core.Plans.Plan
            {
                OwnerUnit = owner,
                Number = "42/KH-UBND",
                IssuedOn = new DateOnly(2025, 3, 21),
                Summary = "Báo cáo tháng",
                CreatedBy = "test",
                PeriodType = DanVan.Core.Periods.PeriodType.Month,
                FirstPeriod = "2025-01",
                UnitDeadlineKind = DanVan.Core.Plans.DeadlineKind.WorkingDaysAfterCutoff,
                UnitDeadlineValue = 1,
                OwnerDeadlineKind = DanVan.Core.Plans.DeadlineKind.DayOfMonth,
                OwnerDeadlineValue = 20,
                LockAfterDays = 10,
            };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            planId = plan.Id;
        }

        var tet = await RunAsync(database.Settings, dir, "period", "2026-02", "--plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        var text = await RunAsync(database.Settings, dir, "period", "2026-02", "--plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var quarter = await RunAsync(database.Settings, dir, "period", "2026-Q1", "--plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var missing = await RunAsync(database.Settings, dir, "period", "2026-02", "--plan", "999999");

        Assert.Equal(0, tet.Exit);
        var json = System.Text.Json.JsonDocument.Parse(tet.Out).RootElement;
        Assert.Equal("2026-01-15", json.GetProperty("start").GetString());
        Assert.Equal("2026-02-14", json.GetProperty("end").GetString());
        // Cut-off Saturday 14/2/2026, Tết Bính Ngọ 16–20/2 from the seeded holiday calendar → Monday 23/2.
        Assert.Equal("2026-02-23", json.GetProperty("deadline").GetString());
        Assert.Equal("2026-03-05", json.GetProperty("lockedAfter").GetString());
        Assert.Contains("units send by 23/02/2026", text.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, quarter.Exit);
        Assert.StartsWith("error: Plan", quarter.Err.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(0, missing.Exit);
        Assert.Single(missing.Err.Trim().Split('\n'));
    }
}
