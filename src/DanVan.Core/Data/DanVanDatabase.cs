using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Demo;
using DanVan.Core.Import;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Reads <c>Database:Provider</c> and <c>ConnectionStrings:DanVan</c>, shared by the web app, the CLI and the tests.
/// SQLite at <c>./data/danvan.db</c> is the zero-set-up default.
/// </summary>
public sealed record DanVanDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/danvan.db";

    /// <summary>
    /// The model generated ahead of time for this engine (<c>scripts/optimize-model.sh</c>), or null to build it from
    /// the code at the first query, a delay every short CLI command would otherwise pay (bench/README.md).
    /// </summary>
    public IModel? Model { get; init; }

    public static DanVanDatabase FromConfiguration(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        var provider = name?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Database:Provider '{name}' is not supported; use Sqlite or Postgres."),
        };
        var connection = configuration.GetConnectionString("DanVan");
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:DanVan is not set.");
        }

        return new DanVanDatabase(provider, connection);
    }

    /// <summary>The folder holding the SQLite file (created if missing), or null for PostgreSQL.</summary>
    public string? SqliteDirectory()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return null;
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Model is not null)
        {
            options.UseModel(Model);
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteDirectory();
            options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("DanVan.Migrations.Sqlite"))
                // SQLite rebuilds a changed table with foreign keys off, and that PRAGMA only works outside a
                // transaction: expected for such migrations, not a warning a newcomer can act on (README).
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
        }
        else
        {
            options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("DanVan.Migrations.Postgres"));
        }
    }

    /// <summary>Applies migrations and indexes sections saved before search existed; on SQLite also switches to WAL so readers never block a save.</summary>
    public static async Task MigrateAsync(DanVanDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await Search.SearchIndexer.BackfillAsync(db, ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

public static class DanVanServices
{
    /// <summary>
    /// Database, feature services and the clock; Identity is added by the host (cookies in Web, core in CLI).
    /// <paramref name="compiledModel"/> gives the engine's model generated ahead of time, for hosts that start often.
    /// </summary>
    public static IServiceCollection AddDanVanCore(this IServiceCollection services, IConfiguration configuration, Func<DatabaseProvider, IModel>? compiledModel = null)
    {
        var database = DanVanDatabase.FromConfiguration(configuration);
        database = database with { Model = compiledModel?.Invoke(database.Provider) };
        services.AddSingleton(database);
        services.AddDbContext<DanVanDbContext>(database.Configure);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseBackup>();
        services.AddScoped<AccessService>();
        services.AddScoped<OrgUnitService>();
        services.AddScoped<ReorganisationService>();
        services.AddScoped<UnitPeopleService>();
        services.AddScoped<ReportService>();
        services.AddScoped<Plans.FigureComparisonService>();
        services.AddScoped<ReportList>();
        services.AddScoped<UnitReportsService>();
        services.AddScoped<CompletenessService>();
        services.AddSingleton<CompletenessCache>();
        services.AddScoped<ConsolidationService>();
        services.AddScoped<Plans.FigureWorkbookService>();
        services.AddScoped<Plans.FigureExportService>();
        services.AddScoped<DemoData>();
        services.AddScoped<SyntheticData>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<SessionService>();
        services.AddScoped<LogInService>();
        services.AddScoped<TwoFactorService>();
        services.AddSingleton(LogInLimits.FromConfiguration(configuration));
        services.AddSingleton<LogInThrottle>();
        services.AddMemoryCache();
        services.AddScoped<ImportStaging>();
        services.AddScoped<ReportImportService>();
        services.AddScoped<BulkImportService>();
        services.AddScoped<Periods.CalendarService>();
        services.AddScoped<Citations.LegalDocumentService>();
        services.AddScoped<Plans.PlanService>();
        services.AddScoped<ReportStandingService>();
        services.AddScoped<SectionCommentService>();
        services.AddScoped<Decree30.DocumentRegister>();
        services.AddScoped<Export.ReportExportService>();
        services.AddSingleton(Export.PdfConverter.FromConfiguration(configuration));
        services.AddSingleton(Reminders.SmtpSettings.FromConfiguration(configuration));
        services.AddSingleton<Reminders.MailSender>();
        services.AddScoped<Reminders.ReminderService>();
        services.AddScoped<Reminders.NotificationService>();
        services.AddScoped<Reminders.MailOutbox>();
        services.AddScoped<Reminders.ReportNotices>();
        services.AddScoped<Search.SearchService>();
        // Before AddIdentity/AddIdentityCore, whose TryAdd then leaves out Identity's own validator.
        services.AddScoped<IPasswordValidator<Access.AppUser>, Access.PasswordRules>();
        return services;
    }

    /// <summary>One password and lockout policy for every host.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        // Access.PasswordRules is the password rule (registered in AddDanVanCore in place of Identity's own validator);
        // these match it, with no rule on kinds of characters (ASVS 2.1.9).
        options.Password.RequiredLength = Access.PasswordRules.MinLength;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
    }
}
