using System.Text.RegularExpressions;
using DanVan.Core.Text;
using DanVan.Core.Word;

namespace DanVan.Core.Import;

public sealed record OutlineTarget(string Key, string Heading, int Level);

/// <summary>An imported section and where it goes: an existing section's key, or null for "add as a new section".</summary>
public sealed record SectionMapping(int Index, ImportedSection Section, string? TargetKey);

/// <summary>
/// Maps a Word report's own headings onto the report's outline by their words ("1. Công tác lãnh chỉ đạo" →
/// "1. Công tác lãnh đạo, chỉ đạo"), since units number and phrase the standard items their own way. Pure.
/// </summary>
public static partial class OutlineMatcher
{
    public const double Threshold = 0.45;

    public static IReadOnlyList<SectionMapping> Map(ImportedReport report, IReadOnlyList<OutlineTarget> outline)
    {
        var result = new List<SectionMapping>();
        var taken = new HashSet<string>();
        string? parentKey = null;
        var index = 0;
        foreach (var section in report.AllSections())
        {
            string? target;
            if (section.Level == 0)
            {
                target = outline.Any(o => o.Key == "intro") ? "intro" : null;
            }
            else if (section.Level == 1)
            {
                var kind = ReportOutline.OutlineKind(section.Heading);
                target = outline.Any(o => o.Key == kind) ? kind : null;
                parentKey = target;
            }
            else
            {
                target = outline
                    .Where(o => o.Level == section.Level && !taken.Contains(o.Key) && (parentKey is null || o.Key.StartsWith(parentKey + ".", StringComparison.Ordinal)))
                    .Select(o => (o.Key, Score: Similarity(section.Heading, o.Heading)))
                    .Where(x => x.Score >= Threshold)
                    .OrderByDescending(x => x.Score)
                    .Select(x => x.Key)
                    .FirstOrDefault();
            }

            if (target is not null && !taken.Add(target))
            {
                target = null;
            }

            result.Add(new SectionMapping(index++, section, target));
        }

        return result;
    }

    /// <summary>
    /// How well an imported heading <paramref name="a"/> fits an outline heading <paramref name="b"/>, over folded words
    /// with numbering removed: the Dice coefficient, or the share of the outline heading's words the imported one
    /// contains — units often write a long heading around the standard item's few words ("3. Chỉ đạo các phong trào
    /// thi đua … Dân vận khéo …" is item 3). The same item number adds a little, to break ties.
    /// </summary>
    public static double Similarity(string a, string b)
    {
        var x = Words(a);
        var y = Words(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var shared = x.Intersect(y).Count();
        var score = Math.Max(2.0 * shared / (x.Count + y.Count), y.Count >= 2 ? (double)shared / y.Count : 0);
        return score + (Number(a) is { } n && n == Number(b) ? 0.1 : 0);
    }

    private static string? Number(string heading) => Label().Match(heading) is { Success: true } m ? m.Value.Trim().TrimEnd('.', ')', '/') : null;

    /// <summary>The section's text as stored in a report: one paragraph per line, tables as "cell | cell" rows.</summary>
    public static string TextOf(ImportedSection section) =>
        string.Join("\n", section.Paragraphs.Concat(section.Tables.SelectMany(t => t.Select(r => string.Join(" | ", r)))));

    private static HashSet<string> Words(string heading)
    {
        var folded = VietnameseText.Fold(Label().Replace(heading, ""));
        return folded.Split([' ', ',', '.', ';', ':', '"', '“', '”', '(', ')', '-', '–', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 1 || char.IsDigit(w[0]))
            .Where(w => !StopWords.Contains(w))
            .ToHashSet();
    }

    private static readonly HashSet<string> StopWords = new(["va", "cac", "cua", "cong", "tac", "trong", "ve", "voi", "cho", "la"], StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(?:[IVX]+|\d{1,2}|[a-zđ])[.)/]\s*")]
    private static partial Regex Label();

}
