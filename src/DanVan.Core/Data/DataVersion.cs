namespace DanVan.Core.Data;

/// <summary>
/// A named value that every save of some data replaces, in that save's own transaction, so a cache built from the data
/// can tell it is still current with one primary-key read — on any app instance behind the database.
/// </summary>
public sealed class DataVersion
{
    /// <summary>The data the completeness dashboard is built from (<see cref="Consolidation.CompletenessCache"/>).</summary>
    public const string Completeness = "completeness";

    public required string Name { get; set; }

    /// <summary>
    /// Random rather than counted: a database restored from a backup, or another database behind the same app, never
    /// reaches again a value whose cached answer was built from other data.
    /// </summary>
    public long Value { get; set; }

    public static long Next() => Random.Shared.NextInt64(1, long.MaxValue);
}
