using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Issue 18 item 8: a forced change after an administrator's reset, disabled accounts, two-step verification, each
/// through LogInService as the web form and the token endpoint use it.
/// </summary>
public sealed class AccountRulesTests : IAsyncLifetime
{
    private const string Address = "10.0.0.8";

    private readonly CoreFixture core = new();

    public Task InitializeAsync() => core.InitializeAsync();

    public Task DisposeAsync() => core.DisposeAsync();

    /// <summary>An account that has made its first-log-in password change (<see cref="CreateAsync_AnyAccount_MustChangePasswordAtFirstLogIn"/>).</summary>
    private Task<string> AddAsync(string userName, int unitId, string role) => core.RunAsync(async sp =>
    {
        var id = await sp.GetRequiredService<UserAdminService>().CreateAsync(
            new CreateUser { UserName = userName, FullName = userName, UnitId = unitId, Role = role, Password = CoreFixture.Password }, CoreFixture.Admin);
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(id))!;
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        return id;
    });

    private Task<LogInResult> LogInAsync(string userName, string password, string? code = null) => core.RunAsync(sp => sp.GetRequiredService<LogInService>().LogInAsync(
        new LogInAttempt { UserName = userName, Password = password, Kind = SessionKind.Web, Lifetime = TimeSpan.FromHours(8), Address = Address, Code = code }));

    private static LogInStep Step(string userId) => new() { UserId = userId, Kind = SessionKind.Web, Lifetime = TimeSpan.FromHours(8), Address = Address };

    private Task<Actor> ActorAsync(string userId) => core.RunAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        return new Actor(user.Id, user.UserName!, user.FullName, user.UnitId, (await users.GetRolesAsync(user)).ToHashSet());
    });

    private Task<List<AuditEvent>> AuditAsync(AuditKind kind) => core.RunAsync(async sp =>
        await sp.GetRequiredService<DanVan.Core.Data.DanVanDbContext>().AuditEvents.Where(e => e.Kind == kind).ToListAsync());

    [Fact]
    public async Task CreateAsync_AnyAccount_MustChangePasswordAtFirstLogIn()
    {
        var unit = await core.AddUnitAsync(CoreFixture.Code("X"));
        var id = await core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().CreateAsync(
            new CreateUser { UserName = "canbo.moi", FullName = "Cán bộ mới", UnitId = unit, Role = Roles.Staff, Password = CoreFixture.Password }, CoreFixture.Admin));

        var first = await LogInAsync("canbo.moi", CoreFixture.Password);
        var chosen = await core.RunAsync(sp => sp.GetRequiredService<LogInService>().SetOwnPasswordAsync(Step(id), "Cum-tu-cua-toi-2026", "Cum-tu-cua-toi-2026"));
        var next = await LogInAsync("canbo.moi", "Cum-tu-cua-toi-2026");

        Assert.Equal(LogInOutcome.PasswordChangeRequired, first.Outcome);
        Assert.Null(first.Session);
        Assert.Equal(LogInOutcome.Succeeded, chosen.Outcome);
        Assert.Equal(LogInOutcome.Succeeded, next.Outcome);
    }

    [Fact]
    public async Task ResetPassword_NextLogInAsksForANewOne_NoSessionUntilChosen_TheAdministratorsPasswordRefused()
    {
        var unit = await core.AddUnitAsync(CoreFixture.Code("X"));
        var id = await AddAsync("canbo.reset", unit, Roles.Staff);
        var before = await LogInAsync("canbo.reset", CoreFixture.Password);
        const string given = "Quan-tri-dat-2026";

        await core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().ResetPasswordAsync(id, given, CoreFixture.Admin));
        var asked = await LogInAsync("canbo.reset", given);
        var same = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => sp.GetRequiredService<LogInService>().SetOwnPasswordAsync(Step(id), given, given)));
        var mismatch = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => sp.GetRequiredService<LogInService>().SetOwnPasswordAsync(Step(id), "Cum-tu-cua-toi-2026", "khac")));
        var chosen = await core.RunAsync(sp => sp.GetRequiredService<LogInService>().SetOwnPasswordAsync(Step(id), "Cum-tu-cua-toi-2026", "Cum-tu-cua-toi-2026"));
        var after = await LogInAsync("canbo.reset", "Cum-tu-cua-toi-2026");

        Assert.Equal(LogInOutcome.PasswordChangeRequired, asked.Outcome);
        Assert.Null(asked.Session);
        Assert.Equal(("NewPassword", "ConfirmPassword"), (same.Field, mismatch.Field));
        Assert.Equal(LogInOutcome.Succeeded, chosen.Outcome);
        Assert.NotNull(chosen.Session);
        Assert.Equal(LogInOutcome.Succeeded, after.Outcome);
        Assert.False(await core.RunAsync(sp => sp.GetRequiredService<SessionService>().IsActiveAsync(before.Session!.Id, id, TimeSpan.FromHours(8))));
        Assert.Contains(await AuditAsync(AuditKind.PasswordReset), e => e.Target == "canbo.reset");
        Assert.Contains(await AuditAsync(AuditKind.PasswordChanged), e => e.UserName == "canbo.reset" && e.Detail!.Contains("log-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disable_OwnAccountAndLastEnabledAdministratorRefused_DisabledCannotLogIn_SessionsEnd_EnableRestores()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: DanVan.Core.OrgUnits.UnitKind.Province);
        var first = await AddAsync("quantri.mot", province, Roles.Admin);
        var second = await AddAsync("quantri.hai", province, Roles.Admin);
        var staff = await AddAsync("canbo.nghi", province, Roles.Staff);
        var open = await LogInAsync("canbo.nghi", CoreFixture.Password);
        var firstActor = await ActorAsync(first);
        Task Disable(string id, Actor by) => core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().DisableAsync(id, by));

        var own = await Assert.ThrowsAsync<DomainException>(() => Disable(first, firstActor));
        await Disable(second, firstActor);
        var last = await Assert.ThrowsAsync<DomainException>(() => Disable(first, CoreFixture.Admin));
        await Disable(staff, firstActor);
        var refused = await LogInAsync("canbo.nghi", CoreFixture.Password);
        var wrong = await LogInAsync("canbo.nghi", "Sai-mat-khau-2026");
        var demote = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().UpdateAsync(
            new UpdateUser { UserId = first, FullName = "Quản trị", UnitId = province, Role = Roles.Staff }, CoreFixture.Admin)));

        Assert.Contains("chính mình", own.Message, StringComparison.Ordinal);
        Assert.Contains("quản trị cuối cùng", last.Message, StringComparison.Ordinal);
        Assert.Equal("Role", demote.Field);
        Assert.Equal(LogInOutcome.Disabled, refused.Outcome);
        Assert.Null(refused.Session);
        Assert.Equal(LogInOutcome.WrongCredentials, wrong.Outcome);
        Assert.False(await core.RunAsync(sp => sp.GetRequiredService<SessionService>().IsActiveAsync(open.Session!.Id, staff, TimeSpan.FromHours(8))));
        var rows = await core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().ListAsync());
        Assert.Equal([false, true, true], new[] { first, second, staff }.Select(id => rows.Single(r => r.Id == id).Disabled));
        Assert.Equal(["quantri.hai", "canbo.nghi"], (await AuditAsync(AuditKind.UserDisabled)).Select(e => e.Target));

        await core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().EnableAsync(staff, firstActor));

        Assert.Equal(LogInOutcome.Succeeded, (await LogInAsync("canbo.nghi", CoreFixture.Password)).Outcome);
        Assert.Equal(["canbo.nghi"], (await AuditAsync(AuditKind.UserEnabled)).Select(e => e.Target));
    }

    [Fact]
    public async Task TwoFactor_EnabledWithARealCode_LogInNeedsTheCode_EachCodeOnce_RecoveryCodeOnce_WrongCodesThrottled()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: DanVan.Core.OrgUnits.UnitKind.Province);
        var id = await AddAsync("snv.hai.buoc", province, Roles.Consolidator);
        var staffId = await AddAsync("canbo.hai.buoc", province, Roles.Staff);
        var actor = await ActorAsync(id);
        TwoFactorService TwoFactor(IServiceProvider sp) => sp.GetRequiredService<TwoFactorService>();

        var staffRefused = await Assert.ThrowsAsync<ForbiddenException>(async () => await core.RunAsync(async sp => await TwoFactor(sp).BeginAsync(await ActorAsync(staffId))));
        var setup = await core.RunAsync(sp => TwoFactor(sp).BeginAsync(actor));
        var wrongSetupCode = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => TwoFactor(sp).EnableAsync(actor, "000000")));
        var first = Totp.Now(setup.Key);
        var codes = await core.RunAsync(sp => TwoFactor(sp).EnableAsync(actor, first));

        Assert.Contains("quản trị và cơ quan tổng hợp", staffRefused.Message, StringComparison.Ordinal);
        Assert.Equal("Code", wrongSetupCode.Field);
        Assert.StartsWith("otpauth://totp/DanVan%3Asnv.hai.buoc?secret=" + setup.Key, setup.Uri, StringComparison.Ordinal);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());

        // The password alone opens nothing; the code used to switch on, replayed, neither.
        var passwordOnly = await LogInAsync("snv.hai.buoc", CoreFixture.Password);
        var replayed = await LogInAsync("snv.hai.buoc", CoreFixture.Password, first);
        var next = Totp.Code(setup.Key, DateTimeOffset.UtcNow.AddSeconds(30));
        var withCode = await LogInAsync("snv.hai.buoc", CoreFixture.Password, next);
        var again = await core.RunAsync(sp => sp.GetRequiredService<LogInService>().VerifyCodeAsync(Step(id), next));
        var recovery = await LogInAsync("snv.hai.buoc", CoreFixture.Password, codes[3].ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
        var recoveryAgain = await LogInAsync("snv.hai.buoc", CoreFixture.Password, codes[3]);

        Assert.Equal(LogInOutcome.CodeRequired, passwordOnly.Outcome);
        Assert.Null(passwordOnly.Session);
        Assert.Equal(LogInOutcome.WrongCode, replayed.Outcome);
        Assert.Equal(LogInOutcome.Succeeded, withCode.Outcome);
        Assert.NotNull(withCode.Session);
        Assert.Equal(LogInOutcome.WrongCode, again.Outcome);
        Assert.Equal(LogInOutcome.Succeeded, recovery.Outcome);
        Assert.Equal(LogInOutcome.WrongCode, recoveryAgain.Outcome);
        Assert.Equal(9, (await core.RunAsync(sp => TwoFactor(sp).StatusAsync(actor))).RecoveryCodesLeft);

        // Wrong codes count like wrong passwords: the fifth from one address locks that address out of the account.
        LogInResult last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await core.RunAsync(sp => sp.GetRequiredService<LogInService>().VerifyCodeAsync(Step(id), "12345" + i));
        }

        var blocked = await core.RunAsync(sp => sp.GetRequiredService<LogInService>().VerifyCodeAsync(Step(id), Totp.Code(setup.Key, DateTimeOffset.UtcNow.AddSeconds(60))));
        Assert.Equal(LogInOutcome.LockedOut, last.Outcome);
        Assert.Equal(LogInOutcome.LockedOut, blocked.Outcome);

        var wrongPassword = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp => TwoFactor(sp).DisableAsync(actor, "Sai-mat-khau-2026")));
        await core.RunAsync(sp => TwoFactor(sp).DisableAsync(actor, CoreFixture.Password));

        Assert.Equal("Password", wrongPassword.Field);
        Assert.False((await core.RunAsync(sp => TwoFactor(sp).StatusAsync(actor))).Enabled);
        Assert.Equal(LogInOutcome.LockedOut, (await LogInAsync("snv.hai.buoc", CoreFixture.Password)).Outcome);
        Assert.Equal(
            [AuditKind.TwoFactorEnabled, AuditKind.TwoFactorDisabled],
            (await core.RunAsync(async sp => await sp.GetRequiredService<DanVan.Core.Data.DanVanDbContext>().AuditEvents
                .Where(e => e.Target == "snv.hai.buoc" && (e.Kind == AuditKind.TwoFactorEnabled || e.Kind == AuditKind.TwoFactorDisabled)).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync())));
    }
}
