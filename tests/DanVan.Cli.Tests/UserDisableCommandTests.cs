using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan user disable|enable NAME`: the user page's buttons, with the same rules, on the run's engine.</summary>
public sealed class UserDisableCommandTests
{
    [Fact]
    public async Task DisableThenEnable_SetsAndClearsTheFlag_UnknownNameAndLastAdministratorRefusedInOneLine()
    {
        await using var database = await Danvan.DemoDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;

        var disabled = await Danvan.RunAsync(dir, database.Settings, "user", "disable", "tratan.canbo");
        await using (var db = database.NewContext())
        {
            Assert.NotNull(await db.Users.Where(u => u.UserName == "tratan.canbo").Select(u => u.DisabledAt).SingleAsync());
        }

        var unknown = await Danvan.RunAsync(dir, database.Settings, "user", "disable", "khong.co");
        var lastAdmin = await Danvan.RunAsync(dir, database.Settings, "user", "disable", "admin");
        var enabled = await Danvan.RunAsync(dir, database.Settings, "user", "enable", "tratan.canbo");

        Assert.Equal((0, "Disabled user tratan.canbo."), (disabled.Exit, disabled.Out.Trim()));
        Assert.Equal((1, "error: No user is named 'khong.co'."), (unknown.Exit, unknown.Err.Trim()));
        Assert.Equal((1, "error: This is the last enabled administrator; enable or create another administrator first."), (lastAdmin.Exit, lastAdmin.Err.Trim()));
        Assert.Equal((0, "Enabled user tratan.canbo."), (enabled.Exit, enabled.Out.Trim()));
        await using (var db = database.NewContext())
        {
            Assert.Null(await db.Users.Where(u => u.UserName == "tratan.canbo").Select(u => u.DisabledAt).SingleAsync());
            Assert.Equal(
                ["UserDisabled", "UserEnabled"],
                (await db.AuditEvents.Where(e => e.Target == "tratan.canbo").OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync()).Select(k => k.ToString()));
        }
    }
}
