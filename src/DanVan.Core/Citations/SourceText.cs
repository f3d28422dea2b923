using System.Globalization;
using System.Text;

namespace DanVan.Core.Citations;

/// <summary>
/// The caller's text in NFC with a map back to the caller's positions. Text pulled out of Word is often a mix of
/// precomposed and decomposed letters (both seed reports are), so patterns run on NFC while offsets stay the caller's.
/// </summary>
internal sealed class SourceText
{
    private readonly string original;
    private readonly int[]? starts;
    private readonly int[]? ends;

    private SourceText(string original, string normalised, int[]? starts, int[]? ends)
    {
        this.original = original;
        Normalised = normalised;
        this.starts = starts;
        this.ends = ends;
    }

    public string Normalised { get; }

    public static SourceText Create(string text)
    {
        if (IsSurelyComposed(text) || text.IsNormalized(NormalizationForm.FormC))
        {
            return new SourceText(text, text, null, null);
        }

        var builder = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        Span<char> buffer = stackalloc char[32];
        var i = 0;
        while (i < text.Length)
        {
            // Most of the text is already NFC: copy it in one go up to the letter carrying the next combining mark.
            var mark = text.AsSpan(i).IndexOfAnyInRange('\u0300', '\u036F');
            var plainEnd = mark < 0 ? text.Length : Math.Max(i, i + mark - 1);
            if (plainEnd > i && text.AsSpan(i, plainEnd - i).IsNormalized(NormalizationForm.FormC))
            {
                builder.Append(text, i, plainEnd - i);
                for (var k = i; k < plainEnd; k++)
                {
                    starts.Add(k);
                    ends.Add(k + 1);
                }

                i = plainEnd;
                continue;
            }

            do
            {
                // One cluster = a base character (or surrogate pair) and the combining marks that follow it.
                var j = i + 1;
                if (char.IsHighSurrogate(text[i]) && j < text.Length && char.IsLowSurrogate(text[j]))
                {
                    j++;
                }

                while (j < text.Length && IsCombining(text[j]))
                {
                    j++;
                }

                var cluster = text.AsSpan(i, j - i);
                var composed = cluster.TryNormalize(buffer, out var written, NormalizationForm.FormC)
                    ? buffer[..written]
                    : cluster.ToString().Normalize(NormalizationForm.FormC).AsSpan();
                builder.Append(composed);
                for (var k = 0; k < composed.Length; k++)
                {
                    starts.Add(i);
                    ends.Add(j);
                }

                i = j;
            }
            while (i < plainEnd);
        }

        return new SourceText(text, builder.ToString(), [.. starts], [.. ends]);
    }

    /// <summary>The caller's start and length for the normalised range [start, end).</summary>
    public (int Start, int Length) ToOriginal(int start, int end)
    {
        if (starts is null || ends is null)
        {
            return (start, end - start);
        }

        var originalStart = starts[start];
        return (originalStart, ends[end - 1] - originalStart);
    }

    public string OriginalText(int start, int end)
    {
        var (s, length) = ToOriginal(start, end);
        return original.Substring(s, length);
    }

    /// <summary>
    /// True when every character is one NFC leaves alone whatever follows it: Latin up to U+02FF, the precomposed
    /// Vietnamese letters (U+1E00–U+1EFF) and punctuation from U+2002 (U+2000 and U+2001 are not). Nearly every
    /// paragraph passes, and skips the call into ICU.
    /// </summary>
    /// <remarks>Searched as the three ranges in between, each in one vectorised pass rather than a test per character.</remarks>
    private static bool IsSurelyComposed(string text)
    {
        var chars = text.AsSpan();
        return chars.IndexOfAnyInRange('\u0300', '\u1DFF') < 0
            && chars.IndexOfAnyInRange('\u1F00', '\u2001') < 0
            && chars.IndexOfAnyInRange('\u20D0', '\uFFFF') < 0;
    }

    private static bool IsCombining(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
