using System.Globalization;
using DanVan.Core.Export;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DanVan.Core.Data;

/// <summary>What a backup file holds, told by its first bytes.</summary>
public enum BackupFormat
{
    Sqlite,
    PgDump,
}

/// <summary>
/// A consistent copy of the whole database while the app keeps writing — reports, sections and their versions, figures,
/// the uploaded Word originals (stored in the database), accounts, the audit log — and putting one back into an empty
/// database. SQLite: its online backup API (a snapshot at one instant; writers go on meanwhile) into a single
/// self-contained file, checked with <c>PRAGMA integrity_check</c> before it counts. PostgreSQL: <c>pg_dump</c> in its
/// custom format (one transaction's snapshot) and <c>pg_restore</c> in a single transaction, with the connection
/// settings the app uses; the password goes to them in the environment, never on the command line.
/// A backup is written beside its destination and moved into place once complete, so a failed run leaves no partial file.
/// </summary>
public sealed class DatabaseBackup(DanVanDatabase database, IConfiguration configuration)
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    private static readonly byte[] PgDumpHeader = "PGDMP"u8.ToArray();

    private TimeSpan Timeout => TimeSpan.FromMinutes(
        int.TryParse(configuration["Backup:TimeoutMinutes"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 60);

    /// <summary>Writes the backup to <paramref name="path"/>; returns its size in bytes.</summary>
    public async Task<long> BackupAsync(string path, bool overwrite, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && !overwrite)
        {
            throw new DomainException("Out", $"Tệp {full} đã có.") { English = $"{full} exists; choose another name, or pass --overwrite to replace it." };
        }

        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                BackupSqlite(temp);
            }
            else
            {
                await RunPgAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={temp}"], ct);
            }

            File.Move(temp, full, overwrite);
            return new FileInfo(full).Length;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Restores a backup into the configured database, which must be empty unless <paramref name="overwrite"/> (then
    /// everything in it is replaced). All or nothing: a failed restore leaves the database as it was.
    /// </summary>
    public async Task RestoreAsync(string path, bool overwrite, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var format = await FormatOfAsync(full, ct);
        var expected = database.Provider == DatabaseProvider.Sqlite ? BackupFormat.Sqlite : BackupFormat.PgDump;
        if (format != expected)
        {
            throw new DomainException("File", "Bản sao lưu không cùng loại cơ sở dữ liệu.") { English = $"{Path.GetFileName(full)} is a {(format == BackupFormat.Sqlite ? "SQLite" : "PostgreSQL")} backup but the configured database is {database.Provider}; restore it into a database of the same engine." };
        }

        var tables = await TableCountAsync(ct);
        if (tables > 0 && !overwrite)
        {
            throw new DomainException("Database", "Cơ sở dữ liệu đích không trống.") { English = $"The configured database is not empty ({tables} tables); restore into an empty database, or pass --overwrite to replace everything in it." };
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            database.SqliteDirectory();
            RestoreSqlite(full);
        }
        else
        {
            string[] clean = overwrite ? ["--clean", "--if-exists"] : [];
            await RunPgAsync("pg_restore", ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", .. clean, full], ct);
        }
    }

    /// <summary>SQLite or pg_dump's custom format, by the file's first bytes; anything else is refused.</summary>
    public static async Task<BackupFormat> FormatOfAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new DomainException("File", "Không tìm thấy tệp sao lưu.") { English = $"{path} does not exist." };
        }

        var head = new byte[16];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        return head.AsSpan().StartsWith(SqliteHeader) ? BackupFormat.Sqlite
            : head.AsSpan().StartsWith(PgDumpHeader) ? BackupFormat.PgDump
            : throw new DomainException("File", "Tệp không phải bản sao lưu của DanVan.") { English = $"{Path.GetFileName(path)} is not a DanVan backup (neither a SQLite database nor a pg_dump custom-format file)." };
    }

    private void BackupSqlite(string temp)
    {
        using var source = new SqliteConnection(database.ConnectionString);
        source.Open();
        using (var copy = Open(temp, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(copy);
            // The copy is one self-contained file, whatever journal the live database keeps.
            Execute(copy, "PRAGMA journal_mode=DELETE");
            Check(copy, "the backup just written");
        }
    }

    private void RestoreSqlite(string path)
    {
        using (var backup = Open(path, SqliteOpenMode.ReadOnly))
        {
            Check(backup, Path.GetFileName(path));
            if (Scalar(backup, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'") == 0)
            {
                throw new DomainException("File", "Tệp không phải bản sao lưu của DanVan.") { English = $"{Path.GetFileName(path)} is a SQLite database but not a DanVan one (it has no migration history)." };
            }

            using var target = new SqliteConnection(database.ConnectionString);
            target.Open();
            // One write transaction on the target: all pages or none.
            backup.BackupDatabase(target);
        }

        SqliteConnection.ClearAllPools();
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // Unpooled, so the file is closed (and can be moved) once the connection is disposed.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Check(SqliteConnection connection, string what)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = command.ExecuteScalar() as string;
        if (result != "ok")
        {
            throw new DomainException("File", "Bản sao lưu bị hỏng.") { English = $"The integrity check of {what} failed: {result}" };
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private async Task<long> TableCountAsync(CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(database.ConnectionString);
            await sqlite.OpenAsync(ct);
            return Scalar(sqlite, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs pg_dump or pg_restore against the configured database; its own message on failure.</summary>
    private async Task RunPgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var path = ExternalTool.Find(configuration[tool == "pg_dump" ? "Backup:PgDump" : "Backup:PgRestore"], tool)
            ?? throw new InvalidOperationException($"{tool} was not found: install postgresql-client (the server's major version or newer), or set Backup:{(tool == "pg_dump" ? "PgDump" : "PgRestore")} to its path.");
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = settings.Host ?? "localhost",
            ["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture),
            ["PGDATABASE"] = settings.Database ?? "",
            ["PGUSER"] = settings.Username ?? "",
            ["PGCONNECT_TIMEOUT"] = settings.Timeout.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(settings.Password))
        {
            environment["PGPASSWORD"] = settings.Password;
        }

        if (settings.SslMode is not SslMode.Disable and not SslMode.Prefer)
        {
            environment["PGSSLMODE"] = settings.SslMode.ToString().ToLowerInvariant() switch
            {
                "verifyca" => "verify-ca",
                "verifyfull" => "verify-full",
                var mode => mode,
            };
        }

        string[] target = tool == "pg_restore" ? [$"--dbname={settings.Database}"] : [];
        var output = await ExternalTool.RunAsync(path, [.. target, .. args], Timeout, ct, environment);
        if (output.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed (exit code {output.ExitCode}): {output.StandardError.Trim()}");
        }
    }
}
