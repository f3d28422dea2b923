using DanVan.Core.Reports;

namespace DanVan.Core.Search;

/// <summary>
/// The search index row of one report section: <see cref="Folded"/> is <see cref="SearchText.ForIndex"/> of its
/// text, kept up to date by every save (<see cref="SearchIndexer"/>). The engines index this column: an FTS5
/// table fed by triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL (both created by
/// the Search migration, outside the EF model).
/// </summary>
public sealed class SectionSearch
{
    public int SectionId { get; set; }

    public ReportSection? Section { get; set; }

    public string Folded { get; set; } = "";
}
