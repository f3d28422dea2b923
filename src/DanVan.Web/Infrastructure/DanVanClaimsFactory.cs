using System.Globalization;
using System.Security.Claims;
using DanVan.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Infrastructure;

/// <summary>Puts the user's unit and full name in the cookie/token so each request knows its scope without a lookup.</summary>
public sealed class DanVanClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Actor.UnitClaim, user.UnitId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(Actor.FullNameClaim, user.FullName));
        return identity;
    }
}
