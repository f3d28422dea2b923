using System.Globalization;
using System.Text;
using DanVan.Core.Word;

namespace DanVan.Cli.Commands;

/// <summary>What `danvan import FILE` prints without --json.</summary>
public static class ImportOutline
{
    /// <summary>The human-readable form: what was recognised, in the report's own order.</summary>
    public static string Text(ImportedReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(report.Title.Length > 0 ? report.Title : "(no title recognised)");
        Line("Issuer", report.Issuer is null ? null : report.ParentIssuer is null ? report.Issuer : $"{report.Issuer} ({report.ParentIssuer})");
        Line("Number", report.DocumentNumber);
        Line("Kính gửi", report.Addressees.Count == 0 ? null : string.Join("; ", report.Addressees));
        Line("Place, date", report.Place is null && report.Date is null ? null : $"{report.Place}, {report.Date:dd/MM/yyyy}");
        Line("Period", report.Period is null ? null : $"{report.Period.ToPeriod()}" + (report.NextPeriod is null ? "" : $" (next: {report.NextPeriod.ToPeriod()})"));
        Line("Encoding", report.SourceEncoding);
        sb.AppendLine();
        foreach (var section in report.Sections)
        {
            Section(section, 0);
        }

        if (report.Closing.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"(closing)  [{report.Closing.Count} paragraphs]");
        }

        if (report.Footnotes.Count > 0)
        {
            sb.AppendLine().AppendLine("Footnotes:");
            for (var i = 0; i < report.Footnotes.Count; i++)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  [{i + 1}] {report.Footnotes[i]}");
            }
        }

        if (report.Recipients.Count > 0)
        {
            sb.AppendLine().AppendLine("Nơi nhận: " + string.Join("; ", report.Recipients));
        }

        if (report.Signer is { } signer)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Signed: {string.Join(" / ", new[] { signer.Authority, signer.Title, signer.Name }.Where(s => s is not null))}");
        }

        if (report.Citations.Count > 0)
        {
            sb.AppendLine().AppendLine("Citations:");
            foreach (var c in report.Citations)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {c.Type} {c.Number}{(c.Date is { } d ? $" ({d:dd/MM/yyyy})" : "")}{(c.Problems.Count > 0 ? "  <- " + string.Join(", ", c.Problems) : "")}");
            }
        }

        if (report.Warnings.Count > 0)
        {
            sb.AppendLine().AppendLine("Warnings:");
            foreach (var w in report.Warnings)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - {w.English}");
            }
        }

        return sb.ToString();

        void Line(string label, string? value)
        {
            if (value is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {label}: {value}");
            }
        }

        void Section(ImportedSection section, int depth)
        {
            var indent = new string(' ', depth * 2);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{indent}{(section.Heading.Length > 0 ? section.Heading : "(opening)")}  [{section.Paragraphs.Count} paragraphs{(section.Tables.Count > 0 ? $", {section.Tables.Count} tables" : "")}]");
            foreach (var child in section.Sections)
            {
                Section(child, depth + 1);
            }
        }
    }
}
