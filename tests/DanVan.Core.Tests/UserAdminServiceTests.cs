using DanVan.Core;
using DanVan.Core.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Administering people, on a database of its own: who is an administrator is counted across all users.</summary>
public sealed class UserAdminServiceTests : IAsyncLifetime
{
    private readonly CoreFixture core = new();

    public Task InitializeAsync() => core.InitializeAsync();

    public Task DisposeAsync() => core.DisposeAsync();

    private Task<string> AddAsync(string userName, int unitId, string role) => core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().CreateAsync(
        new CreateUser { UserName = userName, FullName = userName, UnitId = unitId, Role = role, Password = CoreFixture.Password }, CoreFixture.Admin));

    private Task<int> DemoteAsync(string userId, int unitId) => core.RunAsync(async sp =>
    {
        await sp.GetRequiredService<UserAdminService>().UpdateAsync(new UpdateUser { UserId = userId, FullName = "Đổi vai trò", UnitId = unitId, Role = Roles.Staff }, CoreFixture.Admin);
        return 0;
    });

    private Task<(string Name, IList<string> Roles)> UserAsync(string userId) => core.RunAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        return (user.FullName, await users.GetRolesAsync(user));
    });

    [Fact]
    public async Task Update_TheLastAdministratorsRole_RefusedAndNothingChanged_AllowedOnceThereIsAnother()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: DanVan.Core.OrgUnits.UnitKind.Province);
        var only = await AddAsync("quantri", province, Roles.Admin);

        var refused = await Assert.ThrowsAsync<DomainException>(() => DemoteAsync(only, province));

        Assert.Equal("Role", refused.Field);
        var unchanged = await UserAsync(only);
        Assert.Equal("quantri", unchanged.Name);
        Assert.Equal([Roles.Admin], unchanged.Roles);
        await AddAsync("quantri2", province, Roles.Admin);
        await DemoteAsync(only, province);
        Assert.Equal([Roles.Staff], (await UserAsync(only)).Roles);
    }
}
