using DanVan.Core.Reports;
using DanVan.Core.Word;

namespace DanVan.Core.Import;

/// <summary>
/// What the user decides between preview and import, by the ids of <see cref="ImportPreview"/>: paragraphs and figures
/// of the file as read, sections of the file as corrected. Whatever is not listed keeps what the preview proposes.
/// </summary>
public sealed record ImportChoices
{
    public static readonly ImportChoices None = new();

    /// <summary>Paragraph id ("p4") → <see cref="ImportCorrections.Split"/>, <see cref="ImportCorrections.Closing"/> or "to:" a section id ("to:s2").</summary>
    public IReadOnlyDictionary<string, string> Paragraphs { get; init; } = new Dictionary<string, string>();

    /// <summary>Section id ("s3", or "p4" for the section split off at paragraph p4) → a section key of the report, "new" or "skip".</summary>
    public IReadOnlyDictionary<string, string> Targets { get; init; } = new Dictionary<string, string>();

    /// <summary>The ids of the figures found ("f0") to import; null: all of them.</summary>
    public IReadOnlyList<string>? Figures { get; init; }
}

/// <summary>A section of the file as corrected: its id, and the report section it goes into (a key, "new" or "skip").</summary>
public sealed record PreviewSection(string Id, ImportedSection Section, string? Matched, string Target);

/// <summary>A figure found in the file's tables, by id; <see cref="Chosen"/> when it is to be imported.</summary>
public sealed record PreviewFigure(string Id, FigureInput Figure, bool Chosen);

/// <summary>
/// A staged Word file as the user reviews it: the file as read (<see cref="Read"/>, which paragraph ids refer to), as
/// corrected by the choices (<see cref="Document"/>), its sections mapped onto the report's outline, its figures. Made
/// by <see cref="Build"/> from the stored parse and the choices, so the preview and the import see the same thing. Pure.
/// </summary>
public sealed record ImportPreview(
    string Token,
    string FileName,
    int ReportVersion,
    ImportedReport Read,
    ImportedReport Document,
    IReadOnlyList<ImportedParagraph> Paragraphs,
    IReadOnlyList<PreviewSection> Sections,
    IReadOnlyList<PreviewFigure> Figures)
{
    public IReadOnlyList<ImportWarning> Warnings => Document.Warnings;

    public static string ParagraphId(int index) => "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string SectionId(int index) => "s" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string FigureId(int index) => "f" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ImportPreview Build(string token, string fileName, int reportVersion, ImportedReport read, IReadOnlyList<OutlineTarget> outline, ImportChoices choices)
    {
        var paragraphs = ImportCorrections.Paragraphs(read);
        var known = Enumerable.Range(0, paragraphs.Count).Select(ParagraphId).ToHashSet();
        if (choices.Paragraphs.Keys.FirstOrDefault(id => !known.Contains(id)) is { } strayParagraph)
        {
            throw Unknown("đoạn", "paragraph", strayParagraph);
        }

        var corrected = ImportCorrections.Correct(read, [.. Enumerable.Range(0, paragraphs.Count).Select(i => choices.Paragraphs.GetValueOrDefault(ParagraphId(i)) ?? ImportCorrections.Keep)]);
        var mapping = OutlineMatcher.Map(corrected.Report, outline);
        var proposed = ReportImportService.DefaultTargets(mapping);
        if (choices.Targets.Keys.FirstOrDefault(id => !corrected.SectionIds.Contains(id)) is { } straySection)
        {
            throw Unknown("mục", "section", straySection);
        }

        var sections = mapping.Select((m, i) => new PreviewSection(corrected.SectionIds[i], m.Section, m.TargetKey, choices.Targets.GetValueOrDefault(corrected.SectionIds[i]) ?? proposed[i])).ToList();

        // Corrections move paragraphs, never tables, so the figures of the corrected file are the file's, in its order.
        var found = FigureExtractor.FromTables(read);
        var figureIds = Enumerable.Range(0, found.Count).Select(FigureId).ToList();
        if (choices.Figures?.FirstOrDefault(id => !figureIds.Contains(id)) is { } strayFigure)
        {
            throw Unknown("số liệu", "figure", strayFigure);
        }

        var figures = found.Select((f, i) => new PreviewFigure(figureIds[i], f, choices.Figures?.Contains(figureIds[i]) ?? true)).ToList();
        return new ImportPreview(token, fileName, reportVersion, read, corrected.Report, paragraphs, sections, figures);
    }

    private static DomainException Unknown(string what, string english, string id) =>
        new("", $"Tệp không có {what} mã \"{id}\"; xem trước lại tệp để lấy mã đúng.") { English = $"The file has no {english} \"{id}\"; preview it again for the ids." };
}
