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

    /// <summary>Right password, but an administrator disabled the account.</summary>
    Disabled,

    /// <summary>Right password of an account with two-step verification: the code comes next.</summary>
    CodeRequired,

    /// <summary>Right password, wrong authenticator or recovery code.</summary>
    WrongCode,

    /// <summary>Right password (and code), but someone else set it: the owner must choose a new one first.</summary>
    PasswordChangeRequired,
}

public sealed record LogInAttempt
{
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public required SessionKind Kind { get; init; }
    public required TimeSpan Lifetime { get; init; }
    public string? Address { get; init; }
    public string? Device { get; init; }

    /// <summary>The authenticator app's 6-digit code or a recovery code, for an account with two-step verification.</summary>
    public string? Code { get; init; }
}

/// <summary>
/// The next step of a log-in whose password was right (the code, a new password), for the account the web's
/// short-lived log-in cookie names.
/// </summary>
public sealed record LogInStep
{
    public required string UserId { get; init; }
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
        LogInOutcome.Disabled => "Tài khoản này đã bị quản trị hệ thống vô hiệu hóa. Liên hệ quản trị nếu cần dùng lại.",
        LogInOutcome.CodeRequired => "Nhập mã 6 số trong ứng dụng xác thực (hoặc một mã khôi phục).",
        LogInOutcome.WrongCode => "Mã xác thực không đúng hoặc đã dùng. Nhập mã mới trong ứng dụng xác thực (hoặc một mã khôi phục chưa dùng).",
        LogInOutcome.PasswordChangeRequired => "Mật khẩu của tài khoản này do quản trị đặt. Đặt mật khẩu mới của riêng bạn trước khi tiếp tục.",
        _ => $"Có quá nhiều lần đăng nhập sai. Thử lại sau {Minutes} phút.",
    };

    public string English => Outcome switch
    {
        LogInOutcome.Succeeded => "",
        LogInOutcome.WrongCredentials => "Wrong user name or password.",
        LogInOutcome.LockedOut => $"The account is locked after too many wrong passwords; try again in {Minutes} min or ask an administrator.",
        LogInOutcome.Disabled => "The account is disabled by an administrator.",
        LogInOutcome.CodeRequired => "The account uses two-step verification: a code from the authenticator app (or a recovery code) is required.",
        LogInOutcome.WrongCode => "Wrong or already used two-step verification code.",
        LogInOutcome.PasswordChangeRequired => "An administrator set this password: its owner must choose a new one on the web log-in page first.",
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
    TwoFactorService twoFactor,
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
            return await FailAsync(null, name, attempt.Kind, attempt.Address, "unknown user name", ct);
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
            return await FailAsync(user.Id, user.UserName ?? name, attempt.Kind, attempt.Address, "wrong password", ct);
        }

        var step = new LogInStep { UserId = user.Id, Kind = attempt.Kind, Lifetime = attempt.Lifetime, Address = attempt.Address, Device = attempt.Device };
        if (user.DisabledAt is not null)
        {
            return await RefuseDisabledAsync(user, step, ct);
        }

        if (!user.TwoFactorEnabled)
        {
            return await FinishAsync(user, step, ct);
        }

        // The password alone proves nothing for this account: no session, and the counts stay until the code is right.
        return string.IsNullOrWhiteSpace(attempt.Code)
            ? new LogInResult(LogInOutcome.CodeRequired, user)
            : await CheckCodeAsync(user, attempt.Code, step, ct);
    }

    /// <summary>The code step of the web form, for the account whose password was right a moment ago.</summary>
    public async Task<LogInResult> VerifyCodeAsync(LogInStep step, string code, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(step.UserId) ?? throw new NotFoundException("User");
        var name = user.UserName ?? "";
        if (throttle.Check(name, step.Address) is { } verdict)
        {
            await audit.RecordAsync(AuditKind.LogInRefused, false, user.Id, name, step.Address, detail: $"{step.Kind}: {verdict.Reason}", ct: ct);
            return new LogInResult(verdict.Reason == ThrottleReason.AccountAndAddress ? LogInOutcome.LockedOut : LogInOutcome.Throttled, RetryAfter: verdict.RetryAfter);
        }

        return user.DisabledAt is not null ? await RefuseDisabledAsync(user, step, ct)
            : !user.TwoFactorEnabled ? await FinishAsync(user, step, ct)
            : await CheckCodeAsync(user, code, step, ct);
    }

    /// <summary>
    /// The forced change after an administrator set the password: the new one (typed twice, the password rule, not the
    /// one the administrator chose) replaces it, and the log-in completes with a session.
    /// </summary>
    public async Task<LogInResult> SetOwnPasswordAsync(LogInStep step, string next, string confirm, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(step.UserId) ?? throw new NotFoundException("User");
        if (user.DisabledAt is not null)
        {
            return await RefuseDisabledAsync(user, step, ct);
        }

        if (!user.MustChangePassword)
        {
            return await FinishAsync(user, step, ct);
        }

        AccountRules.RequireNewPassword(next, confirm);
        if (await users.CheckPasswordAsync(user, next))
        {
            throw new DomainException("NewPassword", "Chọn mật khẩu khác với mật khẩu quản trị đã đặt.") { English = "Choose a password other than the one the administrator set." };
        }

        // A reset token rather than RemovePassword + AddPassword: the new password is checked before the old one goes.
        AccountRules.Check(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), next), "NewPassword");
        user.MustChangePassword = false;
        AccountRules.Check(await users.UpdateAsync(user), "NewPassword");
        await audit.RecordAsync(AuditKind.PasswordChanged, true, user.Id, user.UserName, step.Address, user.UserName, "chosen at log-in after an administrator set it", ct);
        return await FinishAsync(user, step, ct);
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

    private async Task<LogInResult> CheckCodeAsync(AppUser user, string code, LogInStep step, CancellationToken ct)
    {
        var name = user.UserName ?? "";
        var used = await twoFactor.RedeemAsync(user, code);
        if (used is null)
        {
            return await FailAsync(user.Id, name, step.Kind, step.Address, "wrong two-factor code", ct, LogInOutcome.WrongCode);
        }

        if (used == TwoFactorCode.Recovery)
        {
            log.LogWarning("Log-in of {UserName} from {Address} with a recovery code", name, step.Address);
        }

        return await FinishAsync(user, step, ct, used == TwoFactorCode.Recovery ? "recovery code" : "authenticator code");
    }

    /// <summary>Every check passed: the forced password change if one is due, else a session.</summary>
    private async Task<LogInResult> FinishAsync(AppUser user, LogInStep step, CancellationToken ct, string? how = null)
    {
        var name = user.UserName ?? "";
        throttle.Succeeded(name, step.Address);
        if (user.MustChangePassword)
        {
            return new LogInResult(LogInOutcome.PasswordChangeRequired, user);
        }

        var session = await sessions.StartAsync(user.Id, step.Kind, step.Lifetime, step.Address, step.Device, ct);
        log.LogInformation("Log-in of {UserName} from {Address} ({Kind})", name, step.Address, step.Kind);
        await audit.RecordAsync(step.Kind == SessionKind.Api ? AuditKind.TokenCreated : AuditKind.LogIn, true, user.Id, name, step.Address, session.Id, how is null ? step.Device : $"{how}; {step.Device}", ct);
        return new LogInResult(LogInOutcome.Succeeded, user, session);
    }

    private async Task<LogInResult> RefuseDisabledAsync(AppUser user, LogInStep step, CancellationToken ct)
    {
        log.LogWarning("Log-in refused for {UserName} from {Address}: account disabled", user.UserName, step.Address);
        await audit.RecordAsync(AuditKind.LogInRefused, false, user.Id, user.UserName, step.Address, detail: $"{step.Kind}: account disabled", ct: ct);
        return new LogInResult(LogInOutcome.Disabled);
    }

    private async Task<LogInResult> FailAsync(string? userId, string name, SessionKind kind, string? address, string why, CancellationToken ct, LogInOutcome outcome = LogInOutcome.WrongCredentials)
    {
        throttle.Failed(name, address);
        log.LogWarning("Log-in failed for {UserName} from {Address} ({Kind}): {Why}", name, address, kind, why);
        await audit.RecordAsync(AuditKind.LogInFailed, false, userId, name, address, detail: $"{kind}: {why}", ct: ct);

        // The attempt that reaches the limit is told so, as Identity's lockout did.
        return throttle.Check(name, address) is { Reason: ThrottleReason.AccountAndAddress } locked
            ? new LogInResult(LogInOutcome.LockedOut, RetryAfter: locked.RetryAfter)
            : new LogInResult(outcome);
    }
}
