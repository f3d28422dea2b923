using DanVan.Core.Access;
using DanVan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Tests;

/// <summary>
/// A fresh, real database per fixture on the engine the run is for: DANVAN_TEST_PROVIDER=Sqlite (default) or
/// Postgres, with DANVAN_TEST_PG the admin connection string of the throwaway server test.sh starts.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string Name { get; }

    public static DatabaseProvider CurrentProvider =>
        Environment.GetEnvironmentVariable("DANVAN_TEST_PROVIDER")?.Trim().ToUpperInvariant() is "POSTGRES" or "POSTGRESQL"
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:DanVan"] = ConnectionString,
    };

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var name = "dv_" + Guid.NewGuid().ToString("N")[..16];
        TestDatabase db;
        if (CurrentProvider == DatabaseProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "danvan-tests");
            Directory.CreateDirectory(dir);
            db = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, name + ".db")}", name);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("DANVAN_TEST_PG")
                ?? throw new InvalidOperationException("DANVAN_TEST_PROVIDER=Postgres needs DANVAN_TEST_PG (run the suite with ./test.sh).");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            db = new TestDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, name);
        }

        if (migrate)
        {
            await using var context = db.NewContext();
            await DanVanDatabase.MigrateAsync(context);
            foreach (var role in Roles.All)
            {
                context.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            }

            await context.SaveChangesAsync();
        }

        return db;
    }

    public DanVanDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        new DanVanDatabase(Provider, ConnectionString).Configure(options);
        return new DanVanDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("DANVAN_TEST_PG"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
