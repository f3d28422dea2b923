using DanVan.Core.Access;
using DanVan.Core.Demo;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

public sealed class DatabaseTests
{
    [Fact]
    public async Task Migrations_CoverTheModel_NoPendingChanges()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"The {database.Provider} migrations are behind the model: run scripts/add-migration.sh.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task DemoData_SeedsOnceWithAcceptedSeedReports()
    {
        var fixture = new CoreFixture();
        await fixture.InitializeAsync();
        try
        {
            var first = await fixture.RunAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(CoreFixture.Password));
            var second = await fixture.RunAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(CoreFixture.Password));

            Assert.True(first);
            Assert.False(second);
            await using var db = fixture.Database.NewContext();
            Assert.Equal(DemoData.Accounts.Select(a => a.UserName).Order(), (await db.Users.Select(u => u.UserName!).ToListAsync()).Order());
            var reports = await db.Reports.Include(r => r.Unit).Include(r => r.Sections).OrderBy(r => r.Period).ToListAsync();
            // The two seed reports, the board's report of the month before the one open on 10/4/2025 (Trà Tân's
            // plan has no period open yet), and the board's draft of that open month for its clerk to continue.
            Assert.Equal(
                [("LD-BQLDAGT", "2024-07", ReportStatus.Accepted), ("LD-BQLDAGT", "2025-03", ReportStatus.Accepted), ("LD-BQLDAGT", "2025-04", ReportStatus.Draft), ("QNG-TRATAN", "2025-Q1", ReportStatus.Accepted)],
                reports.Select(r => (r.Unit!.Code, r.Period, r.Status)));
            Assert.Contains("quán triệt kế hoạch", reports[2].Sections.Single(s => s.Key == "I.1").Text, StringComparison.Ordinal);
            Assert.All(reports, r => Assert.True(r.Sections.Count >= 6));
            Assert.Equal(2, await db.Units.CountAsync(u => u.ConsolidatesForId != null));
            var admin = await db.Users.SingleAsync(u => u.UserName == "admin");
            Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == admin.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
