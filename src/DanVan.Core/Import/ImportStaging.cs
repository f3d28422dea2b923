using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Import;

/// <summary>A Word file uploaded for import and what was read of it, kept between preview and confirmation.</summary>
public sealed class StagedUpload
{
    /// <summary>32 lowercase hex digits, random: the form carries it from preview to confirmation.</summary>
    public required string Token { get; init; }

    public required string UserId { get; init; }

    public required string FileName { get; init; }

    /// <summary>The .docx as uploaded (or as LibreOffice converted a .doc): kept with the report on import, never read again.</summary>
    public required byte[] Content { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The report the file was previewed for, and its version then: the import is refused if it changed since.</summary>
    public int ReportId { get; init; }

    public int ReportVersion { get; init; }

    /// <summary>The file as read at upload (JSON of the parsed report): the preview and the import work from it.</summary>
    public string Parsed { get; init; } = "";
}

/// <summary>
/// Holds an uploaded Word file between preview and confirmation: nothing is saved to the report until the user
/// confirms. Kept in the database, so a preview shown by one app instance can be confirmed on another; only the
/// uploader can load it, for the report it was uploaded for, and it expires after a day.
/// </summary>
public sealed partial class ImportStaging(DanVanDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    /// <summary>Stages <paramref name="upload"/> under a new token (its own Token and CreatedAt are ignored) and answers the token.</summary>
    public async Task<string> StageAsync(StagedUpload upload, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = now - Lifetime;
        await db.StagedUploads.Where(s => s.CreatedAt < expired).ExecuteDeleteAsync(ct);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        db.StagedUploads.Add(new StagedUpload
        {
            Token = token,
            UserId = upload.UserId,
            FileName = Path.GetFileName(upload.FileName),
            Content = upload.Content,
            CreatedAt = now,
            ReportId = upload.ReportId,
            ReportVersion = upload.ReportVersion,
            Parsed = upload.Parsed,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The staged file, only for the user who uploaded it and the report it was uploaded for; null when expired or unknown.</summary>
    public async Task<StagedUpload?> LoadAsync(string? token, string userId, int reportId, CancellationToken ct)
    {
        if (token is null || !Token().IsMatch(token))
        {
            return null;
        }

        var expired = clock.GetUtcNow().UtcDateTime - Lifetime;
        return await db.StagedUploads.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Token == token && s.UserId == userId && s.ReportId == reportId && s.CreatedAt >= expired, ct);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Token();
}
