namespace DanVan.Core.Citations;

/// <summary>
/// A document a report cites, once however often it is cited: <see cref="Text"/> is its first citation as written,
/// <see cref="Known"/> what the registry knows of it (null when it is not listed), and <see cref="Superseded"/> whether
/// it had already been replaced on the report's date.
/// </summary>
public sealed record CitedDocument(string Number, string Type, string Text, KnownDocument? Known, bool Superseded);

public static class CitedDocuments
{
    /// <summary>The documents cited in <paramref name="texts"/> (a report's sections, in order), in order of first citation.</summary>
    public static IReadOnlyList<CitedDocument> In(IEnumerable<string?> texts, DateOnly reportDate, LegalRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(registry);
        var found = new List<CitedDocument>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts)
        {
            // Every citation form has a "/" in its symbol; a section without one cites nothing.
            if (string.IsNullOrEmpty(text) || !text.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var citation in CitationParser.Find(text, reportDate, registry))
            {
                if (seen.Add(citation.Number))
                {
                    var known = registry.Find(citation.Number);
                    found.Add(new CitedDocument(citation.Number, known?.Type ?? citation.Type, citation.Text, known, known?.IsSupersededOn(reportDate) == true));
                }
            }
        }

        return found;
    }
}
