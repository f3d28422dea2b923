using System.Globalization;
using DanVan.Core.Documents;

namespace DanVan.Core.Consolidation;

/// <summary>
/// The appendices printed after a consolidated report's signature, so the printed report keeps everything the draft
/// has: I. every unit's figures; II. the units behind each paragraph many units wrote; III. the units' own sentences a
/// section had no room for. Numbered in that order among those present.
/// </summary>
public static class ConsolidationAppendix
{
    /// <summary>The label of each appendix that is printed (null when it is not); the overflow one comes last.</summary>
    public sealed record Labels
    {
        public Labels(bool figures, bool lists)
        {
            var next = 0;
            Figures = figures ? Roman(++next) : null;
            Lists = lists ? Roman(++next) : null;
            Overflow = Roman(++next);
        }

        public string? Figures { get; }

        public string? Lists { get; }

        public string Overflow { get; }
    }

    /// <summary>A shared paragraph whose units are too many to name in the text, so they are listed in an appendix.</summary>
    public static bool IsListed(DraftPart part) => part.Shared && part.Units.Count > Consolidator.NamesShown;

    public static IReadOnlyList<DocumentAppendix> Build(ConsolidationContent content)
    {
        var names = content.Units.ToDictionary(u => u.UnitId, u => Consolidator.ShortName(u.Name));
        var parts = content.Sections.SelectMany(s => s.Parts.Select(p => (Section: s, Part: p))).ToList();
        var listed = parts.Where(x => x.Part.List is not null).ToList();
        var overflow = content.Sections.Where(s => s.Parts.Any(p => !p.InText)).ToList();
        var labels = new Labels(content.Appendix.Columns.Count > 0 && content.Appendix.Rows.Count > 0, listed.Count > 0);
        var appendices = new List<DocumentAppendix>();
        if (labels.Figures is { } figures)
        {
            appendices.Add(new DocumentAppendix(figures, "SỐ LIỆU CỦA CÁC ĐƠN VỊ", FiguresTable(content, names)));
        }

        if (labels.Lists is { } lists)
        {
            var sent = content.Units.Where(u => u.Sent).Select(u => u.UnitId).ToList();
            appendices.Add(new DocumentAppendix(lists, "DANH SÁCH ĐƠN VỊ THEO NỘI DUNG CHUNG", listed
                .SelectMany(x => ListEntry(x.Section, x.Part, lists, sent, names))
                .ToList()));
        }

        if (overflow.Count > 0)
        {
            var blocks = new List<DocumentBlock>();
            foreach (var section in overflow)
            {
                blocks.Add(new DocumentHeading(section.Heading, 2));
                blocks.AddRange(section.Parts.Where(p => !p.InText).Select(p => new DocumentParagraph(p.Text)));
            }

            appendices.Add(new DocumentAppendix(labels.Overflow, "NỘI DUNG RIÊNG CỦA CÁC ĐƠN VỊ CHƯA IN TRONG BÁO CÁO", blocks));
        }

        return appendices;
    }

    /// <summary>Unit names per printed paragraph of a list: LibreOffice takes minutes over one paragraph of thousands of names.</summary>
    public const int NamesPerParagraph = 30;

    /// <summary>
    /// "3. Mục "1. Công tác …": "Tuyên truyền …" — 215 đơn vị:" then the names, a paragraph per
    /// <see cref="NamesPerParagraph"/>. When most units that reported wrote it, the few that did not are named instead:
    /// they are what a reader looks for.
    /// </summary>
    private static IEnumerable<DocumentBlock> ListEntry(DraftSection section, DraftPart part, string label, IReadOnlyList<int> sent, Dictionary<int, string> names)
    {
        var quote = part.Text.Replace(" " + Consolidator.ListNote(part.Units.Count, part.List!.Value, label), "", StringComparison.Ordinal);
        if (quote.Length > 200)
        {
            quote = quote[..quote.LastIndexOf(' ', 199)] + " …";
        }

        var mine = part.Units.ToHashSet();
        var others = sent.Where(u => !mine.Contains(u)).ToList();
        var entry = $"{part.List}. Mục \"{section.Heading}\": \"{quote}\" — {N(part.Units.Count)} đơn vị:";
        if (others.Count == 0)
        {
            yield return new DocumentParagraph(entry + " tất cả các đơn vị đã gửi báo cáo.");
            yield break;
        }

        var named = others.Count < part.Units.Count ? others : part.Units.ToList();
        yield return new DocumentParagraph(entry + (others.Count < part.Units.Count ? $" các đơn vị đã gửi báo cáo, trừ {N(others.Count)} đơn vị:" : ""));
        for (var i = 0; i < named.Count; i += NamesPerParagraph)
        {
            var last = i + NamesPerParagraph >= named.Count;
            yield return new DocumentParagraph(string.Join("; ", named.Skip(i).Take(NamesPerParagraph).Select(u => names.GetValueOrDefault(u, ""))) + (last ? "." : ";"));
        }
    }

    private static IReadOnlyList<DocumentBlock> FiguresTable(ConsolidationContent content, Dictionary<int, string> names)
    {
        var appendix = content.Appendix;
        List<IReadOnlyList<string>> rows = [["STT", "Đơn vị", .. appendix.Columns]];
        rows.AddRange(appendix.Rows.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(r.UnitId, ""), .. r.Values]));
        rows.Add(["", "Tổng hợp", .. appendix.Totals]);
        return
        [
            new DocumentParagraph($"{content.Plan}, kỳ {content.Period}: {N(appendix.Rows.Count)} đơn vị đã gửi báo cáo."),
            new DocumentTable(rows, [1, 5, .. appendix.Columns.Select(_ => 2)]),
        ];
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));

    private static string Roman(int n) => n switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };
}
