using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reminders;

/// <summary>A user's own notifications: the bell's count, the list, and marking them read.</summary>
public sealed class NotificationService(DanVanDbContext db, TimeProvider clock)
{
    public const int PageSize = 200;

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
}
