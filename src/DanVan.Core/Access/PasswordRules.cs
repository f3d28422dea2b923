using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace DanVan.Core.Access;

/// <summary>
/// The one password rule (OWASP ASVS 4.0 level 2, §2.1): at least 12 characters, at most 128, no rule on which kinds
/// of characters, not a common or breached password (common-passwords.txt.gz, see the README beside it) and not the
/// user name. Identity runs it for every password it sets — the account page, an administrator's create and reset,
/// the user import, the CLI — since it is the only <see cref="IPasswordValidator{TUser}"/> registered.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AppUser>
{
    public const int MinLength = 12;

    public const int MaxLength = 128;

    private const string ResourceName = "DanVan.Access.common-passwords.txt.gz";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    private static readonly Dictionary<string, (string Vietnamese, string English)> Messages = new(StringComparer.Ordinal)
    {
        ["PasswordTooShort"] = ($"Mật khẩu phải có ít nhất {MinLength} ký tự; một cụm từ dễ nhớ là đủ, không cần ký tự đặc biệt.", $"The password must be at least {MinLength} characters long."),
        ["PasswordTooLong"] = ($"Mật khẩu dài tối đa {MaxLength} ký tự.", $"The password must be at most {MaxLength} characters long."),
        ["PasswordCommon"] = ("Mật khẩu này quá phổ biến (có trong danh sách mật khẩu bị lộ, dễ đoán). Chọn một cụm từ khác.", "The password is on the list of common and breached passwords."),
        ["PasswordIsUserName"] = ("Mật khẩu không được chứa tên đăng nhập.", "The password must not contain the user name."),
    };

    /// <summary>What is wrong with the password, as an Identity error code (see <see cref="Vietnamese"/>); null when it is acceptable.</summary>
    public static string? Problem(string password, string? userName)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinLength)
        {
            return "PasswordTooShort";
        }

        if (password.Length > MaxLength)
        {
            return "PasswordTooLong";
        }

        if (userName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return "PasswordIsUserName";
        }

        return Common.Value.Contains(password.ToLowerInvariant()) ? "PasswordCommon" : null;
    }

    /// <summary>The Vietnamese message of one of this rule's codes; null for another code.</summary>
    public static string? Vietnamese(string code) => Messages.TryGetValue(code, out var m) ? m.Vietnamese : null;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(Problem(password ?? "", user.UserName) is { } code
            ? IdentityResult.Failed(new IdentityError { Code = code, Description = Messages[code].English })
            : IdentityResult.Success);
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from DanVan.Core.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
