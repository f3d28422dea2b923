
using DanVan.Core.Decree30;
using DanVan.Core.Word;

namespace DanVan.Core.Consolidation;

/// <summary>
/// The appendices printed after a consolidated report's signature, in tables, so the printed report keeps what the body
/// has no room for: I. every unit's figures; II. every unit's numbers behind the added-up facts, section by section;
/// III. the units that sent late or not at all (when too many to name in the opening); IV. the units' other content
/// the body had no room for. Numbered in that order among those present.
/// </summary>
public static class ConsolidationAppendix
{
    /// <summary>
    /// The units' column of a Phụ lục II table keeps at least the width it takes alone, up to 5 cm: narrower, a long
    /// unit name ("Chi cục khu vực … thuộc Ban Quản lý …") wraps into more lines than its numbers need, and a
    /// 3,900-unit appendix ran to 1,500 pages of two rows each.
    /// </summary>
    private const int UnitColumn = 2835;

    /// <summary>The label of each appendix that is printed (null when it is not).</summary>
    public sealed record Labels(string? Figures, string? Activities, string? Status, string? Other);

    /// <summary>
    /// The appendices' labels, known before the body is chosen so the opening can refer to them: the figures when units
    /// answered the plan's, the activities and other content always (each says so when empty), and the late and missing
    /// units when there are too many to name in the opening.
    /// </summary>
    public static Labels For(bool figures, IReadOnlyList<DraftUnit> units)
    {
        var next = 0;
        return new Labels(
            figures ? Roman(++next) : null,
            Roman(++next),
            LateOrMissing(units).Count() > NamedInOpening ? Roman(++next) : null,
            Roman(++next));
    }

    /// <summary>Up to this many late and missing units are named in the opening; more are listed in an appendix table.</summary>
    public const int NamedInOpening = 10;

    private static IEnumerable<DraftUnit> LateOrMissing(IEnumerable<DraftUnit> units) => units.Where(u => !u.Sent || u.Timeliness == Timeliness.Late);

    public static IReadOnlyList<DocumentAppendix> Build(ConsolidationContent content)
    {
        var names = content.Units.ToDictionary(u => u.Code, u => Consolidator.ShortName(u.Name), StringComparer.Ordinal);
        var aggregates = content.Sections.Select(s => (Section: s, Parts: s.Parts.Where(p => p.Kind == PartKind.Aggregate).ToList())).Where(x => x.Parts.Count > 0).ToList();
        var late = LateOrMissing(content.Units).ToList();
        var other = content.Sections.Where(s => s.Parts.Any(p => !p.InText)).ToList();
        var labels = For(content.Appendix.Columns.Count > 0 && content.Appendix.Rows.Count > 0, content.Units);
        var appendices = new List<DocumentAppendix>();
        if (labels.Figures is { } figures)
        {
            appendices.Add(new DocumentAppendix(figures, "SỐ LIỆU CỦA CÁC ĐƠN VỊ", FiguresTable(content, content.Units.ToDictionary(u => u.UnitId, u => Consolidator.ShortName(u.Name)))));
        }

        if (labels.Activities is { } activities)
        {
            var blocks = new List<DocumentBlock>();
            foreach (var (section, parts) in aggregates)
            {
                blocks.Add(new DocumentHeading(section.Heading, 2));
                blocks.AddRange(ActivityTables(parts, names));
            }

            appendices.Add(new DocumentAppendix(activities, "KẾT QUẢ CỤ THỂ CỦA CÁC ĐƠN VỊ", blocks.Count > 0 ? blocks : [new DocumentParagraph("Các đơn vị không báo cáo số liệu cụ thể về các hoạt động trong kỳ.")]));
        }

        if (labels.Status is { } statusLabel)
        {
            List<IReadOnlyList<string>> rows = [["STT", "Đơn vị", "Tình hình gửi báo cáo"]];
            rows.AddRange(late.OrderBy(u => u.Sent).Select((u, i) => (IReadOnlyList<string>)[N(i + 1), names[u.Code], u.Sent ? "Gửi trễ hạn" : "Chưa gửi báo cáo"]));
            appendices.Add(new DocumentAppendix(statusLabel, "ĐƠN VỊ GỬI BÁO CÁO TRỄ HẠN, CHƯA GỬI BÁO CÁO", [new DocumentTable(rows, [1, 7, 3])]));
        }

        if (labels.Other is { } otherLabel)
        {
            var blocks = new List<DocumentBlock>();
            foreach (var section in other)
            {
                blocks.Add(new DocumentHeading(section.Heading, 2));
                List<IReadOnlyList<string>> rows = [["STT", "Đơn vị", "Nội dung"]];
                var n = 0;
                foreach (var part in section.Parts.Where(p => !p.InText))
                {
                    var who = part.Units.Count == 1 ? names.GetValueOrDefault(part.Units[0], part.Units[0]) : $"{N(part.Units.Count)} đơn vị";
                    // The row names the unit: "Tại <unit>, …" need not say it again.
                    var lead = $"Tại {who}, ";
                    rows.Add([N(++n), who, part.Units.Count == 1 && part.Text.StartsWith(lead, StringComparison.Ordinal) ? Phrasing.UpperFirst(part.Text[lead.Length..]) : part.Text]);
                }

                blocks.Add(new DocumentTable(rows, [1, 4, 10]));
            }

            appendices.Add(new DocumentAppendix(otherLabel, "NỘI DUNG KHÁC CỦA CÁC ĐƠN VỊ", blocks.Count > 0 ? blocks : [new DocumentParagraph("Toàn bộ nội dung báo cáo của các đơn vị đã được tổng hợp trong báo cáo.")]));
        }

        return appendices;
    }

    /// <summary>Units × the numbers they reported for each added-up activity of a section, as many tables as the columns need.</summary>
    private static IEnumerable<DocumentBlock> ActivityTables(IReadOnlyList<DraftPart> parts, Dictionary<string, string> names)
    {
        var columns = parts
            .SelectMany(p => (p.Quantities ?? []).Select(q => (Header: Header(p, q.Measure), Values: q.Sources.GroupBy(s => s.UnitCode).ToDictionary(g => g.Key, g => g.Sum(s => s.Value)), Total: Consolidator.Number(q.Value)))
                .Concat((p.Rates ?? []).Select(r => (Header: Header(p, r.Measure), Values: r.Sources.GroupBy(s => s.UnitCode).ToDictionary(g => g.Key, g => g.First().Value), Total: $"{Consolidator.Number(r.Min)}–{Consolidator.Number(r.Max)}"))))
            .ToList();
        var widestName = names.Values.MaxBy(n => n.Length) ?? "";
        foreach (var chunk in PageWide(columns, c => c.Header, widestName))
        {
            var units = names.Keys.Where(code => chunk.Any(c => c.Values.ContainsKey(code))).ToList();
            List<IReadOnlyList<string>> rows = [["STT", "Đơn vị", .. chunk.Select(c => c.Header)]];
            rows.AddRange(units.Select((code, i) => (IReadOnlyList<string>)[N(i + 1), names[code], .. chunk.Select(c => c.Values.TryGetValue(code, out var v) ? Consolidator.Number(v) : "")]));
            rows.Add(["", "Tổng hợp", .. chunk.Select(c => c.Total)]);
            yield return new DocumentTable(rows, [1, 5, .. chunk.Select(_ => 2)]);
        }
    }

    /// <summary>
    /// The columns in runs that fit a landscape page beside the STT and units' columns, the units' column keeping
    /// <see cref="UnitColumn"/> (or what it takes alone, when less).
    /// </summary>
    private static IEnumerable<List<T>> PageWide<T>(IReadOnlyList<T> columns, Func<T, string> header, string widestName)
    {
        var alone = DocxWriter.Columns(Probe([]), DocxWriter.LandscapeTextWidth).Widths[1];
        var chunk = new List<T>();
        foreach (var column in columns)
        {
            chunk.Add(column);
            var (widths, fits) = DocxWriter.Columns(Probe(chunk), DocxWriter.LandscapeTextWidth);
            if (chunk.Count > 1 && !(fits && widths[1] >= Math.Min(alone, UnitColumn)))
            {
                chunk.RemoveAt(chunk.Count - 1);
                yield return chunk;
                chunk = [column];
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }

        // The header and one row as wide as any: the widths depend on the widest value of each column.
        DocumentTable Probe(List<T> some) => new(
            [["STT", "Đơn vị", .. some.Select(header)], ["9.999", widestName, .. some.Select(_ => "99.999")]],
            [1, 5, .. some.Select(_ => 2)]);
    }

    private static string Header(DraftPart part, string measure)
    {
        var activity = part.Activity is { } key ? Activities.Find(key) : null;
        return activity is null ? measure : $"{Phrasing.UpperFirst(activity.Phrase)} ({activity.MeasureName(measure)})";
    }

    private static IReadOnlyList<DocumentBlock> FiguresTable(ConsolidationContent content, Dictionary<int, string> names)
    {
        var appendix = content.Appendix;
        List<IReadOnlyList<string>> rows = [["STT", "Đơn vị", .. appendix.Columns]];
        rows.AddRange(appendix.Rows.Select((r, i) => (IReadOnlyList<string>)[N(i + 1), names.GetValueOrDefault(r.UnitId, ""), .. r.Values]));
        rows.Add(["", "Tổng hợp", .. appendix.Totals]);
        return
        [
            new DocumentParagraph($"{content.Plan}, {content.PeriodText}: {N(appendix.Rows.Count)} đơn vị đã gửi báo cáo."),
            new DocumentTable(rows, [1, 5, .. appendix.Columns.Select(_ => 2)]),
        ];
    }

    private static string N(int n) => Phrasing.Count(n);

    private static string Roman(int n) => n switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };
}
