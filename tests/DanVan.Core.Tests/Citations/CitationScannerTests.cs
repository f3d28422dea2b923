using System.Text.RegularExpressions;
using DanVan.Core.Citations;

namespace DanVan.Tests.Citations;

public class CitationScannerTests
{
    /// <summary>
    /// The scanner's type words must be the expression's (which still reads named laws): the phrases the alternation
    /// spells, with each optional tail ("(?:\s+liên\s+tịch)?") taken and left out and "qu[yi]" read both ways — in the
    /// expression's order, as the scanner takes the first phrase that matches.
    /// </summary>
    [Fact]
    public void TypeWordPhrases_SameAsParserExpression()
    {
        var body = CitationParser.TypeWords;
        Assert.StartsWith("(?i:", body, StringComparison.Ordinal);
        var spelled = TopLevelAlternatives(body[4..^1]).SelectMany(Expand);

        Assert.Equal(spelled, CitationScanner.TypeWordPhrases);
    }

    [Fact]
    public void Abbreviations_SameAsParserExpression()
    {
        var spelled = CitationParser.Abbreviations[3..^1].Split('|');

        Assert.Equal(spelled, CitationScanner.Abbreviations);
    }

    private static IEnumerable<string> TopLevelAlternatives(string pattern)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            depth += pattern[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (pattern[i] == '|' && depth == 0)
            {
                yield return pattern[start..i];
                start = i + 1;
            }
        }

        yield return pattern[start..];
    }

    private static IEnumerable<string> Expand(string alternative)
    {
        var tail = Regex.Match(alternative, @"^(?<head>.*?)\(\?:(?<options>.*)\)(?<optional>\?)?$");
        if (!tail.Success)
        {
            return Spell(alternative);
        }

        var head = tail.Groups["head"].Value;
        var options = TopLevelAlternatives(tail.Groups["options"].Value).SelectMany(o => Spell(head + o));
        return tail.Groups["optional"].Success ? options.Concat(Spell(head)) : options;
    }

    private static IEnumerable<string> Spell(string words)
    {
        var phrase = words.Replace(@"\s+", " ", StringComparison.Ordinal);
        return phrase.Contains("qu[yi]", StringComparison.Ordinal)
            ? [phrase.Replace("qu[yi]", "quy", StringComparison.Ordinal), phrase.Replace("qu[yi]", "qui", StringComparison.Ordinal)]
            : [phrase];
    }
}
