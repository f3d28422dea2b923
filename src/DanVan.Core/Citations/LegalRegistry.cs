using System.Text.Json;

namespace DanVan.Core.Citations;

/// <summary>
/// A document the app knows. <see cref="Number"/> is spelled as issued ("33/CT-TTg"); <see cref="SupersededFrom"/>
/// is the day the replacing document took effect (Luật 10/2022/QH15 replaced Pháp lệnh 34/2007 from 01/7/2023);
/// <see cref="Source"/> is the public source the entry was checked against.
/// </summary>
public sealed record KnownDocument(
    string Number,
    string Type,
    string Title,
    DateOnly IssuedOn,
    string Issuer,
    string? SupersededBy,
    DateOnly? SupersededFrom,
    string? Source = null)
{
    /// <summary>Replaced on or before <paramref name="day"/> (a replacement with no date counts from the start).</summary>
    public bool IsSupersededOn(DateOnly day) => SupersededBy is not null && (SupersededFrom is null || SupersededFrom <= day);
}

/// <summary>
/// Known legal documents, looked up by normalised number. <see cref="Default"/> is the list shipped with the app
/// (Citations/legal-documents.json, embedded); every entry there names the public source it was checked against.
/// </summary>
public sealed class LegalRegistry
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

    /// <summary>
    /// This registry with <paramref name="entries"/> added, each in place of a document with the same number (an
    /// administrator's correction of a shipped entry). Throws <see cref="ArgumentException"/> as the constructor does.
    /// </summary>
    public LegalRegistry With(IEnumerable<KnownDocument> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var merged = new Dictionary<string, KnownDocument>(byNumber, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            merged[CitationParser.NormaliseNumber(entry.Number)] = entry;
        }

        return new LegalRegistry(merged.Values);
    }

    public IReadOnlyCollection<KnownDocument> Documents => byNumber.Values;

    /// <summary>The document with this number; the number is normalised again, so "33/CT-TTg" also works.</summary>
    public KnownDocument? Find(string normalisedNumber)
    {
        ArgumentNullException.ThrowIfNull(normalisedNumber);
        return byNumber.GetValueOrDefault(CitationParser.NormaliseNumber(normalisedNumber));
    }

    /// <summary>Reads the legal-documents.json format: <c>{ "documents": [ { "number", "type", … } ] }</c>.</summary>
    /// <remarks>
    /// Read through <see cref="JsonDocument"/>, not a serializer context: the context's generic code over value types
    /// (dates, its property tables) is in no precompiled image, so <c>danvan import</c>'s first file would wait for it
    /// to be compiled.
    /// </remarks>
    public static LegalRegistry FromJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var file = Parse(json);
        if (Property(file.RootElement, "documents") is not { ValueKind: JsonValueKind.Array } documents)
        {
            throw new InvalidDataException("The legal documents file has no \"documents\" list.");
        }

        var known = new List<KnownDocument>();
        foreach (var d in documents.EnumerateArray())
        {
            var number = Text(d, "number", null);
            var supersededBy = Text(d, "supersededBy", number);
            known.Add(new KnownDocument(
                Require(number, "number", number),
                Require(Text(d, "type", number), "type", number),
                Require(Text(d, "title", number), "title", number),
                Date(d, "issuedOn", number) ?? throw new InvalidDataException($"{number}: issuedOn is missing."),
                Require(Text(d, "issuer", number), "issuer", number),
                supersededBy,
                supersededBy is null ? null : Date(d, "supersededFrom", number) ?? throw new InvalidDataException($"{number}: supersededFrom is missing."),
                Text(d, "source", number)));
        }

        return new LegalRegistry(known);
    }

    private static JsonDocument Parse(Stream json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The legal documents file is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>A property by name in any case ("issuedOn", "IssuedOn"), as the file was read before.</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement document, string name, string? number) =>
        Property(document, name) is not { ValueKind: not JsonValueKind.Null } value ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidDataException($"{number ?? "?"}: {name} must be text, not {value.ValueKind}.");

    private static DateOnly? Date(JsonElement document, string name, string? number) =>
        Text(document, name, number) is not { } text ? null
        : IsoDate(text) ?? throw new InvalidDataException($"{number ?? "?"}: {name} '{text}' is not a yyyy-mm-dd date.");

    private static string Require(string? value, string name, string? number) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidDataException($"{number ?? "?"}: {name} is missing.") : value;

    /// <summary>
    /// A yyyy-mm-dd date, or null. Read digit by digit: the first <see cref="DateOnly.TryParseExact(string, string, out DateOnly)"/>
    /// in a process sets up the runtime's date parsing, which the first file <c>danvan import</c> reads would wait for.
    /// </summary>
    internal static DateOnly? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return null;
        }

        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

        static int Digits(string text, int start, int count)
        {
            var value = 0;
            foreach (var c in text.AsSpan(start, count))
            {
                if (!char.IsAsciiDigit(c))
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }
    }

    private static LegalRegistry LoadDefault()
    {
        using var stream = typeof(LegalRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return FromJson(stream);
    }
}
