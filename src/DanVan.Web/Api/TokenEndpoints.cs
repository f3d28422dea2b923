using DanVan.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Api;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

public static class TokenEndpoints
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Issues the same protected bearer ticket ASP.NET Core's bearer handler validates, so the API shares the
    /// cookie log-in's users, lockout and claims without a separate token service.
    /// </summary>
    public static async Task<IResult> CreateAsync(
        TokenRequest request,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Results.Problem(statusCode: 400, title: "userName and password are required.");
        }

        var user = await users.FindByNameAsync(request.UserName.Trim());
        if (user is null)
        {
            return Results.Problem(statusCode: 401, title: "Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Results.Problem(statusCode: 401, title: "Tài khoản đang bị tạm khóa do đăng nhập sai nhiều lần. Thử lại sau 15 phút.");
        }

        if (!result.Succeeded)
        {
            return Results.Problem(statusCode: 401, title: "Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var expiresAt = clock.GetUtcNow() + Lifetime;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        var token = bearerOptions.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
        return Results.Ok(new TokenResponse(token, expiresAt));
    }
}
