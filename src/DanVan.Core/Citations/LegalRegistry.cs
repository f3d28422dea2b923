using System.Text.Json;
using System.Text.Json.Serialization;

namespace DanVan.Core.Citations;

/// <summary>
/// A document the app knows. <see cref="Number"/> is spelled as issued ("33/CT-TTg"); <see cref="SupersededFrom"/>
/// is the day the replacing document took effect (Luật 10/2022/QH15 replaced Pháp lệnh 34/2007 from 01/7/2023).
/// </summary>
public sealed record KnownDocument(
    string Number,
    string Type,
    string Title,
    DateOnly IssuedOn,
    string Issuer,
    string? SupersededBy,
    DateOnly? SupersededFrom);

/// <summary>
/// Known legal documents, looked up by normalised number. <see cref="Default"/> is the list shipped with the app
/// (Citations/legal-documents.json, embedded); every entry there names the public source it was checked against.
/// </summary>
public sealed partial class LegalRegistry
{
    private const string ResourceName = "DanVan.Citations.legal-documents.json";

    private static readonly Lazy<LegalRegistry> DefaultRegistry = new(LoadDefault);

    private readonly Dictionary<string, KnownDocument> byNumber = new(StringComparer.OrdinalIgnoreCase);

    public LegalRegistry(IEnumerable<KnownDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            if (!DocumentTypes.All.Contains(document.Type))
            {
                throw new ArgumentException($"{document.Number}: type '{document.Type}' is not one of DocumentTypes.All.", nameof(documents));
            }

            if (!byNumber.TryAdd(CitationParser.NormaliseNumber(document.Number), document))
            {
                throw new ArgumentException($"{document.Number} is listed twice.", nameof(documents));
            }
        }

        foreach (var document in byNumber.Values)
        {
            if (document.SupersededBy is not null && Find(document.SupersededBy) is null)
            {
                throw new ArgumentException($"{document.Number} is superseded by {document.SupersededBy}, which is not listed.", nameof(documents));
            }
        }
    }

    /// <summary>The documents shipped with the app, loaded once from the embedded resource.</summary>
    public static LegalRegistry Default => DefaultRegistry.Value;

    public IReadOnlyCollection<KnownDocument> Documents => byNumber.Values;

    /// <summary>The document with this number; the number is normalised again, so "33/CT-TTg" also works.</summary>
    public KnownDocument? Find(string normalisedNumber)
    {
        ArgumentNullException.ThrowIfNull(normalisedNumber);
        return byNumber.GetValueOrDefault(CitationParser.NormaliseNumber(normalisedNumber));
    }

    /// <summary>Reads the legal-documents.json format: <c>{ "documents": [ { "number", "type", … } ] }</c>.</summary>
    public static LegalRegistry FromJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize(json, RegistryJson.Default.RegistryFile)
            ?? throw new InvalidDataException("The legal documents file is empty.");
        return new LegalRegistry(file.Documents.Select(d => new KnownDocument(
            Require(d.Number, "number", d.Number),
            Require(d.Type, "type", d.Number),
            Require(d.Title, "title", d.Number),
            d.IssuedOn ?? throw new InvalidDataException($"{d.Number}: issuedOn is missing."),
            Require(d.Issuer, "issuer", d.Number),
            d.SupersededBy,
            d.SupersededBy is null ? null : d.SupersededFrom ?? throw new InvalidDataException($"{d.Number}: supersededFrom is missing."))));
    }

    private static string Require(string? value, string name, string? number) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidDataException($"{number ?? "?"}: {name} is missing.") : value;

    private static LegalRegistry LoadDefault()
    {
        using var stream = typeof(LegalRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return FromJson(stream);
    }

    private sealed record RegistryFile(IReadOnlyList<RegistryEntry> Documents);

    // "source" is provenance for maintainers; it is read and ignored.
    private sealed record RegistryEntry(
        string? Number,
        string? Type,
        string? Title,
        DateOnly? IssuedOn,
        string? Issuer,
        string? SupersededBy,
        DateOnly? SupersededFrom,
        string? Source);

    // Generated: the registry loads in every short CLI run, where reflection-based JSON costs more than the reading.
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(RegistryFile))]
    private sealed partial class RegistryJson : JsonSerializerContext;
}
