using DanVan.Core.Access;
using DanVan.Core.Demo;
using DanVan.Core.OrgUnits;
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
            var reports = await db.Reports.Include(r => r.Unit).Include(r => r.Sections).Include(r => r.Figures).OrderBy(r => r.Period).ThenBy(r => r.Unit!.Code).ToListAsync();
            // The two seed reports, the board's report of the month before the one open on 10/4/2025 (Trà Tân's
            // plan has no period open yet), the board's draft of that open month for its clerk to continue, and Trà
            // Bùi's Q1/2025, the one quarter of the merged commune ended by then.
            Assert.Equal(
                [("LD-BQLDAGT", "2024-07", ReportStatus.Accepted), ("LD-BQLDAGT", "2025-03", ReportStatus.Accepted), ("LD-BQLDAGT", "2025-04", ReportStatus.Draft), ("QNG-TRABUI", "2025-Q1", ReportStatus.Accepted), ("QNG-TRATAN", "2025-Q1", ReportStatus.Accepted)],
                reports.Select(r => (r.Unit!.Code, r.Period, r.Status)));
            Assert.Equal([33m, 9m, 8m], reports[3].Figures.OrderBy(f => f.Order).Select(f => f.Value));

            // The arrangement of 1/7/2025, recorded as an administrator's: provinces and a commune merged, the district dissolved.
            var reform = new DateOnly(2025, 7, 1);
            var closed = await db.Units.Where(u => u.ClosedOn != null).OrderBy(u => u.Code).Select(u => new { u.Code, u.ClosedOn }).ToListAsync();
            Assert.Equal(["BTH", "DNO", "KTM", "QNG-TRABONG-H", "QNG-TRABUI"], closed.Select(u => u.Code));
            Assert.All(closed, u => Assert.Equal(reform, u.ClosedOn));
            var merges = await db.UnitEvents.Where(e => e.Kind == UnitEventKind.Merged).Select(e => new { From = e.Unit!.Code, To = db.Units.Single(u => u.Id == e.RelatedUnitId).Code, e.LegalBasis, e.RecordedBy }).ToListAsync();
            Assert.Equal([("BTH", "LD"), ("DNO", "LD"), ("KTM", "QNG"), ("QNG-TRABUI", "QNG-TRATAN")], merges.Select(m => (m.From, m.To)).Order());
            Assert.All(merges, m => Assert.Equal("admin", m.RecordedBy));
            Assert.Equal(DemoData.CommuneResolution, merges.Single(m => m.From == "QNG-TRABUI").LegalBasis);
            var traTan = await db.Units.SingleAsync(u => u.Code == "QNG-TRATAN");
            var province = await db.Units.Where(u => u.Code == "QNG").Select(u => u.Id).SingleAsync();
            await using var scope = fixture.Services.CreateAsyncScope();
            var tree = scope.ServiceProvider.GetRequiredService<OrgUnitService>();
            Assert.NotEqual(province, (await tree.LoadTreeAsync(reform.AddDays(-1))).ParentOf(traTan.Id));
            Assert.Equal(province, (await tree.LoadTreeAsync(reform)).ParentOf(traTan.Id));
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
