using System.Security.Cryptography;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DanVan.Core.Access;

/// <summary>What the account page lists: one active log-in.</summary>
public sealed record SessionRow(string Id, SessionKind Kind, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, string? Address, string? Device);

/// <summary>
/// Server-side log-ins. Every request asks <see cref="IsActiveAsync"/>, answered from a per-instance cache for
/// <see cref="CacheFor"/>: a revocation takes effect at once on the instance that made it (its cache entry goes) and
/// within <see cref="CacheFor"/> on the others.
/// </summary>
public sealed class SessionService(DanVanDbContext db, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>Last seen is written at most this often per session, so reading pages does not turn into writes.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<UserSession> StartAsync(string userId, SessionKind kind, TimeSpan lifetime, string? address, string? device, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            Kind = kind,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + lifetime,
            Address = address,
            Device = device is { Length: > UserSession.MaxDeviceLength } ? device[..UserSession.MaxDeviceLength] : device,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>
    /// Whether the session exists, belongs to <paramref name="userId"/>, is not revoked and has not expired; a web
    /// session's expiry slides with use, as its cookie's does.
    /// </summary>
    public async Task<bool> IsActiveAsync(string? sessionId, string userId, TimeSpan slidingLifetime, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (cache.TryGetValue(CacheKey(sessionId), out string? owner))
        {
            return owner == userId;
        }

        var session = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.UserId != userId || session.RevokedAt is not null || session.ExpiresAt <= now)
        {
            return false;
        }

        if (now - session.LastSeenAt >= TouchEvery)
        {
            var expires = session.Kind == SessionKind.Web ? now + slidingLifetime : session.ExpiresAt;
            await db.UserSessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.ExpiresAt, expires), ct);
        }

        cache.Set(CacheKey(sessionId), session.UserId, CacheFor);
        return true;
    }

    /// <summary>Ends one session (log-out, DELETE /api/v1/tokens/current); true when it was active.</summary>
    public async Task<bool> RevokeAsync(string sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        cache.Remove(CacheKey(sessionId));
        return await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct) > 0;
    }

    /// <summary>"Log out everywhere": every browser and API token of the user; the number ended.</summary>
    public async Task<int> RevokeAllAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            cache.Remove(CacheKey(id));
        }

        return await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
    }

    public async Task<IReadOnlyList<SessionRow>> ActiveAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionRow(s.Id, s.Kind, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Address, s.Device))
            .ToListAsync(ct);
    }

    private static string CacheKey(string sessionId) => "session:" + sessionId;
}
