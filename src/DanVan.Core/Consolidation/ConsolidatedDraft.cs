using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DanVan.Core.Consolidation;

/// <summary>
/// The last draft consolidation made into a consolidating unit's report: what was drafted for each section with the
/// unit reports behind every part, the figures and the per-unit appendix. Kept as one JSON document next to the report,
/// so each part of the (edited) report can be traced to its sources and a refresh can tell drafted text from edits.
/// </summary>
public sealed class ConsolidationDraft
{
    public int Id { get; set; }

    /// <summary>The consolidated report (one draft per report).</summary>
    public int ReportId { get; set; }

    public Reports.Report? Report { get; set; }

    /// <summary>The plan whose reports were consolidated (the units' plan, owned by the report's unit).</summary>
    public int PlanId { get; set; }

    public DateTime BuiltAt { get; set; }

    public required string BuiltBy { get; set; }

    /// <summary><see cref="ConsolidationContent"/> as JSON.</summary>
    public required string Content { get; set; }
}

/// <summary>How a unit stood for the period: its report (when it has one) and whether it was sent on time.</summary>
public sealed record DraftUnit(int UnitId, string Code, string Name, int? ReportId, bool Sent, Timeliness Timeliness);

/// <summary>What a drafted paragraph is: the JSON's "kind".</summary>
public enum PartKind
{
    /// <summary>The opening's facts: who had to report, who sent, on time or late, who did not.</summary>
    [JsonStringEnumMemberName("summary")]
    Summary,

    /// <summary>Like facts of many units added up per measure ("312/349 đơn vị tổ chức đối thoại …, tổng cộng 826 buổi").</summary>
    [JsonStringEnumMemberName("aggregate")]
    Aggregate,

    /// <summary>What several units wrote alike, said once with how many wrote it.</summary>
    [JsonStringEnumMemberName("shared")]
    Shared,

    /// <summary>A notable fact of one unit, named: a new model, an unusually large result, a first-time event.</summary>
    [JsonStringEnumMemberName("example")]
    Example,

    /// <summary>A unit's own sentences that are neither shared nor added up (printed in an appendix unless the body has room).</summary>
    [JsonStringEnumMemberName("own")]
    Own,
}

/// <summary>A unit's sentence a drafted paragraph stands for (the text is left out of the copy stored with the report).</summary>
public sealed record DraftSource(int ReportId, string UnitCode, string? Text);

/// <summary>One unit's number behind an added-up quantity.</summary>
public sealed record QuantitySource(int ReportId, string UnitCode, decimal Value);

/// <summary>A quantity added up across units in one measure: <see cref="Value"/> is the sum of its sources' values.</summary>
public sealed record DraftQuantity(decimal Value, string Measure, IReadOnlyList<QuantitySource> Sources);

/// <summary>A rate units reported, never added up: its range and mean over the units that gave it.</summary>
public sealed record DraftRate(decimal Min, decimal Max, decimal Mean, string Measure, IReadOnlyList<QuantitySource> Sources);

/// <summary>
/// One paragraph of a drafted section, with the units (codes) and the unit sentences it stands for.
/// <see cref="InText"/> is false for parts the body had no room for: they are printed in an appendix.
/// <see cref="Activity"/> names the activity an aggregate adds up (<see cref="Activities"/>).
/// </summary>
public sealed record DraftPart(
    string Text,
    PartKind Kind,
    IReadOnlyList<string> Units,
    IReadOnlyList<DraftSource> Sources,
    IReadOnlyList<DraftQuantity>? Quantities = null,
    IReadOnlyList<DraftRate>? Rates = null,
    string? Activity = null,
    bool InText = true);

public sealed record DraftSection(string Key, string Heading, int Level, string Text, IReadOnlyList<DraftPart> Parts);

public sealed record DraftFigure(string Name, string UnitOfMeasure, decimal Value, int Reports, int? PlanFigureId);

/// <summary>The per-unit figures table: one column per figure of the plan, one row per unit that sent its report, then the totals.</summary>
public sealed record DraftAppendix(IReadOnlyList<string> Columns, IReadOnlyList<AppendixRow> Rows, IReadOnlyList<string> Totals);

public sealed record AppendixRow(int UnitId, IReadOnlyList<string> Values);

public sealed record ConsolidationContent(
    int PlanId,
    string Plan,
    string Period,
    IReadOnlyList<DraftUnit> Units,
    IReadOnlyList<DraftSection> Sections,
    IReadOnlyList<DraftFigure> Figures,
    DraftAppendix Appendix)
{
    /// <summary>Pages of the body (before the signature) when the report was rendered to PDF; null when it was not.</summary>
    public int? BodyPages { get; init; }

    /// <summary>The period in words ("tháng 12 năm 2025"), as every page and document shows it.</summary>
    public string PeriodText => Periods.ReportingPeriod.TryParse(Period, out var p) ? p.ToVietnamese() : Period;

    /// <summary>
    /// The draft as JSON with Vietnamese letters as they are: escaped, each would take six bytes instead of three
    /// ("\u1EBF"), and a draft is mostly such letters. It is read by programs and DanVan, never
    /// placed in a page's markup, so the HTML-sensitive characters need no escaping either.
    /// </summary>
    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, ConsolidationJson.Relaxed(indented).ConsolidationContent);

    /// <summary>The JSON of <see cref="ToJson"/> written to a stream as UTF-8, as it is made: the whole province's draft with every source is tens of megabytes.</summary>
    public Task WriteJsonAsync(Stream stream, bool indented = false, CancellationToken ct = default) =>
        JsonSerializer.SerializeAsync(stream, this, ConsolidationJson.Relaxed(indented).ConsolidationContent, ct);

    public static ConsolidationContent FromJson(string json) =>
        JsonSerializer.Deserialize(json, ConsolidationJson.Default.ConsolidationContent) ?? throw new JsonException("Empty consolidation draft.");

    /// <summary>
    /// The copy kept with the report: the sentences behind numbers (aggregates, examples) stay, so the draft page traces
    /// every number; for shared and own paragraphs, which say what the sentences say, the units (and so their reports)
    /// are kept without the sentences (at 3,921 units they would make the stored draft many times larger, and it is
    /// read on every page that shows it).
    /// </summary>
    public ConsolidationContent ForStorage() => this with
    {
        Sections = Sections.Select(s => s with
        {
            Parts = s.Parts.Select(p => p.Kind is PartKind.Aggregate or PartKind.Example ? p : p with { Sources = [] }).ToList(),
        }).ToList(),
    };

    /// <summary>A stored draft, or null when it was written in an earlier shape (then a refresh keeps every non-empty section).</summary>
    public static ConsolidationContent? TryFromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return FromJson(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// What a refresh compares the report with: the sections' text and the figures as last drafted, read from the stored
/// draft without its parts and their sources, which are most of it (reading the whole draft of 3,693 units took a
/// refresh about a second).
/// </summary>
public sealed record DraftedText(IReadOnlyList<DraftedSectionText> Sections, IReadOnlyList<DraftFigure> Figures)
{
    /// <summary>Null when there is no stored draft or it was written in an earlier shape (then a refresh keeps every non-empty section).</summary>
    public static DraftedText? TryFromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, ConsolidationJson.Default.DraftedText) is { Sections: not null, Figures: not null } read ? read : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record DraftedSectionText(string Key, string Text);

/// <summary>The units a stored draft counted, read without the rest of it (the charts of a consolidated report need no more).</summary>
public sealed record DraftedUnits(int PlanId, IReadOnlyList<DraftUnit> Units)
{
    /// <summary>Null when there is no stored draft or it was written in an earlier shape.</summary>
    public static DraftedUnits? TryFromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, ConsolidationJson.Default.DraftedUnits) is { Units: not null } read ? read : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConsolidationContent))]
[JsonSerializable(typeof(DraftedText))]
[JsonSerializable(typeof(DraftedUnits))]
internal sealed partial class ConsolidationJson : JsonSerializerContext
{
    private static ConsolidationJson? compact;
    private static ConsolidationJson? indentedContext;

    /// <summary>Options for <see cref="ConsolidationContent.ToJson"/>: letters unescaped, indented or not; made once each (a race makes an equal twin).</summary>
    public static ConsolidationJson Relaxed(bool indented) =>
        indented ? indentedContext ??= Create(true) : compact ??= Create(false);

    private static ConsolidationJson Create(bool indented) =>
        new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = indented });
}
