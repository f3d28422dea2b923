using DanVan.Core.Access;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reminders;

/// <summary>Someone a notification goes to: the bell of their account and, when they have one, their e-mail address.</summary>
public sealed record Recipient(string UserId, int UnitId, string? Email);

/// <summary>
/// The bell: putting a message there for users (with the same message in the e-mail outbox when SMTP is set), the user's count
/// and list, and marking them read. Reminders and the report workflow both notify through here.
/// </summary>
public sealed class NotificationService(DanVanDbContext db, SmtpSettings smtp, TimeProvider clock)
{
    public const int PageSize = 200;

    public const int MaxTextLength = 1000;

    private sealed record UserRow(string Id, int UnitId, string? Email, DateTimeOffset? LockoutEnd, DateTime? DisabledAt);

    public Task<int> UnreadCountAsync(string userId, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);

    /// <summary>Newest first, at most <see cref="PageSize"/>.</summary>
    public async Task<IReadOnlyList<Notification>> ListAsync(string userId, CancellationToken ct = default) =>
        await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(PageSize)
            .ToListAsync(ct);

    /// <summary>Marks one notification (or, with no id, all of them) read; another user's are left alone.</summary>
    public Task<int> MarkReadAsync(string userId, int? id = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications
            .Where(n => n.UserId == userId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>Active users of the units holding one of the roles; one query whatever the number of units.</summary>
    public async Task<List<Recipient>> InRolesAsync(IReadOnlyCollection<int> unitIds, IReadOnlyCollection<string> roles, CancellationToken ct = default) =>
        unitIds.Count == 0 ? [] : Active(await (
                from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where unitIds.Contains(u.UnitId) && roles.Contains(r.Name!)
                select new UserRow(u.Id, u.UnitId, u.Email, u.LockoutEnd, u.DisabledAt))
            .AsNoTracking().ToListAsync(ct));

    /// <summary>The named users who are still active.</summary>
    public async Task<List<Recipient>> NamedAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default) =>
        userNames.Count == 0 ? [] : Active(await db.Users.AsNoTracking()
            .Where(u => userNames.Contains(u.UserName!))
            .Select(u => new UserRow(u.Id, u.UnitId, u.Email, u.LockoutEnd, u.DisabledAt))
            .ToListAsync(ct));

    /// <summary>Adds the message to each recipient's bell; saved with the caller's next save, so it stands or falls with the change it tells of.</summary>
    public void Add(IEnumerable<Recipient> recipients, string text, string url)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The bell shows a line; a long reason is read in full on the page it links to (and in the e-mail).
        var line = text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
        db.Notifications.AddRange(recipients.Select(r => new Notification { UserId = r.UserId, CreatedAt = now, Text = line, Url = url }));
    }


    /// <summary>
    /// Puts in the outbox, saved with the caller's next save, the e-mails telling the recipients who have an address
    /// the same thing as the bell, with the link (none without SMTP); returns how many. <see cref="MailOutbox"/> sends them.
    /// </summary>
    public int Mail(IEnumerable<Recipient> recipients, string subject, string text, string url)
    {
        if (!smtp.IsConfigured)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var link = string.IsNullOrWhiteSpace(smtp.SiteUrl) ? url : smtp.SiteUrl.TrimEnd('/') + url;
        var body = $"{text}\n\nĐăng nhập DanVan để xem: {link}\n\n(Thư gửi tự động từ hệ thống DanVan, vui lòng không trả lời.)";
        var mails = recipients.Where(r => !string.IsNullOrWhiteSpace(r.Email))
            .Select(r => new OutboxMail { To = r.Email!, Subject = subject, Body = body, CreatedAt = now, NextAttemptAt = now })
            .ToList();
        db.OutboxMails.AddRange(mails);
        return mails.Count;
    }

    /// <summary>
    /// A disabled or locked-out account reads nothing, so neither its bell nor its mailbox gets reminders or workflow
    /// news. LockoutEnd is compared here: SQLite cannot compare DateTimeOffset values in SQL.
    /// </summary>
    private List<Recipient> Active(List<UserRow> rows)
    {
        var now = clock.GetUtcNow();
        return rows.Where(u => u.DisabledAt is null && !(u.LockoutEnd > now)).DistinctBy(u => u.Id).OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new Recipient(u.Id, u.UnitId, u.Email)).ToList();
    }
}
