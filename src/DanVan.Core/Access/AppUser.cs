using Microsoft.AspNetCore.Identity;

namespace DanVan.Core.Access;

public sealed class AppUser : IdentityUser
{
    public int UnitId { get; set; }

    public required string FullName { get; set; }

    /// <summary>Job title as printed under a signature ("Chủ tịch", "Giám đốc").</summary>
    public string? JobTitle { get; set; }

    /// <summary>
    /// Someone else chose the password (an administrator's reset or new account, the user import): the owner must
    /// choose their own at the next log-in before anything else, and gets no API token until then.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When an administrator disabled the account; null while it may log in.</summary>
    public DateTime? DisabledAt { get; set; }
}

public static class Roles
{
    public const string Staff = "Staff";
    public const string Leader = "Leader";
    public const string Consolidator = "Consolidator";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Staff, Leader, Consolidator, Admin];

    public static string Vietnamese(string role) => role switch
    {
        Staff => "Cán bộ",
        Leader => "Lãnh đạo đơn vị",
        Consolidator => "Cơ quan tổng hợp",
        Admin => "Quản trị",
        _ => role,
    };
}
