using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>One password rule (ASVS level 2): 12 characters or more, no composition rules, no common or breached password.</summary>
[Collection(CoreCollection.Name)]
public sealed class PasswordRulesTests(CoreFixture core)
{
    [Theory]
    [InlineData("Abcdef-123", "PasswordTooShort")]
    [InlineData("qwertyuiop123", "PasswordCommon")]
    [InlineData("QwertyUiop123", "PasswordCommon")] // the list is checked whatever the case
    [InlineData("Password1234", "PasswordCommon")]
    [InlineData("123456789012", "PasswordCommon")]
    [InlineData("canbo.traTan-2025", "PasswordIsUserName")]
    [InlineData("lúa chín vàng đồng quê", null)] // a phrase: no digit, capital or symbol needed
    [InlineData("Matkhau-2025", null)]
    public void Problem_Password_RefusedWithTheRightCodeOrAccepted(string password, string? expected) =>
        Assert.Equal(expected, PasswordRules.Problem(password, "canbo.tratan"));

    [Fact]
    public void Problem_129Characters_TooLong() => Assert.Equal("PasswordTooLong", PasswordRules.Problem(new string('x', 100) + "lua-chin-vang-dong-que-2025-x", null));

    [Fact]
    public void GeneratedPasswords_ImportAndDemo_AlwaysPassTheRule()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.Null(PasswordRules.Problem(UserImport.NewPassword(), "nguyenvana"));
            Assert.Null(PasswordRules.Problem(DemoData.NewPassword(), "admin"));
        }
    }

    [Fact]
    public async Task CreateAndReset_CommonOrShortPassword_RefusedInVietnameseOnThePasswordField()
    {
        // Arrange
        var unit = await core.AddUnitAsync(CoreFixture.Code("P"), kind: DanVan.Core.OrgUnits.UnitKind.Province);
        var userName = "matkhau." + Guid.NewGuid().ToString("N")[..8];
        Task<string> CreateAsync(string password) => core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().CreateAsync(
            new CreateUser { UserName = userName, FullName = "Nguyễn Văn A", UnitId = unit, Role = Roles.Staff, Password = password }, CoreFixture.Admin));

        // Act
        var common = await Assert.ThrowsAsync<DomainException>(() => CreateAsync("Qwertyuiop123"));
        var id = await CreateAsync("ruộng bậc thang mùa lúa chín");
        var shortReset = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().ResetPasswordAsync(id, "Abcdef-1234", CoreFixture.Admin)));
        var commonReset = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().ResetPasswordAsync(id, "iloveyou1234", CoreFixture.Admin)));

        // Assert
        Assert.Equal(("Password", "Password", "Password"), (common.Field, shortReset.Field, commonReset.Field));
        Assert.Contains("quá phổ biến", common.Message, StringComparison.Ordinal);
        Assert.Contains("ít nhất 12 ký tự", shortReset.Message, StringComparison.Ordinal);
        Assert.Contains("quá phổ biến", commonReset.Message, StringComparison.Ordinal);
        Assert.Contains("common and breached", commonReset.English, StringComparison.Ordinal);
        var works = await core.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(id))!, "ruộng bậc thang mùa lúa chín");
        });
        Assert.True(works);
    }
}
