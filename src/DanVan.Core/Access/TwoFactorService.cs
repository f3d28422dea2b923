using System.Globalization;
using DanVan.Core.Audit;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Core.Access;

/// <summary>Which kind of second factor a log-in used.</summary>
public enum TwoFactorCode
{
    Authenticator,
    Recovery,
}

/// <summary>What the two-step verification page shows: whether it is on, and while setting up, the key to enter in the app.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool Offered, int RecoveryCodesLeft);

/// <summary>The shared secret of an authenticator app, as text to type and as the otpauth:// link a QR code would carry.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri)
{
    /// <summary>The key in groups of four, easier to type into a phone.</summary>
    public string GroupedKey => string.Join(' ', Key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}

/// <summary>
/// Optional two-step verification (TOTP, RFC 6238) with Identity's authenticator support, offered to administrators
/// and consolidators, whose accounts reach the most data. Each change renews the security stamp (Identity does), which
/// ends the account's other sessions; the page renews its own cookie.
/// </summary>
public sealed class TwoFactorService(UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
{
    public const string Issuer = "DanVan";

    public const int RecoveryCodeCount = 10;

    /// <summary>Where the last accepted authenticator code is kept, so one code opens one log-in only (ASVS 2.8.4).</summary>
    private const string StoreName = "DanVan";

    private const string LastCodeName = "LastAuthenticatorCode";

    /// <summary>Identity accepts a code for a couple of 30-second steps either side of now; a replay is refused this long.</summary>
    private static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static bool OfferedTo(IReadOnlySet<string> roles) => roles.Contains(Roles.Admin) || roles.Contains(Roles.Consolidator);

    public async Task<TwoFactorStatus> StatusAsync(Actor actor)
    {
        var user = await FindAsync(actor);
        return new TwoFactorStatus(
            user.TwoFactorEnabled,
            OfferedTo(actor.Roles),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0);
    }

    /// <summary>Starts (or starts over) the set-up: a new key for the authenticator app; nothing is switched on yet.</summary>
    public async Task<AuthenticatorSetup> BeginAsync(Actor actor)
    {
        var user = await FindAsync(actor);
        RequireOffered(actor, user);
        if (user.TwoFactorEnabled)
        {
            throw new DomainException("", "Xác thực hai bước đang bật. Tắt trước nếu muốn dùng ứng dụng xác thực khác.") { English = "Two-step verification is already on." };
        }

        AccountRules.Check(await users.ResetAuthenticatorKeyAsync(user), "Code");
        return await SetupOfAsync(user);
    }

    /// <summary>The key being set up, to show it again beside a mistyped code; null when no set-up was started.</summary>
    public async Task<AuthenticatorSetup?> PendingAsync(Actor actor)
    {
        var user = await FindAsync(actor);
        return user.TwoFactorEnabled || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)) ? null : await SetupOfAsync(user);
    }

    /// <summary>
    /// Switches two-step verification on once a code from the app proves the key was entered right; returns the
    /// recovery codes, shown once; each opens one log-in when the phone is lost.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnableAsync(Actor actor, string? code)
    {
        var user = await FindAsync(actor);
        RequireOffered(actor, user);
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            throw new DomainException("", "Bấm \"Bật xác thực hai bước\" để lấy khóa cho ứng dụng xác thực trước.") { English = "Start the set-up first." };
        }

        var digits = Digits(code);
        if (digits is null || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            throw new DomainException("Code", "Mã không đúng. Nhập mã 6 số đang hiện trong ứng dụng xác thực (mã đổi sau mỗi 30 giây); kiểm tra giờ của điện thoại nếu vẫn sai.") { English = "Wrong code: enter the 6-digit code the authenticator app shows now." };
        }

        await RememberAsync(user, digits);
        AccountRules.Check(await users.SetTwoFactorEnabledAsync(user, true), "Code");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await RecordAsync(AuditKind.TwoFactorEnabled, actor, user);
        return codes;
    }

    /// <summary>Switches it off; the password is asked again so a borrowed, signed-in browser cannot.</summary>
    public async Task DisableAsync(Actor actor, string? password)
    {
        var user = await FindAsync(actor);
        await RequirePasswordAsync(user, password);
        AccountRules.Check(await users.SetTwoFactorEnabledAsync(user, false), "Password");

        // A new key, never shown: switching on again means entering a new key in the app.
        AccountRules.Check(await users.ResetAuthenticatorKeyAsync(user), "Password");
        await RecordAsync(AuditKind.TwoFactorDisabled, actor, user);
    }

    /// <summary>New recovery codes (the old ones stop working), shown once.</summary>
    public async Task<IReadOnlyList<string>> RenewRecoveryCodesAsync(Actor actor, string? password)
    {
        var user = await FindAsync(actor);
        await RequirePasswordAsync(user, password);
        if (!user.TwoFactorEnabled)
        {
            throw new DomainException("", "Xác thực hai bước chưa bật.") { English = "Two-step verification is off." };
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await RecordAsync(AuditKind.RecoveryCodesRenewed, actor, user);
        return codes;
    }

    /// <summary>
    /// The log-in's second step: a 6-digit code from the app (each accepted once) or an unused recovery code (then
    /// used up). Null when neither.
    /// </summary>
    public async Task<TwoFactorCode?> RedeemAsync(AppUser user, string? code)
    {
        if (Digits(code) is { } digits)
        {
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits)
                || await IsReplayAsync(user, digits))
            {
                return null;
            }

            await RememberAsync(user, digits);
            return TwoFactorCode.Authenticator;
        }

        // Recovery codes are shown as XXXXX-XXXXX in capitals; accept them typed without the dash or in lower case.
        var text = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (text.Length == 10 && !text.Contains('-', StringComparison.Ordinal))
        {
            text = text[..5] + "-" + text[5..];
        }

        return text.Length == 11 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, text)).Succeeded ? TwoFactorCode.Recovery : null;
    }

    /// <summary>The 6 digits of an authenticator code, spaces allowed ("123 456"); null for anything else.</summary>
    private static string? Digits(string? code)
    {
        var text = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        return text.Length == 6 && text.All(char.IsAsciiDigit) ? text : null;
    }

    private async Task<bool> IsReplayAsync(AppUser user, string digits) =>
        await users.GetAuthenticationTokenAsync(user, StoreName, LastCodeName) is { } last
        && last.Split(' ') is [var used, var at]
        && used == digits
        && long.TryParse(at, CultureInfo.InvariantCulture, out var seconds)
        && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) < ReplayWindow;

    private async Task RememberAsync(AppUser user, string digits) =>
        AccountRules.Check(await users.SetAuthenticationTokenAsync(user, StoreName, LastCodeName, $"{digits} {clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}"), "Code");

    private async Task<AuthenticatorSetup> SetupOfAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        var label = Uri.EscapeDataString($"{Issuer}:{user.UserName}");
        return new AuthenticatorSetup(key, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30");
    }

    private async Task<AppUser> FindAsync(Actor actor) => await users.FindByIdAsync(actor.UserId) ?? throw new NotFoundException("User");

    private static void RequireOffered(Actor actor, AppUser user)
    {
        if (!OfferedTo(actor.Roles) && !user.TwoFactorEnabled)
        {
            throw new ForbiddenException("Xác thực hai bước dành cho tài khoản quản trị và cơ quan tổng hợp.")
            {
                English = "Two-step verification is for administrator and consolidator accounts.",
            };
        }
    }

    private async Task RequirePasswordAsync(AppUser user, string? password)
    {
        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            throw new DomainException("Password", "Mật khẩu không đúng.") { English = "The password is wrong." };
        }
    }

    private async Task RecordAsync(AuditKind kind, Actor actor, AppUser user) =>
        await audit.RecordAsync(kind, true, actor.UserId, actor.UserName, actor.Address, user.UserName);
}
