using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

/// <summary>Writing a report's sections: one section at a time, refused only when that section changed meanwhile.</summary>
public sealed partial class ReportService
{
    /// <summary>
    /// Copies a section's text from the unit's report for the previous period, on request; the section is marked as
    /// copied so reviewers see it. Refused when the section changed since the user looked at it.
    /// </summary>
    public Task<SectionSaved> CopyFromPreviousAsync(int reportId, string key, int expectedVersion, Actor actor, CancellationToken ct = default) =>
        ChangeSectionAsync(reportId, key, expectedVersion, actor, async (report, section) =>
        {
            var previous = ReportingPeriod.Parse(report.Period).Previous();
            var code = previous.ToString();
            var source = await db.ReportSections.AsNoTracking()
                .Where(s => s.Key == key && db.Reports.Any(r => r.Id == s.ReportId && r.UnitId == report.UnitId && r.Period == code))
                .Select(s => new { s.ReportId, s.Text })
                .FirstOrDefaultAsync(ct);
            if (source is null)
            {
                var any = await db.Reports.AnyAsync(r => r.UnitId == report.UnitId && r.Period == code, ct);
                throw new DomainException(nameof(SaveSection.Text), any
                    ? $"Báo cáo {previous.ToVietnamese()} của đơn vị không có mục này để chép."
                    : $"Chưa có báo cáo {previous.ToVietnamese()} của đơn vị để chép.")
                {
                    English = any ? $"The unit's report for {previous} has no such section to copy." : $"The unit has no report for {previous} to copy from.",
                };
            }

            if (string.IsNullOrWhiteSpace(source.Text))
            {
                throw new DomainException(nameof(SaveSection.Text), $"Mục này trong báo cáo {previous.ToVietnamese()} của đơn vị còn trống, không có gì để chép.")
                {
                    English = $"This section of the unit's report for {previous} is empty; there is nothing to copy.",
                };
            }

            section.CopiedFromReportId = source.ReportId;
            return source.Text;
        }, ct);

    /// <summary>Saves one section; refuses a save based on a stale version so nobody's text is overwritten.</summary>
    public Task<SectionSaved> SaveSectionAsync(SaveSection command, Actor actor, CancellationToken ct = default)
    {
        if (command.Text.Length > ReportSection.MaxTextLength)
        {
            throw new DomainException(nameof(command.Text), $"Nội dung dài {command.Text.Length:N0} ký tự, vượt giới hạn {ReportSection.MaxTextLength:N0} ký tự của một mục. Tách bớt sang mục khác.")
            {
                English = $"The text has {command.Text.Length:N0} characters, over the limit of {ReportSection.MaxTextLength:N0} for one section. Move part of it to another section.",
            };
        }

        // Characters a .docx cannot hold would make the report impossible to download, for its unit and above.
        var text = VietnameseText.WithoutInvalidCharacters(command.Text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return ChangeSectionAsync(command.ReportId, command.Key, command.ExpectedVersion, actor, (_, _) => Task.FromResult(text), ct);
    }

    /// <summary>
    /// Changes one section of an editable report, refused only when that section changed since the user looked at it
    /// or the report left a state they may edit in. The report's own version still moves with each section (a leader
    /// submits, an import applies, what they saw), but as an increment in SQL, not a check: writers of different
    /// sections never refuse each other.
    /// </summary>
    private async Task<SectionSaved> ChangeSectionAsync(int reportId, string key, int expectedVersion, Actor actor, Func<Report, ReportSection, Task<string>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var report = await LoadForChangeAsync(reportId, actor, ct);
            await states.RequireEditableAsync(report, actor, ct);
            var section = await db.ReportSections.FirstOrDefaultAsync(s => s.ReportId == report.Id && s.Key == key, ct)
                ?? throw new NotFoundException("Section");
            if (section.Version != expectedVersion)
            {
                throw Conflict(section);
            }

            section.Write(await change(report, section), actor.UserName, Now());
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // The section's version is the only concurrency token this save checks.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                throw Conflict(await db.ReportSections.AsNoTracking().FirstAsync(s => s.Id == section.Id, ct));
            }

            // Bumped only if the status we checked still holds; the row lock this takes orders the save against a
            // concurrent hand-over or submit, so no text lands unseen in a report that has moved on.
            var status = report.Status;
            var moved = await db.Reports.Where(r => r.Id == report.Id && r.Status == status)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version + 1), ct);
            if (moved == 1)
            {
                var reportVersion = await db.Reports.Where(r => r.Id == report.Id).Select(r => r.Version).FirstAsync(ct);
                await transaction.CommitAsync(ct);

                // The tracked report still holds the version read before the bump: forget it, so the next change in
                // this scope (an import, a consolidation, a hand-over) reads the row again instead of conflicting.
                db.Entry(report).State = EntityState.Detached;
                return new SectionSaved(section.Version, reportVersion);
            }

            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (attempt == 3)
            {
                throw new ConcurrencyConflictException(nameof(SaveSection.Text), "Trạng thái báo cáo vừa thay đổi nhiều lần nên mục này chưa được lưu; văn bản của bạn vẫn còn nguyên. Tải lại trang rồi lưu lại.")
                {
                    English = "The report's status changed several times meanwhile, so this section was not saved; your text is intact. Reload the page and save again.",
                };
            }

            // The status changed meanwhile: the next look either refuses the edit with the reason or saves anyway
            // (a leader may keep editing once staff hand the report over).
        }
    }

    private static ConcurrencyConflictException Conflict(ReportSection latest)
    {
        var at = latest.UpdatedAt is { } t ? VietnamTime.FormatDateTime(t) : null;
        var (when, englishWhen) = at is null ? ("", "") : (" lúc " + at, " at " + at);
        return new ConcurrencyConflictException(
            nameof(SaveSection.Text),
            $"Mục này vừa được {latest.UpdatedBy ?? "người khác"} lưu{when}. Văn bản của bạn chưa được lưu và vẫn còn nguyên trong ô soạn thảo; hãy đối chiếu với bản mới bên dưới rồi lưu lại.")
        {
            English = $"{latest.UpdatedBy ?? "Someone else"} saved this section{englishWhen} meanwhile. Your text was not saved and is still in the editor; compare it with the new version below, then save again.",
            LatestVersion = latest.Version,
            LatestText = latest.Text,
        };
    }
}
