using DanVan.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace DanVan.Core.Access;

public enum LogInOutcome
{
    Succeeded,
    WrongCredentials,
    LockedOut,
    Throttled,
}

public sealed record LogInAttempt
{
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public required SessionKind Kind { get; init; }
    public required TimeSpan Lifetime { get; init; }
    public string? Address { get; init; }
    public string? Device { get; init; }
}

/// <summary>The answer to a log-in: the account and its new session when it succeeded, else why not (in words for the user).</summary>
public sealed record LogInResult(LogInOutcome Outcome, AppUser? User = null, UserSession? Session = null, TimeSpan? RetryAfter = null)
{
    public string Message => Outcome switch
    {
        LogInOutcome.Succeeded => "",
        LogInOutcome.WrongCredentials => "Tên đăng nhập hoặc mật khẩu không đúng.",
        LogInOutcome.LockedOut => $"Tài khoản đang bị tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau {Minutes} phút hoặc liên hệ quản trị.",
        _ => $"Có quá nhiều lần đăng nhập sai. Thử lại sau {Minutes} phút.",
    };

    public string English => Outcome switch
    {
        LogInOutcome.Succeeded => "",
        LogInOutcome.WrongCredentials => "Wrong user name or password.",
        LogInOutcome.LockedOut => $"The account is locked after too many wrong passwords; try again in {Minutes} min or ask an administrator.",
        _ => $"Too many failed log-ins; try again in {Minutes} min.",
    };

    private int Minutes => Math.Max(1, (int)Math.Ceiling((RetryAfter ?? TimeSpan.FromMinutes(1)).TotalMinutes));
}

/// <summary>
/// The one log-in check of the web form and POST /api/v1/tokens: throttling, the password, the session, the audit
/// row and the log line, the same for both.
/// </summary>
public sealed class LogInService(
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    LogInThrottle throttle,
    SessionService sessions,
    AuditLog audit,
    ILogger<LogInService> log)
{
    private static readonly AppUser Nobody = new() { FullName = "" };
    private static string? _dummyHash;

    public async Task<LogInResult> LogInAsync(LogInAttempt attempt, CancellationToken ct = default)
    {
        var name = attempt.UserName.Trim();
        if (throttle.Check(name, attempt.Address) is { } verdict)
        {
            var outcome = verdict.Reason == ThrottleReason.AccountAndAddress ? LogInOutcome.LockedOut : LogInOutcome.Throttled;
            log.LogWarning("Log-in refused for {UserName} from {Address}: {Reason}, retry after {RetryAfter}", name, attempt.Address, verdict.Reason, verdict.RetryAfter);
            await audit.RecordAsync(AuditKind.LogInRefused, false, null, name, attempt.Address, detail: $"{attempt.Kind}: {verdict.Reason}", ct: ct);
            return new LogInResult(outcome, RetryAfter: verdict.RetryAfter);
        }

        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            // Hash anyway: answering an unknown name faster than a wrong password would tell which names exist.
            hasher.VerifyHashedPassword(Nobody, _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString()), attempt.Password);
            return await FailAsync(null, name, attempt, "unknown user name", ct);
        }

        if (await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(user, user.PasswordHash ?? _dummyHash ?? "", attempt.Password);
            log.LogWarning("Log-in refused for {UserName} from {Address}: account locked", name, attempt.Address);
            await audit.RecordAsync(AuditKind.LogInRefused, false, user.Id, user.UserName, attempt.Address, detail: $"{attempt.Kind}: account locked", ct: ct);
            var until = await users.GetLockoutEndDateAsync(user);
            return new LogInResult(LogInOutcome.LockedOut, RetryAfter: until is { } u ? u - DateTimeOffset.UtcNow : null);
        }

        if (!await users.CheckPasswordAsync(user, attempt.Password))
        {
            return await FailAsync(user.Id, user.UserName ?? name, attempt, "wrong password", ct);
        }

        throttle.Succeeded(name, attempt.Address);
        var session = await sessions.StartAsync(user.Id, attempt.Kind, attempt.Lifetime, attempt.Address, attempt.Device, ct);
        log.LogInformation("Log-in of {UserName} from {Address} ({Kind})", user.UserName, attempt.Address, attempt.Kind);
        await audit.RecordAsync(attempt.Kind == SessionKind.Api ? AuditKind.TokenCreated : AuditKind.LogIn, true, user.Id, user.UserName, attempt.Address, session.Id, attempt.Device, ct);
        return new LogInResult(LogInOutcome.Succeeded, user, session);
    }

    /// <summary>Log-out of one browser or one token: the session ends at once, whatever the cookie or token still says.</summary>
    public async Task LogOutAsync(Actor actor, string? sessionId, SessionKind kind, CancellationToken ct = default)
    {
        if (sessionId is not null)
        {
            await sessions.RevokeAsync(sessionId, ct);
        }

        await audit.RecordAsync(kind == SessionKind.Api ? AuditKind.TokenRevoked : AuditKind.LogOut, true, actor.UserId, actor.UserName, actor.Address, sessionId, ct: ct);
    }

    /// <summary>"Đăng xuất khỏi mọi thiết bị": every browser and token of the signed-in user; the number ended.</summary>
    public async Task<int> LogOutEverywhereAsync(Actor actor, CancellationToken ct = default)
    {
        var ended = await sessions.RevokeAllAsync(actor.UserId, ct);
        await audit.RecordAsync(AuditKind.SessionsRevoked, true, actor.UserId, actor.UserName, actor.Address, detail: $"{ended} sessions", ct: ct);
        return ended;
    }

    private async Task<LogInResult> FailAsync(string? userId, string name, LogInAttempt attempt, string why, CancellationToken ct)
    {
        throttle.Failed(name, attempt.Address);
        log.LogWarning("Log-in failed for {UserName} from {Address} ({Kind}): {Why}", name, attempt.Address, attempt.Kind, why);
        await audit.RecordAsync(AuditKind.LogInFailed, false, userId, name, attempt.Address, detail: $"{attempt.Kind}: {why}", ct: ct);

        // The attempt that reaches the limit is told so, as Identity's lockout did.
        return throttle.Check(name, attempt.Address) is { Reason: ThrottleReason.AccountAndAddress } locked
            ? new LogInResult(LogInOutcome.LockedOut, RetryAfter: locked.RetryAfter)
            : new LogInResult(LogInOutcome.WrongCredentials);
    }
}
