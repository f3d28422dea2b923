using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Word;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DanVan.Core.Import;

/// <summary>Where an imported report enters the workflow.</summary>
public enum ImportedStatus
{
    Draft,

    /// <summary>Sent on the date in the file's header, and late or on time by it.</summary>
    Sent,

    /// <summary>Sent on the header's date and accepted by the consolidator now.</summary>
    Accepted,
}

/// <summary>One Word file to import: its name (as a map file lists it), its size, and how to read it.</summary>
public sealed record ImportFile(string Name, long Length, Func<Stream> Open);

public sealed record BulkImport
{
    public required string Period { get; init; }

    /// <summary>Null: the one plan that covers the period or ends right before it (of the consolidator's scope; any for an administrator).</summary>
    public int? PlanId { get; init; }

    public required IReadOnlyList<ImportFile> Files { get; init; }

    /// <summary>File name → unit code, from a map file. Files not listed are matched by their issuer.</summary>
    public IReadOnlyDictionary<string, string> UnitCodes { get; init; } = new Dictionary<string, string>();

    public ImportedStatus Status { get; init; }
}

public enum ImportOutcome
{
    Created,

    /// <summary>The unit already has a report for the period; it is left as it is.</summary>
    Skipped,

    Failed,
}

/// <summary>What became of one file; the reason (why skipped or failed) in Vietnamese for pages, in English for the CLI.</summary>
public sealed record FileImport(string File, ImportOutcome Outcome, int? ReportId, string? UnitCode, string? UnitName, string? Reason, string? EnglishReason);

public sealed record BulkImportResult(int PlanId, string PlanCitation, string Period, bool PlanExtended, IReadOnlyList<FileImport> Files)
{
    public int Count(ImportOutcome outcome) => Files.Count(f => f.Outcome == outcome);
}

/// <summary>
/// "Nhập báo cáo các đơn vị gửi bằng file Word": a consolidator's daily reality and the way a province brings in its
/// history. Each file becomes its unit's report for the period on the plan's outline, with its sections, figures and
/// footnotes as the single-file import puts them (<see cref="ReportImportService.Fill"/>) and the original kept. Each file
/// is all or nothing; one that fails says why and the others go on.
/// </summary>
public sealed class BulkImportService(
    DanVanDbContext db,
    AccessService access,
    PlanService plans,
    OrgUnitService units,
    ReportService reports,
    ReportStandingService states,
    DocumentRegister register,
    Export.PdfConverter libreOffice,
    Citations.LegalDocumentService legal,
    TimeProvider clock,
    ILogger<BulkImportService> log)
{
    public const int MaxFiles = 500;

    private sealed record Batch(Plan Plan, ReportingPeriod Period, bool Extends, UnitMatcher Matcher, Dictionary<string, UnitCandidate> ByCode, Dictionary<string, string> Map, ImportedStatus Status, Actor Actor, Citations.LegalRegistry Registry)
    {
        public bool Extended { get; set; }
    }

    public async Task<BulkImportResult> ImportAsync(BulkImport command, Actor actor, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var period = ReportingPeriod.ParseInput(command.Period, nameof(command.Period), clock);
        if (command.Files.Count == 0)
        {
            throw new DomainException(nameof(command.Files), "Chọn các tệp Word (.docx) cần nhập.") { English = "No files to import." };
        }

        if (command.Files.Count > MaxFiles)
        {
            throw new DomainException(nameof(command.Files), $"Mỗi lần nhập tối đa {MaxFiles} tệp; chia thành nhiều lần.") { English = $"At most {MaxFiles} files per import; split them into several runs." };
        }

        var plan = await PlanAsync(command.PlanId, period, actor, ct);
        var extends = !plan.Covers(period);
        if (extends)
        {
            // Units of the period after the plan's last are resolved as if the plan ran one period longer, which it
            // will once a file is imported.
            plan.LastPeriod = period.ToString();
        }

        var candidates = await CandidatesAsync(await plans.ReportingUnitsAsync(plan, period, ct), period, ct);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, code) in command.UnitCodes)
        {
            map[Path.GetFileName(file)] = code.Trim();
        }

        var batch = new Batch(plan, period, extends, new UnitMatcher(candidates), candidates.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase), map, command.Status, actor, await legal.RegistryAsync(ct));
        var results = new List<FileImport>();
        foreach (var file in command.Files)
        {
            results.Add(await ImportFileAsync(file, batch, ct));
            progress?.Report(results.Count);
        }

        return new BulkImportResult(plan.Id, plan.Citation, period.ToString(), batch.Extended, results);
    }

    /// <summary>
    /// The lines "file,unitCode" of a map file, a header line and blank lines allowed; a file named twice with two
    /// codes is refused. Keys are file names without folders.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseMap(string csv)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // The code is the last field: file names may hold commas, codes never do.
            var comma = line.LastIndexOf(',');
            var file = comma < 0 ? "" : Path.GetFileName(line[..comma].Trim().Trim('"'));
            var code = comma < 0 ? "" : line[(comma + 1)..].Trim().Trim('"');
            if (file.Equals("file", StringComparison.OrdinalIgnoreCase) && code.Equals("unitCode", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (file.Length == 0 || code.Length == 0)
            {
                throw new DomainException("Map", $"Dòng {i + 1} của tệp ghép đơn vị phải có dạng \"tệp,mã đơn vị\".") { English = $"Line {i + 1} of the map file is not \"file,unitCode\"." };
            }

            if (map.TryGetValue(file, out var other) && !other.Equals(code, StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException("Map", $"Tệp \"{file}\" được ghép với hai đơn vị ({other}, {code}).") { English = $"The map file gives {file} two units ({other} and {code})." };
            }

            map[file] = code;
        }

        return map;
    }

    private async Task<FileImport> ImportFileAsync(ImportFile file, Batch batch, CancellationToken ct)
    {
        var name = Path.GetFileName(file.Name);
        UnitCandidate? unit = null;
        try
        {
            // A .doc is read as the .docx LibreOffice makes of it, and that is what the report keeps, as for one file.
            var word = await ReadWordAsync(await ReadAsync(file, ct), batch, ct);
            var (document, content) = (word.Report, word.Docx);
            if (document.Period is { } reported && reported.ToPeriod() is var filePeriod && filePeriod != batch.Period)
            {
                throw Refused(
                    $"Tệp là báo cáo {filePeriod.ToVietnamese()}, không phải {batch.Period.ToVietnamese()}.",
                    $"The file reports on {filePeriod}, not {batch.Period}.");
            }

            unit = UnitOf(name, document, batch);
            var code = batch.Period.ToString();
            var existing = await db.Reports.Where(r => r.UnitId == unit.Id && r.Period == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                return Skipped(name, unit, id);
            }

            // History is loaded into periods locked long ago: an administrator may write them (the CLI acts as one);
            // a consolidator writes open periods, or locked ones for a unit they granted an exception.
            if (!batch.Actor.IsIn(Roles.Admin) && await states.LockedAsync(batch.Plan, unit.Id, batch.Period, ct) is { } locked)
            {
                throw ReportStandingService.LockedError(locked);
            }

            var reportId = await CreateAsync(word.Converted ? Path.ChangeExtension(name, ".docx") : name, content, document, unit, batch, ct);
            return new FileImport(name, ImportOutcome.Created, reportId, unit.Code, unit.Names[0], null, null);
        }
        catch (DomainException ex)
        {
            return Failed(name, unit, ex.Message, ex.English ?? ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Someone created the unit's report for the period meanwhile: the unique (unit, period) index kept theirs.
            if (ex is DbUpdateException && unit is not null && await ExistingAsync(unit.Id, batch.Period, ct) is { } id)
            {
                return Skipped(name, unit, id);
            }

            log.LogError(ex, "Bulk import of {File} failed", name);
            return Failed(name, unit, $"Lỗi không mong đợi khi nhập tệp ({ex.GetType().Name}); đã ghi vào nhật ký hệ thống.", $"unexpected {ex.GetType().Name} (a fault in DanVan; please report it with the file): {ex.Message}");
        }
        finally
        {
            // The original's bytes stay tracked otherwise, file after file.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The report, its sections, figures, original, history and (once) the plan's extension, in one transaction.</summary>
    private async Task<int> CreateAsync(string name, byte[] content, ImportedReport document, UnitCandidate unit, Batch batch, CancellationToken ct)
    {
        var sentAt = batch.Status == ImportedStatus.Draft ? (DateTime?)null : SentAt(document);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var actor = batch.Actor;
        var report = await reports.NewAsync(unit.Id, batch.Period, batch.Plan, actor, "", ct);
        var now = report.CreatedAt;
        if (document.Title.Length > 0)
        {
            report.Title = document.Title.Length <= 1000 ? document.Title : document.Title[..1000];
        }

        var mapping = OutlineMatcher.Map(document, report.Sections.Select(s => new OutlineTarget(s.Key, s.Heading, s.Level)).ToList());
        var filled = ReportImportService.Fill(report, document, ReportImportService.DefaultTargets(mapping), FigureExtractor.FromTables(document), batch.Plan.Figures, batch.Plan.Rules, actor, now);
        var created = report.Transitions[0];
        created.Comment = ReportImportService.History(name, filled);
        if (sentAt is { } sent)
        {
            // Its history starts with the sending, as dated and signed on paper: the export signs the document with the
            // name and title of the last sending, so the import (recorded by the attachment) adds no line after it.
            var issuedOn = document.Date!.Value;
            report.Status = ReportStatus.Submitted;
            report.SubmittedAt = sent;
            report.DocumentNumber = document.DocumentNumber is { Length: > 0 and <= 50 } number ? number : null;
            report.IssuedOn = issuedOn;
            (created.ToStatus, created.At, created.UserFullName, created.UserJobTitle) = (ReportStatus.Submitted, sent, Shorten(document.Signer?.Name, 200), Shorten(document.Signer?.Title, 200) ?? "");
            created.Comment = $"Gửi bằng văn bản{(report.DocumentNumber is null ? "" : $" số {report.DocumentNumber}")} ngày {issuedOn:dd/MM/yyyy}; {char.ToLowerInvariant(created.Comment[0])}{created.Comment[1..]}";
            if (batch.Status == ImportedStatus.Accepted)
            {
                report.Status = ReportStatus.Accepted;
                report.AcceptedAt = now;
                report.Transitions.Add(new ReportTransition { At = now, UserName = actor.UserName, UserFullName = actor.FullName, FromStatus = ReportStatus.Submitted, ToStatus = ReportStatus.Accepted, Comment = "Tiếp nhận khi nhập từ tệp Word" });
            }
        }

        if (batch.Extends && !batch.Extended)
        {
            var plan = await db.Plans.FirstAsync(p => p.Id == batch.Plan.Id, ct);
            if (plan.Last is { } last && last < batch.Period)
            {
                plan.LastPeriod = batch.Period.ToString();
            }
        }

        db.Reports.Add(report);
        await db.SaveChangesAsync(ct);
        db.ReportAttachments.Add(ReportImportService.Original(report.Id, name, content, actor, now));
        if (report.DocumentNumber is { } issued)
        {
            await register.RecordAsync(unit.Id, report.IssuedOn!.Value, issued, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        batch.Extended |= batch.Extends;
        return report.Id;
    }

    /// <summary>
    /// The plan named, or the one plan that takes the period; only an administrator or the consolidators of the plan's
    /// owner import into it.
    /// </summary>
    private async Task<Plan> PlanAsync(int? planId, ReportingPeriod period, Actor actor, CancellationToken ct)
    {
        Plan plan;
        if (planId is { } id)
        {
            if (!await db.Plans.AnyAsync(p => p.Id == id, ct))
            {
                throw new DomainException("Plan", "Không tìm thấy kế hoạch.") { English = $"No plan has id {id}." };
            }

            plan = await plans.LoadAsync(id, ct);
        }
        else
        {
            int? owner = actor.IsIn(Roles.Admin) ? null : await access.ScopeRootAsync(actor, ct);
            var takers = (await db.Plans.AsNoTracking().Where(p => owner == null || p.OwnerUnitId == owner).ToListAsync(ct)).Where(p => Takes(p, period)).ToList();
            plan = takers switch
            {
                [var only] => await plans.LoadAsync(only.Id, ct),
                [] => throw new DomainException("Plan", $"Không có kế hoạch nào áp dụng cho kỳ {period.ToVietnamese()}.") { English = $"No plan covers {period}; create one or give --plan." },
                _ => throw new DomainException("Plan", $"Có {takers.Count} kế hoạch áp dụng cho kỳ {period.ToVietnamese()}; chọn một kế hoạch.")
                {
                    English = $"{takers.Count} plans cover {period} (ids {string.Join(", ", takers.Select(p => p.Id).Order())}); choose one with --plan.",
                },
            };
        }

        if (!actor.IsIn(Roles.Admin) && !await plans.ManagesAsync(plan, actor, ct))
        {
            throw new ForbiddenException($"Chỉ cán bộ tổng hợp của cơ quan ban hành {plan.Citation} được nhập báo cáo của các đơn vị theo kế hoạch.")
            {
                English = $"Only the consolidating staff of the body that issued {plan.Citation} may import the units' reports under the plan.",
            };
        }

        if (!Takes(plan, period))
        {
            throw new DomainException("Period", $"{plan.Citation} không áp dụng cho kỳ {period.ToVietnamese()}.")
            {
                English = $"Plan {plan.Id} ({plan.Number}) runs {plan.FirstPeriod}..{plan.LastPeriod ?? ""} and does not cover {period}.",
            };
        }

        return plan;
    }

    /// <summary>
    /// The plan covers the period, or ends just before it: a province loading the month after the last one it holds
    /// extends the plan by that month rather than needing a new plan.
    /// </summary>
    private static bool Takes(Plan plan, ReportingPeriod period) =>
        plan.Covers(period) || (plan.Last is { } last && period.Type == plan.PeriodType && last.Next() == period);

    /// <summary>The units reporting under the plan for the period, with every name they have had and their parent's name then.</summary>
    private async Task<List<UnitCandidate>> CandidatesAsync(IReadOnlySet<int> audience, ReportingPeriod period, CancellationToken ct)
    {
        var ids = audience.ToList();
        var end = period.CalendarWindow().End;
        var tree = await units.LoadTreeAsync(end, ct);
        var namesThen = await units.NamesAsync(end, ct);
        var codes = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Code }).ToListAsync(ct);
        var names = (await db.UnitNames.AsNoTracking().Where(n => ids.Contains(n.UnitId)).Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct))
            .ToLookup(n => n.UnitId);
        return codes.OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => new UnitCandidate(
                u.Id,
                u.Code,
                // The name in the period first: it is the one results show.
                [.. names[u.Id].OrderByDescending(n => namesThen.GetValueOrDefault(u.Id) == n.Name).ThenByDescending(n => n.ValidFrom).Select(n => n.Name)],
                tree.ParentOf(u.Id) is { } parent ? namesThen.GetValueOrDefault(parent) : null))
            .Where(c => c.Names.Count > 0)
            .ToList();
    }

    private static UnitCandidate UnitOf(string name, ImportedReport document, Batch batch)
    {
        if (batch.Map.TryGetValue(name, out var code))
        {
            return batch.ByCode.TryGetValue(code, out var mapped)
                ? mapped
                : throw Refused(
                    $"Đơn vị mã {code} không thuộc diện báo cáo {batch.Period.ToVietnamese()} theo {batch.Plan.Citation}.",
                    $"Unit {code} (from the map file) does not report under plan {batch.Plan.Id} for {batch.Period}.");
        }

        if (document.Issuer is not { Length: > 0 } issuer)
        {
            throw Refused(
                "Không nhận ra cơ quan ban hành ở phần đầu văn bản, nên không biết báo cáo của đơn vị nào.",
                "No issuer was recognised in the file's header; list the file in --map.");
        }

        var match = batch.Matcher.Match(issuer, document.ParentIssuer);
        return match.Units switch
        {
            [var one] => one,
            [] => throw Refused(
                $"Không có đơn vị nào tên \"{issuer}\" trong các đơn vị phải báo cáo {batch.Period.ToVietnamese()} theo {batch.Plan.Citation}.",
                $"No unit named \"{issuer}\" reports under plan {batch.Plan.Id} for {batch.Period}; list the file in --map."),
            var several => throw Refused(
                $"Có {several.Count} đơn vị cùng tên \"{issuer}\" ({string.Join("; ", several.Select(u => $"{u.Names[0]}, mã {u.Code}"))}); không xác định được đơn vị gửi.",
                $"\"{issuer}\" names {several.Count} units ({string.Join(", ", several.Select(u => u.Code))}); list the file in --map."),
        };
    }

    /// <summary>A sent report counts as sent on the date of its header (in the morning, Vietnam time).</summary>
    private DateTime SentAt(ImportedReport document)
    {
        if (document.Date is not { } date)
        {
            throw Refused(
                "Tệp không có ngày ban hành ở phần đầu văn bản nên không xác định được ngày gửi. Nhập ở trạng thái nháp hoặc bổ sung ngày trong tệp.",
                "The file has no date in its header, so it cannot count as sent on it; import it as a draft or date the file.");
        }

        if (date > VietnamTime.Today(clock))
        {
            throw Refused($"Ngày của văn bản ({date:dd/MM/yyyy}) chưa đến.", $"The file is dated {date:dd/MM/yyyy}, which is in the future.");
        }

        return TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(8, 0)), VietnamTime.Zone);
    }

    private static async Task<byte[]> ReadAsync(ImportFile file, CancellationToken ct)
    {
        if (ReportImportService.Refuse(file.Length) is { } refused)
        {
            throw refused;
        }

        try
        {
            await using var stream = file.Open();
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refused("Không đọc được tệp.", ex.Message);
        }
    }

    private async Task<WordFile> ReadWordAsync(byte[] content, Batch batch, CancellationToken ct)
    {
        try
        {
            return await WordFile.ReadAsync(content, libreOffice, ct, batch.Registry);
        }
        catch (Exception ex) when (ex is DocumentImportException or Export.ExternalToolException)
        {
            throw Refused(ReportImportService.Explain(ex), ex.Message);
        }
    }

    private async Task<int?> ExistingAsync(int unitId, ReportingPeriod period, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var code = period.ToString();
        return await db.Reports.Where(r => r.UnitId == unitId && r.Period == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
    }

    private static FileImport Skipped(string name, UnitCandidate unit, int reportId) => new(
        name, ImportOutcome.Skipped, reportId, unit.Code, unit.Names[0],
        $"Đơn vị đã có báo cáo kỳ này (số hiệu {reportId}); giữ nguyên báo cáo đó.",
        $"a report already exists (id {reportId})");

    private static FileImport Failed(string name, UnitCandidate? unit, string reason, string english) =>
        new(name, ImportOutcome.Failed, null, unit?.Code, unit?.Names[0], reason, english);

    private static DomainException Refused(string vietnamese, string english) => new("File", vietnamese) { English = english };

    private static string? Shorten(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
