using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Export;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Text;
using DanVan.Core.Word;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DanVan.Core.Import;

/// <summary>The file is over the import's size limit: the API answers 413, a page shows a form error.</summary>
public sealed class FileTooLargeException(string message) : DomainException("File", message);

/// <summary>No staged file for this token, user and report (expired, already imported, someone else's): the API answers 404.</summary>
public sealed class StagedFileGoneException : DomainException
{
    public StagedFileGoneException()
        : base("File", "Tệp tải lên đã hết hạn hoặc không còn. Tải tệp lên lại.") => English = "The uploaded file has expired or is gone. Upload it again.";
}

/// <summary>What an import did: the report's new version, and the name the original is kept under.</summary>
public sealed record ImportApplied(int Version, string FileName);

/// <summary>
/// "Nhập từ file Word" for the page, the API and the CLI: <see cref="PreviewAsync"/>
/// reads the file once and stages it with what was read; <see cref="ReviewAsync"/> shows the user's choices applied;
/// <see cref="ApplyAsync"/> puts the stored reading into the draft, with the original kept, in one save.
/// </summary>
public sealed class ReportImportService(
    DanVanDbContext db,
    AccessService access,
    ReportStandingService states,
    ImportStaging staging,
    PdfConverter libreOffice,
    Citations.LegalDocumentService legal,
    TimeProvider clock,
    ILogger<ReportImportService> log)
{
    public const string NewSection = "new";
    public const string Skip = "skip";

    /// <summary>A Word report is a few hundred KB; the limit is the attachment's, since the file is kept with the report.</summary>
    public const long MaxFileBytes = ReportAttachment.MaxBytes;

    private static readonly string ClosingKey = ReportTemplate.Default[^1].Key;

    // The stored reading: enums by name, so a reading staged before a new warning code was added still loads.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Why a file is refused before it is read, the same for an upload, the API and the command line: none chosen
    /// (<paramref name="length"/> null), empty, or over <see cref="MaxFileBytes"/>. Null when it may be read.
    /// </summary>
    public static DomainException? Refuse(long? length) => length switch
    {
        null => new DomainException("File", "Chọn tệp Word (.docx) cần nhập.") { English = "Choose the Word file (.docx) to import." },
        0 => new DomainException("File", "Tệp rỗng (0 byte). Chọn lại tệp báo cáo.") { English = "The file is empty." },
        > MaxFileBytes => new FileTooLargeException($"Tệp lớn hơn {MaxFileBytes / 1024 / 1024} MB. Báo cáo thường chỉ vài trăm KB; xóa bớt ảnh rồi thử lại.")
        {
            English = $"The file is larger than {MaxFileBytes / 1024 / 1024} MB; a report is usually a few hundred KB: remove some pictures and try again.",
        },
        _ => null,
    };

    /// <summary>
    /// Reads an uploaded file for the report (a .doc converted with LibreOffice when installed) and stages it with what
    /// was read; nothing is saved to the report. Refused before the file is read when the actor may not change the
    /// report, or when <see cref="Refuse"/> refuses it (null: none chosen).
    /// </summary>
    public async Task<ImportPreview> PreviewAsync(int reportId, ImportFile? file, Actor actor, CancellationToken ct = default)
    {
        var report = await EditableAsync(reportId, actor, ct);
        if (Refuse(file?.Length) is { } refused)
        {
            throw refused;
        }

        var fileName = file!.Name;
        byte[] content;
        await using (var stream = file.Open())
        {
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        WordFile read;
        try
        {
            read = await WordFile.ReadAsync(content, libreOffice, ct, await legal.RegistryAsync(ct));
        }
        catch (Exception ex) when (ex is DocumentImportException or ExternalToolException)
        {
            log.LogWarning("Import of {File} refused: {Reason}", fileName, ex.Message);
            throw new DomainException("File", $"Không đọc được tệp \"{Path.GetFileName(fileName)}\": {Explain(ex)}")
            {
                English = $"Cannot read \"{Path.GetFileName(fileName)}\": {ex.Message}",
            };
        }

        // A .doc is kept as the .docx LibreOffice made of it: that is what was read and what the report keeps.
        return await StageAsync(report, read.Report, read.Docx, read.Converted ? Path.ChangeExtension(fileName, ".docx") : fileName, actor, ct);
    }

    /// <summary>Stages a reading of a file for the report, as <see cref="PreviewAsync"/> does once it has read it; tests stage readings made by hand.</summary>
    internal async Task<ImportPreview> StageAsync(int reportId, ImportedReport read, byte[] content, string fileName, Actor actor, CancellationToken ct = default) =>
        await StageAsync(await EditableAsync(reportId, actor, ct), read, content, fileName, actor, ct);

    private async Task<ImportPreview> StageAsync(Report report, ImportedReport read, byte[] content, string fileName, Actor actor, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName);
        var token = await staging.StageAsync(
            new StagedUpload { Token = "", UserId = actor.UserId, FileName = name, Content = content, ReportId = report.Id, ReportVersion = report.Version, Parsed = JsonSerializer.Serialize(read, Json) },
            ct);
        return ImportPreview.Build(token, name, report.Version, read, Outline(report), ImportChoices.None);
    }

    /// <summary>The staged file with the user's choices applied ("Cập nhật xem trước"), from the stored reading; nothing saved.</summary>
    public async Task<ImportPreview> ReviewAsync(int reportId, string? token, ImportChoices choices, Actor actor, CancellationToken ct = default)
    {
        var report = await EditableAsync(reportId, actor, ct);
        var staged = await staging.LoadAsync(token, actor.UserId, reportId, ct) ?? throw new StagedFileGoneException();
        return ImportPreview.Build(staged.Token, staged.FileName, staged.ReportVersion, Parsed(staged), Outline(report), choices);
    }

    /// <summary>
    /// Puts the staged file into the report as the user chose, from the reading stored at upload (the file is not read
    /// again), and keeps the original; refused if the report changed since the preview. Answers the report's new version.
    /// </summary>
    public async Task<ImportApplied> ApplyAsync(int reportId, string? token, ImportChoices choices, Actor actor, CancellationToken ct = default)
    {
        var visible = await access.VisibleReportAsync(actor, reportId, ct);
        var report = await visible.Include(r => r.Sections).Include(r => r.Figures).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Report");
        await states.RequireEditableAsync(report, actor, ct);
        var staged = await staging.LoadAsync(token, actor.UserId, reportId, ct) ?? throw new StagedFileGoneException();
        if (report.Version != staged.ReportVersion)
        {
            throw new ConcurrencyConflictException("", "Báo cáo vừa được người khác thay đổi sau khi bạn xem trước. Tải tệp lên lại để xem trước theo bản mới.")
            {
                English = "The report was changed by someone else after your preview. Upload the file again to preview it against the new version.",
                LatestVersion = report.Version,
            };
        }

        var preview = ImportPreview.Build(staged.Token, staged.FileName, staged.ReportVersion, Parsed(staged), Outline(report), choices);
        var planFigures = report.PlanId is { } planId ? await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == planId).ToListAsync(ct) : [];
        var rules = report.PlanId is { } rulesOf ? await db.PlanRules.AsNoTracking().Where(r => r.PlanId == rulesOf).ToListAsync(ct) : [];
        var filled = Fill(report, preview.Document, [.. preview.Sections.Select(s => s.Target)], [.. preview.Figures.Where(f => f.Chosen).Select(f => f.Figure)], planFigures, rules, actor, clock.GetUtcNow().UtcDateTime);
        db.ReportAttachments.Add(Original(report.Id, staged.FileName, staged.Content, actor, filled.At));
        db.ReportTransitions.Add(new ReportTransition
        {
            ReportId = report.Id,
            At = filled.At,
            UserName = actor.UserName,
            UserFullName = actor.FullName,
            FromStatus = report.Status,
            ToStatus = report.Status,
            Comment = History(staged.FileName, filled),
        });
        report.Version++;
        db.StagedUploads.Remove(staged);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("", "Báo cáo vừa được người khác thay đổi. Tải tệp lên lại để xem trước theo bản mới.")
            {
                English = "The report was changed by someone else meanwhile. Upload the file again to preview it against the new version.",
            };
        }

        return new ImportApplied(report.Version, staged.FileName);
    }

    /// <summary>The report, when the actor may change it now: the check every edit passes (role, status, lock).</summary>
    private async Task<Report> EditableAsync(int reportId, Actor actor, CancellationToken ct)
    {
        var visible = await access.VisibleReportAsync(actor, reportId, ct);
        var report = await visible.AsNoTracking().Include(r => r.Sections).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Report");
        await states.RequireEditableAsync(report, actor, ct);
        return report;
    }

    private static List<OutlineTarget> Outline(Report report) =>
        [.. report.Sections.OrderBy(s => s.Order).Select(s => new OutlineTarget(s.Key, s.Heading, s.Level))];

    private static ImportedReport Parsed(StagedUpload staged) =>
        JsonSerializer.Deserialize<ImportedReport>(staged.Parsed, Json) ?? throw new StagedFileGoneException();

    /// <summary>
    /// The section's text and, after it, the "[n] …" line of each footnote it cites, as users write notes in a
    /// section: the export makes them Word footnotes again. Without them an imported report kept bare "[1]" markers.
    /// </summary>
    private static string WithFootnotes(string text, List<string> footnotes)
    {
        var cited = DocxWriter.NoteMarker().Matches(text)
            .Select(m => int.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n >= 1 && n <= footnotes.Count)
            .Distinct()
            .Select(n => $"[{n}] {footnotes[n - 1]}");
        return string.Join("\n", new[] { text }.Concat(cited));
    }

    private static string FiguresText(int added, int updated) => updated == 0
        ? $"{added} chỉ tiêu số liệu"
        : $"{added + updated} chỉ tiêu số liệu, {updated} cập nhật chỉ tiêu đã có";

    /// <summary>Why a file could not be read (<see cref="WordFile.ReadAsync"/>'s failures), for the user: one file or a batch.</summary>
    internal static string Explain(Exception unreadable) =>
        unreadable is DocumentImportException d ? Explain(d.Failure) : ((ExternalToolException)unreadable).Vietnamese;

    /// <summary>What a failed read means for the user, in Vietnamese; the English reason stays in the log.</summary>
    public static string Explain(ImportFailure failure) => failure switch
    {
        ImportFailure.Empty => "Tệp rỗng (0 byte).",
        ImportFailure.NotZip or ImportFailure.NotWord => "Tệp không phải văn bản Word .docx.",
        ImportFailure.Truncated or ImportFailure.Corrupt => "Tệp .docx bị hỏng hoặc tải lên chưa hết. Mở tệp trong Word, lưu lại rồi tải lên lại.",
        ImportFailure.TooLarge => "Nội dung tệp giải nén ra quá lớn; tệp bị hỏng hoặc không an toàn.",
        ImportFailure.Encrypted => "Tệp đang đặt mật khẩu. Gỡ mật khẩu trong Word (Tệp > Thông tin > Bảo vệ tài liệu) rồi tải lên lại.",
        _ => "Đây là tệp Word 97-2003 (.doc) và máy chủ chưa cài LibreOffice để đọc nó. Mở trong Word và lưu thành .docx (Tệp > Lưu thành > Word Document) rồi tải lên lại.",
    };

    /// <summary>
    /// What the page proposes before the user chooses: each section of the file into the outline section
    /// <see cref="OutlineMatcher"/> found for it, else as a new section; an empty opening is left out.
    /// </summary>
    public static IReadOnlyList<string> DefaultTargets(IReadOnlyList<SectionMapping> mapping) =>
        mapping.Select(m => m.TargetKey ?? (m.Section.Level == 0 && m.Section.Paragraphs.Count == 0 ? Skip : NewSection)).ToList();

    /// <summary>What a Word file put into a report, for its history line.</summary>
    internal sealed record Filled(DateTime At, int Sections, int AddedSections, int AddedFigures, int UpdatedFigures);

    /// <summary>The history line of an import: "Nhập từ tệp Word "x.docx" (8 mục, 2 chỉ tiêu số liệu)".</summary>
    internal static string History(string fileName, Filled filled) =>
        $"Nhập từ tệp Word \"{Path.GetFileName(fileName)}\" ({filled.Sections} mục, {FiguresText(filled.AddedFigures, filled.UpdatedFigures)}{(filled.AddedSections > 0 ? $", thêm {filled.AddedSections} mục mới" : "")})";

    /// <summary>The original file, kept with the report it was imported into.</summary>
    internal static ReportAttachment Original(int reportId, string fileName, byte[] content, Actor actor, DateTime at) => new()
    {
        ReportId = reportId,
        FileName = Shorten(Path.GetFileName(fileName), 260),
        ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Size = content.LongLength,
        Sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(),
        Content = content,
        UploadedAt = at,
        UploadedBy = actor.UserName,
    };

    /// <summary>
    /// Puts a read Word file into <paramref name="report"/> (its sections and figures loaded): each imported section
    /// into the target chosen for it (<see cref="NewSection"/>, <see cref="Skip"/> or a section key), footnotes
    /// after the text that cites them, and the chosen figures — a figure the report already has (by name) takes the
    /// file's value, a figure named as one the plan asks answers it. Changes entities only; the caller saves.
    /// </summary>
    internal static Filled Fill(Report report, ImportedReport document, IReadOnlyList<string> targets, IReadOnlyList<FigureInput> figures, IReadOnlyList<PlanFigure> planFigures, IReadOnlyList<PlanRule> rules, Actor actor, DateTime now)
    {
        var imported = document.AllSections();
        var ordered = report.Sections.OrderBy(s => s.Order).ToList();
        var used = new HashSet<string>();
        var added = 0;
        for (var i = 0; i < imported.Count; i++)
        {
            var target = targets[i];
            var text = WithFootnotes(OutlineMatcher.TextOf(imported[i]), document.Footnotes);
            if (target == Skip || (target == NewSection && text.Length == 0 && imported[i].Heading.Length == 0))
            {
                continue;
            }

            if (text.Length > ReportSection.MaxTextLength)
            {
                throw new DomainException("", $"Mục \"{imported[i].Heading}\" dài hơn {ReportSection.MaxTextLength:N0} ký tự; tách mục trong Word rồi nhập lại.")
                {
                    English = $"Section \"{imported[i].Heading}\" is longer than {ReportSection.MaxTextLength:N0} characters; split it in Word and import again.",
                };
            }

            ReportSection section;
            if (target == NewSection)
            {
                section = new ReportSection { Key = NextKey(ordered), Heading = Shorten(imported[i].Heading.Length > 0 ? imported[i].Heading : "Nội dung khác", 1000), Level = Math.Max(imported[i].Level, 1) };
                // A new section goes after the last section filled from the file, so the document's order is kept.
                var after = ordered.FindLastIndex(s => used.Contains(s.Key));
                ordered.Insert(after + 1, section);
                report.Sections.Add(section);
                added++;
            }
            else
            {
                section = ordered.FirstOrDefault(s => s.Key == target) ?? throw new DomainException("", $"Báo cáo không có mục \"{target}\".")
                {
                    English = $"The report has no section \"{target}\".",
                };
                if (!used.Add(target))
                {
                    throw new DomainException("", $"Hai mục của tệp cùng được ghép vào mục \"{section.Heading}\". Chọn lại.")
                    {
                        English = $"Two sections of the file are mapped onto \"{section.Heading}\". Choose again.",
                    };
                }
            }

            used.Add(section.Key);
            section.Write(text, actor.UserName, now);
        }

        // "Trên đây là báo cáo …/." goes into the report's closing, unless a section of the file was put there.
        if (document.Closing.Count > 0 && ordered.FirstOrDefault(s => s.Key == ClosingKey) is { } closing && used.Add(ClosingKey))
        {
            closing.Write(string.Join("\n", document.Closing), actor.UserName, now);
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Order = i;
        }

        // A figure the report already has (by name) takes the file's value: importing a corrected file again must not
        // list every figure twice.
        var (updatedFigures, addedFigures) = (0, 0);
        foreach (var figure in figures)
        {
            var name = Shorten(figure.Name.Trim(), 300);
            var unit = Shorten((figure.UnitOfMeasure ?? "").Trim(), 50);
            var known = report.Figures.FirstOrDefault(f => string.Equals(f.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
            var answers = known is null ? Answers(name, report, planFigures) : known.PlanFigureId;
            var asked = planFigures.FirstOrDefault(p => p.Id == answers);
            if (FigureValue.Check(figure.Value, asked?.Kind ?? FigureKind.DecimalNumber, asked?.UnitOfMeasure ?? (unit.Length > 0 || known is null ? unit : known.UnitOfMeasure)) is { } error)
            {
                throw new DomainException("", $"Số liệu \"{name}\" trong tệp: {error.Message} Sửa trong tệp Word hoặc bỏ chọn số liệu này.")
                {
                    English = $"Figure \"{name}\" in the file: {figure.Value} breaks its rule (whole numbers take no decimals, a percentage lies within 0-100, at most {FigureValue.MaxDecimals} decimals).",
                };
            }

            if (known is not null)
            {
                (known.Value, known.TextValue, known.UnitOfMeasure) = (figure.Value, null, unit.Length > 0 ? unit : known.UnitOfMeasure);
                updatedFigures++;
                continue;
            }

            if (report.Figures.Count >= ReportService.MaxFigures)
            {
                throw new DomainException("", $"Báo cáo đã có {report.Figures.Count} chỉ tiêu số liệu, tối đa {ReportService.MaxFigures}. Bỏ chọn bớt số liệu từ tệp hoặc xóa bớt chỉ tiêu trong báo cáo.")
                {
                    English = $"The report would have more than {ReportService.MaxFigures} figures.",
                };
            }

            report.Figures.Add(new ReportFigure { Name = name, Value = figure.Value, UnitOfMeasure = unit, Order = report.Figures.Count, PlanFigureId = answers });
            addedFigures++;
        }

        ReportService.ApplyIndicators(report.Figures, planFigures, rules);
        return new Filled(now, used.Count, added, addedFigures, updatedFigures);
    }

    /// <summary>
    /// The plan's number figure a figure of the file answers, by its name as words (case and marks aside), when the
    /// report does not answer it yet: consolidation adds up figures by the plan's figure, not by name.
    /// </summary>
    private static int? Answers(string name, Report report, IReadOnlyList<PlanFigure> planFigures)
    {
        var key = VietnameseText.Fold(name);
        return planFigures.FirstOrDefault(p => p.IsTyped && p.Kind != FigureKind.Text && VietnameseText.Fold(p.Name.Trim()) == key
            && report.Figures.All(f => f.PlanFigureId != p.Id))?.Id;
    }

    private static string NextKey(IEnumerable<ReportSection> sections)
    {
        var n = 1;
        var keys = sections.Select(s => s.Key).ToHashSet();
        while (keys.Contains($"N{n}"))
        {
            n++;
        }

        return $"N{n}";
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max];
}
