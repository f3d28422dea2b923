namespace DanVan.Core.Access;

public enum SessionKind
{
    /// <summary>A browser's log-in cookie.</summary>
    Web,

    /// <summary>A bearer token from POST /api/v1/tokens.</summary>
    Api,
}

/// <summary>
/// One log-in (a browser's cookie or an API token). The cookie or token carries only the id; log-out and "log out
/// everywhere" revoke the row, so a copied cookie or token stops working although its signature is still valid.
/// </summary>
public sealed class UserSession
{
    public const int MaxDeviceLength = 300;

    /// <summary>Random, unguessable (it travels inside the signed cookie or token, but is never a counter).</summary>
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public SessionKind Kind { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime LastSeenAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>The client address at log-in (IPv4 or IPv6 text).</summary>
    public string? Address { get; init; }

    /// <summary>The browser or client as it named itself (User-Agent), cut to <see cref="MaxDeviceLength"/>.</summary>
    public string? Device { get; init; }
}
