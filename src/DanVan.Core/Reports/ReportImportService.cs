using System.Security.Cryptography;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

public sealed record ApplyImport
{
    public required int ReportId { get; init; }

    /// <summary>The report version the preview was made from: the import is refused if the report changed since.</summary>
    public required int ExpectedVersion { get; init; }

    public required string FileName { get; init; }

    public required byte[] Content { get; init; }

    /// <summary>Per imported section (in <see cref="ImportedReport.AllSections"/> order): a section key, "new", or "skip".</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Figures found in the file's tables that the user ticked.</summary>
    public required IReadOnlyList<FigureInput> Figures { get; init; }
}

/// <summary>Applies a previewed Word import to a draft, keeping the original file, all in one transaction.</summary>
public sealed class ReportImportService(DanVanDbContext db, AccessService access, ReportStateService states, TimeProvider clock)
{
    public const string NewSection = "new";
    public const string Skip = "skip";

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

    public async Task<int> ApplyAsync(ApplyImport command, Actor actor, CancellationToken ct = default)
    {
        var visible = await access.VisibleReportAsync(actor, command.ReportId, ct);
        var report = await visible.Include(r => r.Sections).Include(r => r.Figures).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Report");
        await states.RequireEditableAsync(report, actor, ct);

        if (report.Version != command.ExpectedVersion)
        {
            throw new ConcurrencyConflictException("", "Báo cáo vừa được người khác thay đổi sau khi bạn xem trước. Tải tệp lên lại để xem trước theo bản mới.");
        }

        if (command.Content.LongLength > ReportAttachment.MaxBytes)
        {
            throw new DomainException("File", $"Tệp lớn hơn {ReportAttachment.MaxBytes / 1024 / 1024} MB.");
        }

        using var stream = new MemoryStream(command.Content, writable: false);
        var document = DocxReader.Read(stream);
        var imported = document.AllSections().ToList();
        if (command.Targets.Count != imported.Count)
        {
            throw new DomainException("", "Lựa chọn ghép mục không khớp với tệp. Tải tệp lên lại.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ordered = report.Sections.OrderBy(s => s.Order).ToList();
        var used = new HashSet<string>();
        var added = 0;
        for (var i = 0; i < imported.Count; i++)
        {
            var target = command.Targets[i];
            var text = WithFootnotes(OutlineMatcher.TextOf(imported[i]), document.Footnotes);
            if (target == Skip || (target == NewSection && text.Length == 0 && imported[i].Heading.Length == 0))
            {
                continue;
            }

            if (text.Length > ReportSection.MaxTextLength)
            {
                throw new DomainException("", $"Mục \"{imported[i].Heading}\" dài hơn {ReportSection.MaxTextLength:N0} ký tự; tách mục trong Word rồi nhập lại.");
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
                section = ordered.FirstOrDefault(s => s.Key == target) ?? throw new DomainException("", $"Báo cáo không có mục \"{target}\".");
                if (!used.Add(target))
                {
                    throw new DomainException("", $"Hai mục của tệp cùng được ghép vào mục \"{section.Heading}\". Chọn lại.");
                }
            }

            used.Add(section.Key);
            section.Text = text;
            section.Version++;
            section.UpdatedAt = now;
            section.UpdatedBy = actor.UserName;
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Order = i;
        }

        // A figure the report already has (by name) takes the file's value: importing a corrected file again must not
        // list every figure twice.
        var (updatedFigures, addedFigures) = (0, 0);
        foreach (var figure in command.Figures)
        {
            var name = Shorten(figure.Name.Trim(), 300);
            var unit = Shorten((figure.UnitOfMeasure ?? "").Trim(), 50);
            if (report.Figures.FirstOrDefault(f => string.Equals(f.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                (known.Value, known.TextValue, known.UnitOfMeasure) = (figure.Value, null, unit.Length > 0 ? unit : known.UnitOfMeasure);
                updatedFigures++;
                continue;
            }

            if (report.Figures.Count >= ReportService.MaxFigures)
            {
                throw new DomainException("", $"Báo cáo đã có {report.Figures.Count} chỉ tiêu số liệu, tối đa {ReportService.MaxFigures}. Bỏ chọn bớt số liệu từ tệp hoặc xóa bớt chỉ tiêu trong báo cáo.");
            }

            report.Figures.Add(new ReportFigure { Name = name, Value = figure.Value, UnitOfMeasure = unit, Order = report.Figures.Count });
            addedFigures++;
        }

        db.ReportAttachments.Add(new ReportAttachment
        {
            ReportId = report.Id,
            FileName = Shorten(Path.GetFileName(command.FileName), 260),
            ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Size = command.Content.LongLength,
            Sha256 = Convert.ToHexString(SHA256.HashData(command.Content)).ToLowerInvariant(),
            Content = command.Content,
            UploadedAt = now,
            UploadedBy = actor.UserName,
        });
        db.ReportTransitions.Add(new ReportTransition
        {
            ReportId = report.Id,
            At = now,
            UserName = actor.UserName,
            UserFullName = actor.FullName,
            FromStatus = report.Status,
            ToStatus = report.Status,
            Comment = $"Nhập từ tệp Word \"{Path.GetFileName(command.FileName)}\" ({used.Count} mục, {FiguresText(addedFigures, updatedFigures)}{(added > 0 ? $", thêm {added} mục mới" : "")})",
        });
        report.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("", "Báo cáo vừa được người khác thay đổi. Tải tệp lên lại để xem trước theo bản mới.");
        }

        return report.Version;
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
