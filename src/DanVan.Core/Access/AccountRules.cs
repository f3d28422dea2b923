using Microsoft.AspNetCore.Identity;

namespace DanVan.Core.Access;

/// <summary>Checks shared by the services that set passwords and change accounts; Identity's refusals in Vietnamese.</summary>
public static class AccountRules
{
    /// <summary>A new password is typed twice; the password rule itself runs when Identity sets it.</summary>
    public static void RequireNewPassword(string? next, string? confirm)
    {
        if (string.IsNullOrEmpty(next))
        {
            throw new DomainException("NewPassword", "Nhập mật khẩu mới.") { English = "Enter the new password." };
        }

        if (next != confirm)
        {
            throw new DomainException("ConfirmPassword", "Mật khẩu nhập lại không khớp với mật khẩu mới.") { English = "The confirmation does not match the new password." };
        }
    }

    /// <summary>Identity's failure as a rule breach on <paramref name="field"/> (or on the password when that is what failed).</summary>
    public static void Check(IdentityResult result, string field)
    {
        if (result.Succeeded)
        {
            return;
        }

        var messages = result.Errors.Select(e => PasswordRules.Vietnamese(e.Code) ?? e.Code switch
        {
            "DuplicateUserName" => "Tên đăng nhập đã có người dùng. Chọn tên khác.",
            "InvalidUserName" => "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - @.",
            _ => e.Description,
        });
        // Identity answers for the name and the password together; the first error says which field to mark.
        field = result.Errors.First().Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : field;
        throw new DomainException(field, string.Join(" ", messages)) { English = string.Join(" ", result.Errors.Select(e => e.Description)) };
    }
}
