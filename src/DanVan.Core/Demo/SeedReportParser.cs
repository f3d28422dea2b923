using System.Text;
using System.Text.RegularExpressions;
using DanVan.Core.Reports;

namespace DanVan.Core.Demo;

public sealed record ParsedSection(string Key, string Heading, int Level, string Text);

public sealed record ParsedReport(string Title, IReadOnlyList<ParsedSection> Sections);

/// <summary>
/// Reads the plain-text extracts of real reports shipped as demo data (text pulled out of Word, with
/// "[bookmark: …]" and "[footnoteRef:n]" / "[n: …]" markers) into the standard outline.
/// </summary>
public static partial class SeedReportParser
{
    public static ParsedReport Parse(string text)
    {
        var footnotes = new List<string>();
        text = BookmarkMarker().Replace(text, "");
        text = FootnoteBody().Replace(text, m =>
        {
            footnotes.Add($"[{m.Groups[1].Value}] {m.Groups[2].Value.Trim()}");
            return "";
        });
        text = FootnoteRef().Replace(text, "[$1]");

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => WhiteSpaceRun().Replace(l.Replace('\t', ' ').Replace('\u00A0', ' '), " ").Trim())
            .ToList();

        var title = new List<string>();
        var index = 0;
        while (index < lines.Count && lines[index].Length == 0)
        {
            index++;
        }

        for (; index < lines.Count && lines[index].Length > 0; index++)
        {
            if (!lines[index].Equals("BÁO CÁO", StringComparison.OrdinalIgnoreCase))
            {
                title.Add(lines[index]);
            }
        }

        var sections = new List<(string Key, string Heading, int Level, StringBuilder Text)>();
        var current = Start("intro", "Mở đầu", 0);
        string? romanKey = null;
        for (; index < lines.Count; index++)
        {
            var line = lines[index];
            if (line.Length == 0)
            {
                continue;
            }

            var roman = RomanHeading().Match(line);
            var numbered = NumberedHeading().Match(line);
            if (roman.Success)
            {
                romanKey = Word.ReportOutline.OutlineKind(line);
                current = Start(romanKey, line, 1);
            }
            else if (numbered.Success && romanKey == "I")
            {
                // "7. Công tác phối hợp, …, xây dựng chính quyền vững mạnh: Thực hiện Quyết định …" is a heading and
                // its first paragraph on one line: the heading ends at the first colon before any full stop.
                var body = numbered.Groups[2].Value;
                var colon = body.IndexOf(": ", StringComparison.Ordinal);
                var split = colon is > 0 and <= MaxHeading && !body[..colon].Contains(". ", StringComparison.Ordinal);
                current = Start($"I.{numbered.Groups[1].Value}", $"{numbered.Groups[1].Value}. {(split ? body[..colon] : body)}", 2);
                if (split)
                {
                    Append(current, body[(colon + 2)..].Trim());
                }
            }
            else if (line.EndsWith("./.", StringComparison.Ordinal) && index >= lines.FindLastIndex(l => l.Length > 0))
            {
                current = Start("closing", "Kết thúc", 0);
                Append(current, line);
            }
            else
            {
                Append(current, line);
            }
        }

        if (footnotes.Count > 0)
        {
            var withRef = sections.LastOrDefault(s => s.Text.ToString().Contains("[1]", StringComparison.Ordinal));
            Append(withRef.Text is null ? current : withRef.Text, string.Join("\n", footnotes));
        }

        return new ParsedReport(
            string.Join(" ", title).Trim(),
            sections.Select(s => new ParsedSection(s.Key, s.Heading, s.Level, s.Text.ToString())).ToList());

        StringBuilder Start(string key, string heading, int level)
        {
            var sb = new StringBuilder();
            sections.Add((key, heading, level, sb));
            return sb;
        }

        static void Append(StringBuilder sb, string paragraph)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(paragraph);
        }
    }

    /// <summary>The longest heading read before a colon: Trà Tân's item 7 is 150 characters.</summary>
    private const int MaxHeading = 300;

    [GeneratedRegex(@"\[bookmark: [^\]]*\]")]
    private static partial Regex BookmarkMarker();

    [GeneratedRegex(@"\[(\d+):\s+([^\]]*)\]")]
    private static partial Regex FootnoteBody();

    [GeneratedRegex(@"\[footnoteRef:(\d+)\]")]
    private static partial Regex FootnoteRef();

    [GeneratedRegex(" {2,}")]
    private static partial Regex WhiteSpaceRun();

    [GeneratedRegex(@"^(I|II|III|IV|V)\.\s+\S")]
    private static partial Regex RomanHeading();

    [GeneratedRegex(@"^(\d{1,2})\.\s+(.+)$")]
    private static partial Regex NumberedHeading();
}
