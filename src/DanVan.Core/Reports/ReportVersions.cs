using DanVan.Core.Text;

namespace DanVan.Core.Reports;

/// <summary>
/// A section's text as it was handed on by a move that sends the report (to the leader, or up to the consolidating
/// body). Only sections that changed since the report was last handed on are kept; the rest read from earlier rows.
/// </summary>
public sealed class SectionRevision
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public int TransitionId { get; set; }

    public ReportTransition? Transition { get; set; }

    public required string Key { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>
/// One time the report was handed on, and its sections' text then; or, with no <paramref name="Transition"/>, the text of
/// a report handed on before revisions were kept, as last saved (<paramref name="SavedAt"/> by <paramref name="SavedBy"/>).
/// </summary>
public sealed record ReportVersion(int Number, ReportTransition? Transition, IReadOnlyDictionary<string, string> Texts, DateTime? SavedAt = null, string? SavedBy = null);

/// <summary>One section's change between two versions.</summary>
public sealed record SectionChange(string Key, string Heading, IReadOnlyList<DiffPiece> Pieces);

/// <summary>The versions of a report rebuilt from its revisions, and what changed between two of them. Pure.</summary>
public static class ReportVersions
{
    /// <summary>The moves that hand the report's text on, and so make a version.</summary>
    public static bool HandsOn(ReportStatus to) => to is ReportStatus.AwaitingLeader or ReportStatus.Submitted;

    /// <summary>
    /// Each section whose text now differs from the latest kept revision (or, never kept, is not empty): what a move
    /// handing the report on must store.
    /// </summary>
    public static IEnumerable<(string Key, string Text)> Changed(IEnumerable<(string Key, string Text)> current, IEnumerable<SectionRevision> kept)
    {
        var latest = kept.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.MaxBy(r => r.TransitionId)!.Text, StringComparer.Ordinal);
        return current.Where(s => latest.TryGetValue(s.Key, out var text) ? text != s.Text : s.Text.Length > 0);
    }

    /// <summary>
    /// The versions, oldest first, numbered from 1. Moves made before the report kept revisions (the first move
    /// with one) are left out: their text is not known. A report handed on only before then shows its text as last
    /// saved, as one version with no move and so no diff.
    /// </summary>
    public static IReadOnlyList<ReportVersion> Build(IEnumerable<ReportTransition> transitions, IReadOnlyList<SectionRevision> revisions, IEnumerable<ReportSection> sections)
    {
        if (revisions.Count == 0)
        {
            if (!transitions.Any(t => HandsOn(t.ToStatus)))
            {
                return [];
            }

            var all = sections.ToList();
            var last = all.Where(s => s.UpdatedAt is not null).MaxBy(s => s.UpdatedAt);
            return [new ReportVersion(1, null, all.ToDictionary(s => s.Key, s => s.Text, StringComparer.Ordinal), last?.UpdatedAt, last?.UpdatedBy)];
        }

        var firstKept = revisions.Min(r => r.TransitionId);
        var byTransition = revisions.ToLookup(r => r.TransitionId);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var versions = new List<ReportVersion>();
        foreach (var move in transitions.Where(t => HandsOn(t.ToStatus) && t.Id >= firstKept).OrderBy(t => t.Id))
        {
            foreach (var revision in byTransition[move.Id])
            {
                texts[revision.Key] = revision.Text;
            }

            versions.Add(new ReportVersion(versions.Count + 1, move, new Dictionary<string, string>(texts, StringComparer.Ordinal)));
        }

        return versions;
    }

    /// <summary>The sections, in the report's order, whose text differs between the two versions, each with its word diff.</summary>
    public static IReadOnlyList<SectionChange> Compare(IReadOnlyDictionary<string, string> from, IReadOnlyDictionary<string, string> to, IEnumerable<(string Key, string Heading)> outline) =>
        outline
            .Select(s => (s.Key, s.Heading, Before: from.GetValueOrDefault(s.Key, ""), After: to.GetValueOrDefault(s.Key, "")))
            .Where(s => s.Before != s.After)
            .Select(s => new SectionChange(s.Key, s.Heading, WordDiff.Compare(s.Before, s.After)))
            .ToList();
}
