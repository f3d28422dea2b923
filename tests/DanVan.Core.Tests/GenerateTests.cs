using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Demo;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>`danvan generate`'s engine: the same seed makes the same data; rates and structure as promised.</summary>
public sealed class GenerateTests
{
    private static readonly GenerateOptions Small = new() { Provinces = 2, Communes = 9, Departments = 5, Periods = 3, Seed = 42 };

    [Fact]
    public async Task GenerateAsync_SameSeedTwice_SameCountsAndSameFirstReport()
    {
        var (first, firstText) = await GenerateIntoFreshDatabaseAsync(Small);
        var (second, secondText) = await GenerateIntoFreshDatabaseAsync(Small);

        Assert.Equal(first.Reports, second.Reports);
        Assert.Equal((first.OnTime, first.Late, first.Missing, first.Sections), (second.OnTime, second.Late, second.Missing, second.Sections));
        Assert.Equal(first.Provinces.Select(p => (p.Code, p.Name, p.Units)), second.Provinces.Select(p => (p.Code, p.Name, p.Units)));
        Assert.Equal(firstText, secondText);
    }

    [Fact]
    public async Task GenerateAsync_Small_UnitsSpreadOverProvincesEveryPeriodAccountedFor()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);

        var result = await RunAsync(services, Small with { Password = "Matkhau-2025" });

        Assert.Equal([5 + 3, 4 + 2], result.Provinces.Select(p => p.Units)); // 9 communes and 5 departments over two provinces
        Assert.Equal(["2025-10", "2025-11", "2025-12"], result.Periods);
        Assert.Equal(14 * 3, result.OnTime + result.Late + result.Missing);
        Assert.True(result.Reports >= result.OnTime + result.Late);
        await using var db = database.NewContext();
        Assert.Equal(result.Reports, await db.Reports.CountAsync());
        Assert.Equal(result.OnTime + result.Late, await db.Reports.CountAsync(r => r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted));
        Assert.Equal(2, await db.Plans.CountAsync(p => p.LastPeriod == "2025-12"));
        var snv = await db.Units.SingleAsync(u => u.Code == "G42-P01-SNV");
        Assert.Equal(snv.ConsolidatesForId, (await db.Units.SingleAsync(u => u.Code == "G42-P01")).Id);
        Assert.True(await db.Users.AnyAsync(u => u.UserName == "snv.g42-p01" && u.UnitId == snv.Id));
        Assert.True(await db.ReportFigures.AllAsync(f => f.PlanFigureId != null));
        var again = await Assert.ThrowsAsync<DanVan.Core.DomainException>(() => RunAsync(services, Small));
        Assert.Contains("G42-", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_WeakPasswordOrYearsOutOfRange_RefusedBeforeWritingAnything()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);

        var weak = await Assert.ThrowsAsync<DomainException>(() => RunAsync(services, Small with { Password = "short" }));
        var future = await Assert.ThrowsAsync<DomainException>(() => RunAsync(services, Small with { Until = DanVan.Core.Periods.ReportingPeriod.Parse("2200-Q4") }));
        var past = await Assert.ThrowsAsync<DomainException>(() => RunAsync(services, Small with { Until = DanVan.Core.Periods.ReportingPeriod.Parse("2000-01"), Periods = 3 }));

        Assert.Equal(("Password", "Until", "Until"), (weak.Field, future.Field, past.Field));
        await using var db = database.NewContext();
        Assert.False(await db.Units.AnyAsync(u => u.Code.StartsWith("G42-")));
        Assert.True((await RunAsync(services, Small with { Password = "Matkhau-2025" })).Reports > 0);
    }

    private static async Task<(GenerateResult Result, string FirstText)> GenerateIntoFreshDatabaseAsync(GenerateOptions options)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        var result = await RunAsync(services, options);
        await using var db = database.NewContext();
        var first = await db.Reports.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        var text = string.Join("\n", await db.ReportSections.Where(s => s.ReportId == first).OrderBy(s => s.Order).Select(s => s.Text).ToListAsync());
        return (result, text);
    }

    private static async Task<GenerateResult> RunAsync(ServiceProvider services, GenerateOptions options)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyntheticData>().GenerateAsync(options);
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDanVanCore(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build());
        services.AddDataProtection();
        services.AddIdentityCore<AppUser>(DanVanServices.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<DanVanDbContext>();
        return services.BuildServiceProvider();
    }
}
