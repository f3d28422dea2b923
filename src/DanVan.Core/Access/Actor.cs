using System.Security.Claims;

namespace DanVan.Core.Access;

/// <summary>Who is acting: enough to decide scope and permissions without another query.</summary>
public sealed record Actor(string UserId, string UserName, string FullName, int UnitId, IReadOnlySet<string> Roles)
{
    public const string UnitClaim = "danvan:unit";
    public const string FullNameClaim = "danvan:fullname";

    /// <summary>The server-side session (<see cref="UserSession"/>) a log-in cookie or API token belongs to.</summary>
    public const string SessionClaim = "danvan:session";

    /// <summary>The client address of the request, for the audit trail; null outside a request (CLI, jobs).</summary>
    public string? Address { get; init; }

    public bool IsIn(string role) => Roles.Contains(role);

    public static Actor FromPrincipal(ClaimsPrincipal principal)
    {
        var unit = principal.FindFirstValue(UnitClaim)
            ?? throw new InvalidOperationException("The signed-in user has no unit claim.");
        return new Actor(
            principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            principal.Identity?.Name ?? "",
            principal.FindFirstValue(FullNameClaim) ?? principal.Identity?.Name ?? "",
            int.Parse(unit, System.Globalization.CultureInfo.InvariantCulture),
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());
    }
}
