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
    private static readonly Lazy<Task<TestDatabase>> Template = new(CreateTemplateAsync);

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

    /// <summary>
    /// A fresh database; migrated (with the roles) unless <paramref name="migrate"/> is false. Migrating costs a second
    /// or more of CPU, so this process migrates one template once and each database is a copy of it: the SQLite file
    /// copied, on PostgreSQL <c>CREATE DATABASE … TEMPLATE</c>. The template is removed when the process exits.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        if (!migrate)
        {
            return await CreateEmptyAsync(NewName());
        }

        return await CopyOfAsync(await Template.Value);
    }

    /// <summary>
    /// A new database with what <paramref name="template"/> holds; nothing may be connected to the template (pools
    /// cleared), as PostgreSQL refuses to copy a database in use and the SQLite file is copied whole.
    /// </summary>
    public static async Task<TestDatabase> CopyOfAsync(TestDatabase template)
    {
        var name = NewName();
        if (template.Provider == DatabaseProvider.Sqlite)
        {
            var path = PathOf(name);
            File.Copy(new SqliteConnectionStringBuilder(template.ConnectionString).DataSource, path);
            return new TestDatabase(DatabaseProvider.Sqlite, SqliteConnectionString(path), name);
        }

        await AdminAsync($"CREATE DATABASE {name} TEMPLATE {template.Name}");
        return new TestDatabase(DatabaseProvider.Postgres, PostgresConnectionString(name), name);
    }

    /// <summary>
    /// Readies <paramref name="template"/> for <see cref="CopyOfAsync"/> and removes it when the process exits.
    /// </summary>
    public static void KeepAsTemplate(TestDatabase template)
    {
        // Closing the last SQLite connection also folds the WAL into the file.
        if (template.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static async Task<TestDatabase> CreateTemplateAsync()
    {
        var template = await CreateEmptyAsync("dv_template_" + Guid.NewGuid().ToString("N")[..12]);
        await using (var context = template.NewContext())
        {
            await DanVanDatabase.MigrateAsync(context);
            foreach (var role in Roles.All)
            {
                context.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            }

            await context.SaveChangesAsync();
        }

        KeepAsTemplate(template);
        return template;
    }

    private static string NewName() => "dv_" + Guid.NewGuid().ToString("N")[..16];

    private static async Task<TestDatabase> CreateEmptyAsync(string name)
    {
        if (CurrentProvider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(DatabaseProvider.Sqlite, SqliteConnectionString(PathOf(name)), name);
        }

        await AdminAsync($"CREATE DATABASE {name}");
        return new TestDatabase(DatabaseProvider.Postgres, PostgresConnectionString(name), name);
    }

    private static string PathOf(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "danvan-tests");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".db");
    }

    private static string SqliteConnectionString(string path) => $"Data Source={path}";

    private static string AdminConnectionString => Environment.GetEnvironmentVariable("DANVAN_TEST_PG")
        ?? throw new InvalidOperationException("DANVAN_TEST_PROVIDER=Postgres needs DANVAN_TEST_PG (run the suite with ./test.sh).");

    private static string PostgresConnectionString(string name) => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
