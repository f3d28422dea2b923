using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Import;

/// <summary>A Word file uploaded for import, kept between preview and confirmation.</summary>
public sealed class StagedUpload
{
    /// <summary>32 lowercase hex digits, random: the form carries it from preview to confirmation.</summary>
    public required string Token { get; init; }

    public required string UserId { get; init; }

    public required string FileName { get; init; }

    public required byte[] Content { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// Holds an uploaded Word file between preview and confirmation: nothing is saved to the report until the user
/// confirms. Kept in the database, so a preview shown by one app instance can be confirmed on another; only the
/// uploader can load it, and it expires after a day.
/// </summary>
public sealed partial class ImportStaging(DanVanDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public async Task<string> StageAsync(byte[] content, string fileName, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = now - Lifetime;
        await db.StagedUploads.Where(s => s.CreatedAt < expired).ExecuteDeleteAsync(ct);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        db.StagedUploads.Add(new StagedUpload { Token = token, UserId = userId, FileName = Path.GetFileName(fileName), Content = content, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The staged file, only for the user who uploaded it; null when expired or unknown.</summary>
    public async Task<(byte[] Content, string FileName)?> LoadAsync(string? token, string userId, CancellationToken ct)
    {
        if (token is null || !Token().IsMatch(token))
        {
            return null;
        }

        var expired = clock.GetUtcNow().UtcDateTime - Lifetime;
        var staged = await db.StagedUploads.AsNoTracking()
            .Where(s => s.Token == token && s.UserId == userId && s.CreatedAt >= expired)
            .Select(s => new { s.Content, s.FileName })
            .FirstOrDefaultAsync(ct);
        return staged is null ? null : (staged.Content, staged.FileName);
    }

    /// <summary>Forgets the file once imported.</summary>
    public async Task RemoveAsync(string token, string userId, CancellationToken ct) =>
        await db.StagedUploads.Where(s => s.Token == token && s.UserId == userId).ExecuteDeleteAsync(ct);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Token();
}
