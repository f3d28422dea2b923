using DanVan.Cli;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DanVan.Tests;

/// <summary>The CLI loads the model generated ahead of time; it must say what the code says, on the run's engine.</summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void Generated_model_matches_the_model_built_from_the_code()
    {
        var provider = TestDatabase.CurrentProvider;
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        new DanVanDatabase(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=unused").Configure(options);
        using var db = new DanVanDbContext(options.Options);

        var built = Describe(db.GetService<IDesignTimeModel>().Model);
        var generated = Describe(CliHost.CompiledModel(provider));

        var missing = built.Except(generated).ToList();
        var extra = generated.Except(built).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"The CLI's generated {provider} model is behind the code: run scripts/optimize-model.sh.\n  in the code only: {string.Join("\n    ", missing)}\n  generated only: {string.Join("\n    ", extra)}");
    }

    /// <summary>Tables, columns, keys, indexes and foreign keys: what a schema and its queries depend on.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var e in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            lines.Add($"{e.Name} table={e.GetTableName()} schema={e.GetSchema()} owned={e.IsOwned()} base={e.BaseType?.Name}");
            foreach (var p in e.GetProperties())
            {
                lines.Add($"{e.Name}.{p.Name} {p.ClrType.Name} null={p.IsNullable} col={p.GetColumnName()} max={p.GetMaxLength()} "
                    + $"type={p.FindAnnotation(RelationalAnnotationNames.ColumnType)?.Value} concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated} "
                    + $"converter={p.GetValueConverter()?.ProviderClrType.Name}");
            }

            lines.AddRange(e.GetKeys().Select(k => $"{e.Name} key ({string.Join(",", k.Properties.Select(p => p.Name))}) primary={k.IsPrimaryKey()}"));
            lines.AddRange(e.GetIndexes().Select(i => $"{e.Name} index {i.GetDatabaseName()} ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique} filter={i.GetFilter()}"));
            lines.AddRange(e.GetForeignKeys().Select(f => $"{e.Name} fk ({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}"));
        }

        return lines;
    }
}
