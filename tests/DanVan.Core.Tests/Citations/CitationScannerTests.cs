using System.Text.RegularExpressions;
using DanVan.Core.Citations;

namespace DanVan.Tests.Citations;

/// <summary>The type words both citation readers take from <see cref="DocumentTypes"/>.</summary>
public class CitationScannerTests
{
    /// <summary>
    /// The readers take the first phrase that fits, forwards (the scanner) and backwards (the parser's right-to-left
    /// expression), so a phrase must come before every shorter phrase it begins or ends with.
    /// </summary>
    [Fact]
    public void TypeWordPhrases_LongerPhraseBeforeEveryPhraseItBeginsOrEndsWith()
    {
        var phrases = CitationScanner.TypeWordPhrases;
        var misplaced =
            from i in Enumerable.Range(0, phrases.Length)
            from j in Enumerable.Range(i + 1, phrases.Length - i - 1)
            where phrases[j].StartsWith(phrases[i] + " ", StringComparison.Ordinal) || phrases[j].EndsWith(" " + phrases[i], StringComparison.Ordinal)
            select $"{phrases[j]} after {phrases[i]}";

        Assert.Empty(misplaced);
        Assert.Contains("thông báo kết luận", phrases);
        Assert.True(Array.IndexOf(phrases, "bộ luật") < Array.IndexOf(phrases, "luật"));
    }

    [Fact]
    public void TypeWordPhrases_EveryTypeHasAWordAndEveryQuyWordItsQuiSpelling()
    {
        var phrases = CitationScanner.TypeWordPhrases;

        Assert.All(DocumentTypes.All, type => Assert.Contains(phrases, p => DocumentTypes.FromWord(p) == type));
        Assert.All(phrases.Where(p => p.StartsWith("quy ", StringComparison.Ordinal)), p => Assert.Contains("qui" + p[3..], phrases));
        Assert.All(phrases, p => Assert.NotEqual(DocumentTypes.Unknown, DocumentTypes.FromWord(p) ?? DocumentTypes.Unknown));
    }

    /// <summary>The parser's expression reads the same words, in any case and spacing, and nothing longer.</summary>
    [Theory]
    [InlineData("Thông báo kết luận", true)]
    [InlineData("NGHỊ QUYẾT  LIÊN TỊCH", true)]
    [InlineData("qui chế phối hợp", true)]
    [InlineData("Giấy mời", true)]
    [InlineData("giấy phép", false)]
    public void ParserExpression_ReadsTheScannerPhrases(string text, bool expected)
    {
        var whole = new Regex("^" + CitationParser.TypeWords + "$", RegexOptions.CultureInvariant);

        Assert.All(CitationScanner.TypeWordPhrases, p => Assert.Matches(whole, p.ToUpperInvariant()));
        Assert.Equal(expected, whole.IsMatch(text));
    }

    [Fact]
    public void Abbreviations_SameInBothReaders()
    {
        Assert.Equal("(?:" + string.Join('|', CitationScanner.Abbreviations) + ")", CitationParser.Abbreviations);
        Assert.Contains("CTr", CitationScanner.Abbreviations);
        Assert.DoesNotContain("Chương trình", CitationScanner.Abbreviations);
    }
}
