using System.Buffers;
using System.Text.Json;
using DanVan.Core.Word;

namespace DanVan.Cli.Commands;

/// <summary>The JSON schema of `danvan import --json`, written field by field.</summary>
public static class ImportJson
{
    /// <summary>
    /// The report's JSON as UTF-8, in the schema of `danvan import --json`, written into <paramref name="buffer"/>
    /// (cleared first). Written field by field rather than by the serializer: its metadata for these types is generic
    /// code over value types (dates, its property tables) that no precompiled image holds, so the CLI's first file would
    /// wait for it to be compiled (bench/README.md).
    /// </summary>
    public static void Write(ImportedReport report, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CliJson.Options.Encoder });
        w.WriteStartObject();
        w.WriteString("title"u8, report.Title);
        w.WriteString("issuer"u8, report.Issuer);
        w.WriteString("parentIssuer"u8, report.ParentIssuer);
        w.WriteString("documentNumber"u8, report.DocumentNumber);
        w.WriteString("place"u8, report.Place);
        WriteDate(w, "date"u8, report.Date);
        WriteStrings(w, "addressees"u8, report.Addressees);
        WritePeriod(w, "period"u8, report.Period);
        WritePeriod(w, "nextPeriod"u8, report.NextPeriod);
        w.WritePropertyName("sections"u8);
        WriteSections(w, report.Sections);
        WriteStrings(w, "closing"u8, report.Closing);
        WriteStrings(w, "footnotes"u8, report.Footnotes);
        WriteStrings(w, "recipients"u8, report.Recipients);
        if (report.Signer is { } signer)
        {
            w.WriteStartObject("signer"u8);
            w.WriteString("authority"u8, signer.Authority);
            w.WriteString("title"u8, signer.Title);
            w.WriteString("name"u8, signer.Name);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("signer"u8);
        }

        w.WriteStartArray("citations"u8);
        foreach (var citation in report.Citations)
        {
            w.WriteStartObject();
            w.WriteString("text"u8, citation.Text);
            w.WriteString("type"u8, citation.Type);
            w.WriteString("number"u8, citation.Number);
            WriteDate(w, "date"u8, citation.Date);
            w.WriteString("issuer"u8, citation.Issuer);
            WriteStrings(w, "problems"u8, citation.Problems);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("sourceEncoding"u8, report.SourceEncoding);
        // Warnings stay English text for scripts; their codes come beside them.
        WriteStrings(w, "warnings"u8, [.. report.Warnings.Select(x => x.English)]);
        w.WriteStartArray("warningCodes"u8);
        foreach (var warning in report.Warnings)
        {
            w.WriteStringValue(warning.Code.ToString());
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSections(Utf8JsonWriter w, List<ImportedSection> sections)
    {
        w.WriteStartArray();
        foreach (var section in sections)
        {
            w.WriteStartObject();
            w.WriteString("heading"u8, section.Heading);
            w.WriteNumber("level"u8, section.Level);
            WriteStrings(w, "paragraphs"u8, section.Paragraphs);
            w.WriteStartArray("tables"u8);
            foreach (var table in section.Tables)
            {
                w.WriteStartArray();
                foreach (var row in table)
                {
                    WriteStrings(w, default, row);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WritePropertyName("sections"u8);
            WriteSections(w, section.Sections);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        if (name.IsEmpty)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>yyyy-mm-dd, digit by digit: formatting a DateOnly with a pattern took longer than writing the rest of a citation.</summary>
    private static void WriteDate(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateOnly? date)
    {
        if (date is not { } d)
        {
            w.WriteNull(name);
            return;
        }

        Span<byte> iso = stackalloc byte[10];
        Digits(iso[..4], d.Year);
        iso[4] = (byte)'-';
        Digits(iso[5..7], d.Month);
        iso[7] = (byte)'-';
        Digits(iso[8..], d.Day);
        w.WriteString(name, iso);

        static void Digits(Span<byte> into, int value)
        {
            for (var i = into.Length - 1; i >= 0; i--, value /= 10)
            {
                into[i] = (byte)('0' + (value % 10));
            }
        }
    }

    private static void WritePeriod(Utf8JsonWriter w, ReadOnlySpan<byte> name, ImportedPeriod? period)
    {
        if (period is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("type"u8, period.Type);
        w.WriteNumber("index"u8, period.Index);
        w.WriteNumber("year"u8, period.Year);
        w.WriteEndObject();
    }
}
