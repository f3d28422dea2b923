using System.Globalization;
using DanVan.Core.Citations;

namespace DanVan.Tests.Citations;

/// <summary>An expected citation: date as yyyy-MM-dd, problems in the order <see cref="Citation.Problems"/> lists them.</summary>
internal sealed record ExpectedCitation(string Type, string Number, string? Date, string? Issuer, params string[] Problems);

internal static class CitationAssert
{
    public static IReadOnlyList<Citation> Find(string text, DateOnly? reportDate = null, LegalRegistry? registry = null)
    {
        var citations = CitationParser.Find(text, reportDate, registry ?? LegalRegistry.Default);
        foreach (var citation in citations)
        {
            Assert.Equal(citation.Text, text.Substring(citation.Start, citation.Length));
        }

        return citations;
    }

    public static void Matches(ExpectedCitation expected, Citation actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.Date is null ? null : DateOnly.ParseExact(expected.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), actual.Date);
        Assert.Equal(expected.Issuer, actual.Issuer);
        Assert.Equal(expected.Problems, actual.Problems);
    }

    public static void All(IReadOnlyList<Citation> actual, params ExpectedCitation[] expected)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Matches(expected[i], actual[i]);
        }
    }
}
