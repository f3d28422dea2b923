namespace DanVan.Core.Audit;

/// <summary>What happened, as stored (by name, so reordering the enum never rewrites history).</summary>
public enum AuditKind
{
    LogIn,
    LogInFailed,
    LogInRefused,
    LogOut,
    TokenCreated,
    TokenRevoked,
    SessionsRevoked,
    PasswordChanged,
    PasswordReset,
    UserCreated,
    UserUpdated,
    UserUnlocked,
    UsersImported,
    UnitCreated,
    UnitRenamed,
    UnitMoved,
    UnitClosed,
    UnitsReorganised,
    UserDisabled,
    UserEnabled,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRenewed,
    LegalDocumentAdded,
    LegalDocumentChanged,
}

/// <summary>
/// One administrative or security event. Rows are only ever added: the app has no update or delete path, and
/// <see cref="AuditLog.RefuseChanges"/> stops any save that would alter one.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxTextLength = 1000;

    public long Id { get; init; }

    public DateTime At { get; init; }

    public AuditKind Kind { get; init; }

    public bool Succeeded { get; init; }

    /// <summary>Who acted: the signed-in account, or for a log-in the account tried (null when the name is unknown).</summary>
    public string? UserId { get; init; }

    /// <summary>The name as typed or signed in, kept even after the account is renamed or removed.</summary>
    public string? UserName { get; init; }

    /// <summary>What was acted on: an account name, a unit code, a session id.</summary>
    public string? Target { get; init; }

    public string? Address { get; init; }

    public string? Detail { get; init; }
}
