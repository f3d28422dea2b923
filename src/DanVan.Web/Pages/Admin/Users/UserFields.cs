using DanVan.Core.Access;
using DanVan.Core.OrgUnits;

namespace DanVan.Web.Pages.Admin.Users;

/// <summary>The fields a new and an existing account share, rendered by _UserFields.</summary>
public sealed class UserInput
{
    public string? UserName { get; set; }

    public string? FullName { get; set; }

    public string? JobTitle { get; set; }

    public string? Email { get; set; }

    public int UnitId { get; set; }

    public string Role { get; set; } = Roles.Staff;

    public string? Password { get; set; }
}

public sealed record UserFields(UserInput Input, IReadOnlyList<UnitRow> Units);
