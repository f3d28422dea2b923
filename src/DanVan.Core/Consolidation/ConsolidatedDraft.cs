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

/// <summary>
/// One paragraph of a drafted section and the units it came from. <see cref="Shared"/>: text several units wrote;
/// otherwise one unit's own sentences. <see cref="InText"/> is false for parts left out of the section's text because
/// the section would exceed the length a section may have (they are printed in an appendix). <see cref="List"/>
/// numbers a shared paragraph whose units are listed in an appendix rather than named in the text.
/// </summary>
public sealed record DraftPart(string Text, IReadOnlyList<int> Units, bool Shared, bool InText = true, int? List = null);

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
    public string ToJson(bool indented = false) =>
        JsonSerializer.Serialize(this, indented ? ConsolidationIndentedJson.Default.ConsolidationContent : ConsolidationJson.Default.ConsolidationContent);

    public static ConsolidationContent FromJson(string json) =>
        JsonSerializer.Deserialize(json, ConsolidationJson.Default.ConsolidationContent) ?? throw new JsonException("Empty consolidation draft.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConsolidationContent))]
internal sealed partial class ConsolidationJson : JsonSerializerContext;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(ConsolidationContent))]
internal sealed partial class ConsolidationIndentedJson : JsonSerializerContext;
