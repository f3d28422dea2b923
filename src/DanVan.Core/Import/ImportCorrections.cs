using DanVan.Core.Word;

namespace DanVan.Core.Import;

/// <summary>One paragraph of a read file as the preview lists it: its section (index in <see cref="ImportedReport.AllSections"/>, -1 for the closing) and text.</summary>
public sealed record ImportedParagraph(int Section, string Text);

/// <summary>A read file as corrected, with the id of each of its sections (<see cref="ImportedReport.AllSections"/> order): "s3" for the file's section 3, "p7" for the one split off at paragraph 7.</summary>
public sealed record CorrectedReport(ImportedReport Report, IReadOnlyList<string> SectionIds);

/// <summary>
/// What the user corrects in the import preview before confirming, one choice per paragraph of the file as read:
/// keep it where it is, split it off its section to start a new one (its run-in lead, or else the whole paragraph, is
/// the heading), move it to another section, or make it the closing. Pure: the page posts the choices, the import
/// applies them here, so both see the same result.
/// </summary>
public static class ImportCorrections
{
    public const string Keep = "";
    public const string Split = "split";
    public const string Closing = "closing";
    private const string MovePrefix = "to:s";

    /// <summary>The choice that moves a paragraph to the file's section <paramref name="section"/>: "to:" and the section's id.</summary>
    public static string MoveTo(int section) => MovePrefix + section.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every paragraph in document order: each section's, then the closing's.</summary>
    public static IReadOnlyList<ImportedParagraph> Paragraphs(ImportedReport report) =>
        [.. report.AllSections().SelectMany((s, i) => s.Paragraphs.Select(p => new ImportedParagraph(i, p))), .. report.Closing.Select(p => new ImportedParagraph(-1, p))];

    /// <summary>
    /// The report with <paramref name="choices"/> applied (empty: unchanged). Paragraphs keep document order within the
    /// section they end in; a split paragraph takes the rest of its section with it, as a sub-item of a top-level
    /// section or a next item beside a sub-item.
    /// </summary>
    public static ImportedReport Apply(ImportedReport report, IReadOnlyList<string> choices) => Correct(report, choices).Report;

    /// <summary><see cref="Apply"/>, with the id of each section of the result, by which the user maps it onto the report.</summary>
    public static CorrectedReport Correct(ImportedReport report, IReadOnlyList<string> choices)
    {
        var paragraphs = Paragraphs(report);
        if (choices.Count == 0 || choices.All(c => string.IsNullOrEmpty(c)))
        {
            return new CorrectedReport(report, [.. Enumerable.Range(0, report.AllSections().Count).Select(ImportPreview.SectionId)]);
        }

        if (choices.Count != paragraphs.Count)
        {
            throw Invalid();
        }

        var original = report.AllSections();
        var copy = new Dictionary<ImportedSection, ImportedSection>(ReferenceEqualityComparer.Instance);
        var parents = new Dictionary<ImportedSection, List<ImportedSection>>(ReferenceEqualityComparer.Instance);
        var ids = new Dictionary<ImportedSection, string>(ReferenceEqualityComparer.Instance);
        var result = new ImportedReport
        {
            Title = report.Title,
            Issuer = report.Issuer,
            ParentIssuer = report.ParentIssuer,
            DocumentNumber = report.DocumentNumber,
            Addressees = report.Addressees,
            Place = report.Place,
            Date = report.Date,
            Period = report.Period,
            NextPeriod = report.NextPeriod,
            Sections = Copy(report.Sections),
            Footnotes = report.Footnotes,
            Recipients = report.Recipients,
            Signer = report.Signer,
            Citations = report.Citations,
            SourceEncoding = report.SourceEncoding,
            Warnings = report.Warnings,
        };

        for (var i = 0; i < original.Count; i++)
        {
            ids[copy[original[i]]] = ImportPreview.SectionId(i);
        }

        // Where a section's kept paragraphs go: the section itself, or the last section split off it.
        var owner = original.Select(s => copy[s]).ToArray();
        var children = new int[original.Count];
        ImportedSection? closingSplit = null;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var (from, text) = paragraphs[i];
            var choice = choices[i] ?? Keep;
            if (choice == Keep)
            {
                (from < 0 ? closingSplit?.Paragraphs ?? result.Closing : owner[from].Paragraphs).Add(text);
            }
            else if (choice == Closing)
            {
                result.Closing.Add(text);
            }
            else if (choice.StartsWith(MovePrefix, StringComparison.Ordinal)
                && int.TryParse(choice.AsSpan(MovePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var to)
                && to < original.Count)
            {
                copy[original[to]].Paragraphs.Add(text);
            }
            else if (choice == Split && from < 0)
            {
                // Text after the closing sentence that is really one more part of the report.
                closingSplit = SplitOff(text, 1);
                ids[closingSplit] = ImportPreview.ParagraphId(i);
                result.Sections.Add(closingSplit);
            }
            else if (choice == Split)
            {
                var source = original[from];
                if (source.Level == 1)
                {
                    var section = SplitOff(text, 2);
                    ids[section] = ImportPreview.ParagraphId(i);
                    copy[source].Sections.Insert(children[from]++, section);
                    owner[from] = section;
                }
                else
                {
                    var section = SplitOff(text, Math.Max(source.Level, 1));
                    ids[section] = ImportPreview.ParagraphId(i);
                    var siblings = parents[copy[source]];
                    siblings.Insert(siblings.IndexOf(owner[from]) + 1, section);
                    parents[section] = siblings;
                    owner[from] = section;
                }
            }
            else
            {
                throw Invalid();
            }
        }

        return new CorrectedReport(result, [.. result.AllSections().Select(s => ids[s])]);

        List<ImportedSection> Copy(List<ImportedSection> sections)
        {
            var list = new List<ImportedSection>();
            foreach (var section in sections)
            {
                var clone = new ImportedSection { Heading = section.Heading, Level = section.Level, Tables = section.Tables, Sections = Copy(section.Sections) };
                copy[section] = clone;
                parents[clone] = list;
                list.Add(clone);
            }

            return list;
        }
    }

    /// <summary>
    /// The section a split paragraph starts. A run-in lead ("Trong phát triển kinh tế - xã hội: Tập trung …") is its
    /// heading and the rest its first paragraph, as the reader splits "1. Công tác lãnh đạo: Căn cứ …"; otherwise the
    /// whole paragraph is the heading.
    /// </summary>
    private static ImportedSection SplitOff(string text, int level)
    {
        var (heading, rest) = ReportOutline.SplitInlineHeading(text, 2);
        var section = new ImportedSection { Heading = heading, Level = level };
        if (rest is not null)
        {
            section.Paragraphs.Add(rest);
        }

        return section;
    }

    private static DomainException Invalid() => new("", "Lựa chọn sửa đoạn văn không khớp với tệp. Tải tệp lên lại.")
    {
        English = "The paragraph choices do not match the file; upload it again.",
    };
}
