using DanVan.Core.Access;

namespace DanVan.Web.Infrastructure;

public static class HttpContextActor
{
    public static Actor Actor(this HttpContext http) =>
        Core.Access.Actor.FromPrincipal(http.User) with { Address = http.Connection.RemoteIpAddress?.ToString() };
}
