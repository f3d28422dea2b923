namespace DanVan.Core.Consolidation;

/// <summary>
/// Keeps a consolidated report's body within a number of A4 pages in the Decree 30 layout of
/// <see cref="Word.DocxWriter"/> (Times New Roman 14 pt, line spacing 1.2, 6 pt after a paragraph, margins 20/20/30/20
/// mm): paragraphs are taken by priority — the opening, then added-up facts, then what most units did and the examples,
/// then the rest — each section's best before any section's second, until the pages are full. Pure.
/// </summary>
/// <remarks>
/// The length of a paragraph is estimated from its characters; <see cref="CharactersPerLine"/> and
/// <see cref="LinesPerPage"/> were read off LibreOffice's rendering of consolidated reports (bench/README.md), and the
/// estimate is kept on the safe side so a body estimated at N pages prints in N or fewer.
/// </remarks>
public static class BodyBudget
{
    /// <summary>Characters on a justified line of 14 pt Times New Roman, 160 mm wide (Vietnamese text).</summary>
    public const double CharactersPerLine = 80;

    /// <summary>Lines of 14 pt at 1.2 spacing on a page 257 mm high, counting the 6 pt after each paragraph as a third of a line.</summary>
    public const double LinesPerPage = 36;

    /// <summary>What the first page's header block, title, summary line and "Kính gửi" take, in lines.</summary>
    public const double HeaderLines = 14;

    /// <summary>"Nơi nhận" and the signature block, which are kept on the body's last page with the closing line.</summary>
    public const double SignatureLines = 10;

    /// <summary>
    /// The share of the pages the estimate may fill: at 360 generated units an estimate of 14.7 pages printed as 15
    /// pages and three lines, so about one page in twelve is kept for the estimate's error.
    /// </summary>
    public const double Margin = 0.92;

    /// <summary>The first-line indent, in characters.</summary>
    private const double Indent = 6;

    private const double AfterParagraph = 0.33;

    /// <summary>Marks the candidates that go into the body (<see cref="Consolidator.Candidate.InText"/>).</summary>
    /// <param name="sections">The sections' headings, levels and candidates, in the order they are printed.</param>
    /// <param name="pages">The pages the body may take.</param>
    /// <param name="figures">Rows of the figures table the export prints in the body.</param>
    internal static void Select(IReadOnlyList<(string Heading, int Level, IReadOnlyList<Consolidator.Candidate> Parts)> sections, int pages, int figures)
    {
        var budget = ((Math.Max(1, pages) * LinesPerPage) - HeaderLines - SignatureLines - (figures == 0 ? 0 : (figures + 1) * 1.6)) * Margin;
        // Headings are always printed.
        budget -= sections.Where(s => s.Level > 0).Sum(s => Lines(s.Heading) + (s.Level == 1 ? 0.5 : 0));
        var queue = sections
            .SelectMany(s => Ranked(s.Parts))
            .OrderBy(x => x.Part.Tier)
            .ThenBy(x => x.Rank)
            .ThenByDescending(x => x.Part.Weight)
            .ToList();
        foreach (var (part, _) in queue)
        {
            var cost = Lines(part.Part.Text);
            if (part.Tier == 0 || cost <= budget)
            {
                part.InText = true;
                budget -= cost;
            }
        }
    }

    /// <summary>Each part with its rank among the parts of its tier in its section (0 for the first).</summary>
    private static IEnumerable<(Consolidator.Candidate Part, int Rank)> Ranked(IReadOnlyList<Consolidator.Candidate> parts)
    {
        var seen = new Dictionary<int, int>();
        foreach (var part in parts)
        {
            var rank = seen.GetValueOrDefault(part.Tier);
            seen[part.Tier] = rank + 1;
            yield return (part, rank);
        }
    }

    /// <summary>Estimated lines of a paragraph, with the space after it.</summary>
    public static double Lines(string text) => Math.Ceiling((text.Length + Indent) / CharactersPerLine) + AfterParagraph;
}
