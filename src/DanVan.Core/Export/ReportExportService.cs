using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Word;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Export;

public enum ExportFormat
{
    Docx,
    Pdf,
}

public sealed record ExportedFile(byte[] Content, string FileName, string ContentType);

/// <summary>A report as the official document its unit issues: Word always, PDF when LibreOffice is installed.</summary>
public sealed partial class ReportExportService(DanVanDbContext db, ReportService reports, OrgUnitService units, DocumentRegister register, PdfConverter pdf, FigureComparisonService comparisons, TimeProvider clock)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public bool PdfAvailable => pdf.IsAvailable;

    /// <summary>The report's file, or <see cref="NotFoundException"/> outside the actor's units.</summary>
    public async Task<ExportedFile> ExportAsync(int reportId, ExportFormat format, Actor actor, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(reportId, actor, ct);
        var document = await DocumentAsync(report, ct);
        var name = string.Create(CultureInfo.InvariantCulture, $"BC-{report.Unit!.Code}-{report.Period}");
        return format != ExportFormat.Pdf ? new ExportedFile(DocxWriter.Write(document), name + ".docx", DocxType)
            : pdf.CanJoin ? new ExportedFile(await pdf.ConvertPartsAsync(DocxWriter.WriteParts(document), ct), name + ".pdf", "application/pdf")
            : new ExportedFile(await pdf.ConvertAsync(DocxWriter.Write(document), ct), name + ".pdf", "application/pdf");
    }

    /// <summary>The report of a unit (by code) for a period, for the command line.</summary>
    public async Task<int> FindAsync(string unitCode, string period, CancellationToken ct = default)
    {
        var code = ReportingPeriod.Parse(period).ToString();
        var unit = unitCode.Trim().ToUpperInvariant();
        return await db.Reports.Where(r => r.Unit!.Code == unit && r.Period == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Report of {unit} for {code}");
    }

    /// <summary>What the document says, taken from the report, its unit's names and place on the issue date, and the leader who issued it.</summary>
    public async Task<OfficialDocument> DocumentAsync(Report report, CancellationToken ct = default)
    {
        var unit = report.Unit ?? await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, ct);
        var date = report.IssuedOn ?? (report.SubmittedAt is { } sent ? VietnamTime.DateOf(sent) : null);
        var asOf = date ?? VietnamTime.Today(clock);
        var names = await units.NamesAsync(asOf, ct);
        var tree = await units.LoadTreeAsync(asOf, ct);
        var name = names.GetValueOrDefault(unit.Id, unit.Code);
        var parent = tree.ParentOf(unit.Id) is { } parentId ? names.GetValueOrDefault(parentId) : null;
        var committee = OfficialDocument.IsPeoplesCommittee(unit.Kind);
        var consolidators = await db.Units.AsNoTracking().Where(u => u.ConsolidatesForId != null && u.Id != unit.Id)
            .Select(u => new Consolidator(u.Id, u.ConsolidatesForId!.Value, u.Kind)).ToListAsync(ct);

        var submit = report.Transitions.LastOrDefault(t => t.ToStatus == ReportStatus.Submitted);
        // The signer as recorded on the day; the account now only for reports submitted before titles were recorded.
        var leader = submit is null || submit.UserJobTitle is not null ? null : await db.Users.AsNoTracking().Where(u => u.UserName == submit.UserName).Select(u => new { u.FullName, u.JobTitle }).FirstOrDefaultAsync(ct);
        var title = submit?.UserJobTitle ?? leader?.JobTitle ?? await db.Users.AsNoTracking()
            .Where(u => u.UnitId == unit.Id && u.JobTitle != null && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Leader)))
            .Select(u => u.JobTitle)
            .FirstOrDefaultAsync(ct);
        // A consolidated report carries its last draft's per-unit figures, unit lists and overflow as appendices, and
        // goes where its plan says.
        var consolidation = await db.ConsolidationDrafts.AsNoTracking().Where(d => d.ReportId == report.Id).Select(d => new { d.Content, d.PlanId }).FirstOrDefaultAsync(ct);
        var drafted = Consolidation.ConsolidationContent.TryFromJson(consolidation?.Content);
        IReadOnlyList<DocumentAppendix> appendices = drafted is null ? [] : Consolidation.ConsolidationAppendix.Build(drafted);
        var plan = consolidation is null ? null : await db.Plans.AsNoTracking().Where(p => p.Id == consolidation.PlanId).Select(p => new { p.Addressees, p.Recipients }).FirstOrDefaultAsync(ct);
        List<string> addressees = plan is { Addressees.Count: > 0 }
            ? plan.Addressees
            : await AddresseeAsync(report, tree, names, consolidators, ct) is { } addressee ? [addressee] : [];
        IReadOnlyList<string> recipients = plan is { Recipients.Count: > 0 } ? plan.Recipients : addressees.Count > 0 ? ["Như trên"] : [];
        // The consolidated figures beside the earlier periods, over the units the draft counted.
        var comparison = drafted is null || !ReportingPeriod.TryParse(report.Period, out var period) ? null
            : await comparisons.ForUnitsAsync(
                drafted.PlanId,
                await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == drafted.PlanId).OrderBy(f => f.Order).ToListAsync(ct),
                period,
                [.. drafted.Units.Select(u => u.UnitId)],
                ct);

        return new OfficialDocument
        {
            ParentBody = committee ? null : parent is null ? null : ShortCommitteeName(parent),
            IssuingBody = committee ? CommitteeLines(name) : [WithoutPlaceOf(name, parent)],
            Number = report.DocumentNumber ?? "/" + await register.SymbolAsync(unit.Id, asOf, ct),
            Place = unit.PlaceName,
            Date = date,
            Year = asOf.Year,
            Summary = report.Title,
            Addressees = addressees,
            Body = Body(report, report.PlanId is { } planId ? await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == planId).ToListAsync(ct) : null, comparison),
            Recipients = recipients,
            Filing = "VT, " + DraftingBody(unit, consolidation is not null, consolidators, names),
            Signer = Signature.For(unit.Kind, title, submit?.UserFullName ?? leader?.FullName),
            IssuerName = name,
            Appendices = appendices,
        };
    }

    /// <summary>
    /// The report's sections as headings and paragraphs (one per line of text), footnote lines ("[1] Công văn …") as
    /// real footnotes of the paragraphs citing them, and the figures as a table at the end of part I (results).
    /// </summary>
    public static IReadOnlyList<DocumentBlock> Body(Report report, IReadOnlyList<PlanFigure>? planFigures = null, FigureComparisonTable? comparison = null)
    {
        var sections = report.Sections.OrderBy(s => s.Order).ToList();
        var lines = sections.ToDictionary(s => s.Key, s => s.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList());
        // A marker "[1]" takes the "[1] …" line of its own section — sections are written and copied one by one, so
        // each may number its notes from 1 — or, when its section has none, the first such line of the report.
        var own = sections.ToDictionary(s => s.Key, s => NoteBodies(lines[s.Key]));
        var first = new Dictionary<string, (string Section, string Body)>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            foreach (var (label, body) in own[section.Key])
            {
                first.TryAdd(label, (section.Key, body));
            }
        }

        var used = new HashSet<(string Section, string Label)>();
        var notesOf = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            var notes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in lines[section.Key].Where(l => !NoteBody().IsMatch(l)).SelectMany(l => DocxWriter.NoteMarker().Matches(l).Select(m => m.Groups[1].Value)))
            {
                if (own[section.Key].TryGetValue(label, out var body))
                {
                    notes[label] = body;
                    used.Add((section.Key, label));
                }
                else if (first.TryGetValue(label, out var elsewhere))
                {
                    notes[label] = elsewhere.Body;
                    used.Add((elsewhere.Section, label));
                }
            }

            notesOf[section.Key] = notes;
        }

        var tops = sections.Select((s, i) => (s, i)).Where(x => x.s.Level == 1).Select(x => x.i).ToList();
        var figuresBefore = tops.Count >= 2 ? tops[1] : sections.FindLastIndex(s => s.Level > 0) + 1;
        var blocks = new List<DocumentBlock>();
        for (var i = 0; i < sections.Count; i++)
        {
            if (i == figuresBefore)
            {
                AddFigures(report, planFigures, comparison, blocks);
                AddCarryForward(report, blocks);
            }

            var section = sections[i];
            if (section.Level > 0)
            {
                blocks.Add(new DocumentHeading(section.Heading, section.Level));
            }

            var notes = notesOf[section.Key];
            blocks.AddRange(lines[section.Key]
                .Where(l => !(NoteBody().Match(l) is { Success: true } m && used.Contains((section.Key, m.Groups[1].Value))))
                .Select(l => new DocumentParagraph(l, notes.Count > 0 ? notes : null)));
        }

        if (figuresBefore >= sections.Count)
        {
            AddFigures(report, planFigures, comparison, blocks);
            AddCarryForward(report, blocks);
        }

        return blocks;
    }

    private static Dictionary<string, string> NoteBodies(IEnumerable<string> lines)
    {
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (NoteBody().Match(line) is { Success: true } m)
            {
                bodies.TryAdd(m.Groups[1].Value, m.Groups[2].Value.Trim());
            }
        }

        return bodies;
    }

    /// <summary>
    /// The figures as the plan's biểu mẫu numbers and groups them ("2", "2.1" …, a group's title on its own row when one
    /// of its figures has a value), then the report's own figures numbered after the plan's.
    /// </summary>
    private static void AddFigures(Report report, IReadOnlyList<PlanFigure>? planFigures, FigureComparisonTable? comparison, List<DocumentBlock> blocks)
    {
        if (report.Figures.Count == 0)
        {
            return;
        }

        var vi = CultureInfo.GetCultureInfo("vi-VN");
        string Value(ReportFigure f) => f.TextValue ?? f.Value.ToString("#,##0.####", vi);
        var asked = (planFigures ?? []).OrderBy(p => p.Order).ToList();
        var answers = report.Figures.Where(f => f.PlanFigureId is not null).GroupBy(f => f.PlanFigureId!.Value).ToDictionary(g => g.Key, g => g.First());
        // A consolidated report's figures carry two more columns: the change against the previous period and against
        // the same period last year, matched by name (the report may answer its own upper plan's figures).
        var compared = (comparison?.Rows ?? []).GroupBy(r => Text.VietnameseText.Fold(r.Figure.Name.Trim())).ToDictionary(g => g.Key, g => g.First());
        IReadOnlyList<string> Changes(string name) => comparison is null ? []
            : compared.TryGetValue(Text.VietnameseText.Fold(name.Trim()), out var row) ? [Change(row.Previous), Change(row.LastYear)]
            : ["", ""];
        List<IReadOnlyList<string>> rows = [["STT", "Chỉ tiêu", "Số liệu", "Đơn vị tính", .. comparison is null ? Array.Empty<string>()
            : [$"So với kỳ trước ({comparison.Previous.ToVietnamese()})", $"So với cùng kỳ năm {comparison.LastYear.Year}"]]];
        foreach (var p in asked)
        {
            if (answers.TryGetValue(p.Id, out var answer))
            {
                rows.Add([p.Code, p.Name, Value(answer), p.UnitOfMeasure, .. Changes(p.Name)]);
            }
            else if (p.Kind == FigureKind.Heading && asked.Any(c => c.Code.StartsWith(p.Code + ".", StringComparison.Ordinal) && answers.ContainsKey(c.Id)))
            {
                rows.Add([p.Code, p.Name.ToUpper(vi), "", "", .. comparison is null ? Array.Empty<string>() : ["", ""]]);
            }
        }

        var next = asked.Count(p => PlanIndicators.ParentCode(p.Code) is null);
        rows.AddRange(report.Figures.Where(f => f.PlanFigureId is not { } id || !asked.Any(p => p.Id == id)).OrderBy(f => f.Order).Select((f, i) => (IReadOnlyList<string>)
            [(next + i + 1).ToString(CultureInfo.InvariantCulture), f.Name, Value(f), f.UnitOfMeasure, .. Changes(f.Name)]));
        blocks.Add(new DocumentTable(rows, comparison is null ? [1, 7, 2, 2] : [1, 5, 2, 2, 3, 3]));
    }

    /// <summary>"+12 (+12 %)", or why there is no comparison.</summary>
    private static string Change(FigureChange change) =>
        !change.Compared ? change.Text
        : change.SignedPercent.Length > 0 ? $"{change.SignedDifference} ({change.SignedPercent})"
        : change.SignedDifference;

    /// <summary>
    /// The unit's answers on the tasks it set itself last period, as a table closing part I (results), the way units
    /// report "kết quả thực hiện nhiệm vụ kỳ trước".
    /// </summary>
    private static void AddCarryForward(Report report, List<DocumentBlock> blocks)
    {
        if (report.CarryForward.Count == 0)
        {
            return;
        }

        var previous = ReportingPeriod.TryParse(report.Period, out var period) ? " " + period.Previous().ToVietnamese() : " kỳ trước";
        blocks.Add(new DocumentParagraph($"Kết quả thực hiện nhiệm vụ đề ra trong báo cáo{previous}:"));
        List<IReadOnlyList<string>> rows = [["STT", "Nhiệm vụ", "Kết quả", "Ghi chú"]];
        rows.AddRange(report.CarryForward.OrderBy(c => c.Order).Select((c, i) => (IReadOnlyList<string>)
            [(i + 1).ToString(CultureInfo.InvariantCulture), c.Task, CarryForward.OutcomeText(c.Outcome), c.Note]));
        blocks.Add(new DocumentTable(rows, [1, 6, 3, 4]));
    }

    /// <summary>"Ủy ban nhân dân xã Trà Tân" prints as "ỦY BAN NHÂN DÂN" over "XÃ TRÀ TÂN".</summary>
    private static IReadOnlyList<string> CommitteeLines(string name) => CommitteePrefix().Match(name) is { Success: true } m
        ? ["ỦY BAN NHÂN DÂN", Upper(name[m.Length..].Trim())]
        : [Upper(name)];

    /// <summary>The parent body line: "UBND TỈNH LÂM ĐỒNG", the abbreviation Decree 30 allows for the body above.</summary>
    private static string ShortCommitteeName(string name) =>
        Upper(CommitteePrefix().Match(name) is { Success: true } m ? "UBND " + name[m.Length..].Trim() : name);

    /// <summary>"Sở Nội vụ tỉnh Lâm Đồng" under "UBND TỈNH LÂM ĐỒNG" is printed "SỞ NỘI VỤ": the place is in the line above.</summary>
    private static string WithoutPlaceOf(string name, string? parent)
    {
        var place = parent is null ? null : CommitteePrefix().Match(parent) is { Success: true } m ? parent[m.Length..].Trim() : null;
        return Upper(place is { Length: > 0 } && name.EndsWith(" " + place, StringComparison.OrdinalIgnoreCase) ? name[..^(place.Length + 1)] : name);
    }

    private sealed record Consolidator(int Id, int For, UnitKind Kind);

    /// <summary>
    /// "Kính gửi" of a unit's report: who reviews it. Under a plan, the body consolidating for the plan's owner (the
    /// province's plan is reviewed by its Sở Nội vụ, which the report asks to "xem xét và tổng hợp"), or the owner when
    /// it consolidates itself; without a plan, the consolidating body of the nearest level above, else the parent.
    /// </summary>
    private async Task<string?> AddresseeAsync(Report report, UnitTree tree, Dictionary<int, string> names, List<Consolidator> consolidators, CancellationToken ct)
    {
        if (report.PlanId is { } planId)
        {
            var owner = await db.Plans.Where(p => p.Id == planId).Select(p => p.OwnerUnitId).FirstAsync(ct);
            return Reviewer(owner) ?? names.GetValueOrDefault(owner);
        }

        for (var above = tree.ParentOf(report.UnitId); above is { } id; above = tree.ParentOf(id))
        {
            if (Reviewer(id) is { } reviewer)
            {
                return reviewer;
            }
        }

        return tree.ParentOf(report.UnitId) is { } parent ? names.GetValueOrDefault(parent) : null;

        string? Reviewer(int level) => consolidators.FirstOrDefault(c => c.For == level) is { } c ? names.GetValueOrDefault(c.Id) : null;
    }

    /// <summary>
    /// What follows "Lưu: VT," — the abbreviation of the body that drafted the document, never a person (Decree 30):
    /// a consolidated report is drafted by the body consolidating for its unit ("SNV" for the province's People's
    /// Committee), a People's Committee's own report by its office ("VP"), any other body's by itself ("BQLDAGT").
    /// </summary>
    private static string DraftingBody(OrgUnit unit, bool consolidated, List<Consolidator> consolidators, Dictionary<int, string> names)
    {
        if (consolidated && consolidators.FirstOrDefault(c => c.For == unit.Id) is { } drafter && names.TryGetValue(drafter.Id, out var name))
        {
            return DocumentRegister.Abbreviation(drafter.Kind, name);
        }

        return OfficialDocument.IsPeoplesCommittee(unit.Kind) ? "VP" : DocumentRegister.Abbreviation(unit.Kind, names.GetValueOrDefault(unit.Id, unit.Code));
    }

    private static string Upper(string s) => s.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));

    [GeneratedRegex(@"^(?:Ủy|Uỷ) ban nhân dân\b|^UBND\b", RegexOptions.IgnoreCase)]
    private static partial Regex CommitteePrefix();

    [GeneratedRegex(@"^\[([0-9A-Za-z*]{1,10})\]\s+(.+)$")]
    private static partial Regex NoteBody();
}
