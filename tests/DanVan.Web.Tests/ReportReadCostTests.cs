using System.Globalization;
using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Opening one report asks the database about that report and its unit, not about every unit the reader may see: a
/// province's consolidator opens a commune's report at the cost a commune's own staff pays.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ReportReadCostTests(DanVanWebFactory app)
{
    private const int SmallScope = 10;
    private const int LargeScope = 200;

    [Fact]
    public async Task OpenReport_ScopeGrowsFrom10To200Units_EveryRoleReadsTheSameRows()
    {
        // Arrange: a province of ten units (itself, its Sở Nội vụ, a district, seven communes), a report of the first
        // commune with some text, and a user of each role who may open it.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var province = await app.AddUnitAsync($"RC-P-{tag}", $"Tỉnh {tag}", UnitKind.Province);
        var snv = await app.AddUnitAsync($"RC-SNV-{tag}", $"Sở Nội vụ tỉnh {tag}", UnitKind.Department, province, consolidatesForId: province);
        var district = await app.AddUnitAsync($"RC-D-{tag}", $"UBND huyện {tag}", UnitKind.District, province);
        var commune = await app.AddUnitAsync($"RC-X0-{tag}", $"UBND xã Đầu {tag}", UnitKind.Commune, district);
        await AddCommunesAsync(district, tag, from: 1, count: SmallScope - 4);
        (string Key, int Unit, string Role)[] people =
        [
            ("admin", province, Roles.Admin),
            ("consolidator of the province", snv, Roles.Consolidator),
            ("consolidator of the district", district, Roles.Consolidator),
            ("leader", commune, Roles.Leader),
            ("staff", commune, Roles.Staff),
        ];
        var readers = new List<(string Key, Browserless Ui, ApiClient Api)>();
        foreach (var (key, unit, role) in people)
        {
            var userName = $"rc-{tag}-{readers.Count}";
            await app.AddUserAsync(userName, unit, role);
            readers.Add((key, await Browserless.LogInAsync(app, userName), await ApiClient.LogInAsync(app, userName)));
        }

        var report = await app.WithServicesAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var staff = new Actor("", "rc-setup", "Cán bộ", commune, new HashSet<string> { Roles.Staff });
            var id = await reports.CreateAsync(new CreateReport { Period = "2025-03" }, staff);
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.1", Text = "Tổ chức 3 buổi tiếp công dân.", ExpectedVersion = 0 }, staff);

            // Sent up, so the consolidators may open it (a draft is the unit's own).
            await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, staff with { Roles = new HashSet<string> { Roles.Leader } });
            return id;
        });
        var small = await OpenAsync(readers, report);

        // Act: the province grows to two hundred units.
        await AddCommunesAsync(district, tag, from: SmallScope - 3, count: LargeScope - SmallScope);
        var large = await OpenAsync(readers, report);

        // Assert
        var grew = small.Keys
            .Where(k => large[k] != small[k])
            .Select(k => string.Create(CultureInfo.InvariantCulture,
                $"{k}: {small[k]} with {SmallScope} units; {large[k]} with {LargeScope}"))
            .ToList();
        Assert.True(grew.Count == 0, string.Join(Environment.NewLine, grew));
    }

    [Fact]
    public async Task ListReports_ScopeGrowsFrom10To200Units_ConsolidatorSendsTheSameCommandsAndParameters()
    {
        // Arrange: a province of ten units with a report of one commune, and its consolidator.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var province = await app.AddUnitAsync($"RL-P-{tag}", $"Tỉnh {tag}", UnitKind.Province);
        var snv = await app.AddUnitAsync($"RL-SNV-{tag}", $"Sở Nội vụ tỉnh {tag}", UnitKind.Department, province, consolidatesForId: province);
        var district = await app.AddUnitAsync($"RL-D-{tag}", $"UBND huyện {tag}", UnitKind.District, province);
        var commune = await app.AddUnitAsync($"RL-X0-{tag}", $"UBND xã Đầu {tag}", UnitKind.Commune, district);
        await AddCommunesAsync(district, tag, from: 1, count: SmallScope - 4, prefix: "RL");
        var userName = $"rl-{tag}";
        await app.AddUserAsync(userName, snv, Roles.Consolidator);
        var ui = await Browserless.LogInAsync(app, userName);
        var api = await ApiClient.LogInAsync(app, userName);
        await app.WithServicesAsync(async sp =>
        {
            var staff = new Actor("", "rl-setup", "Cán bộ", commune, new HashSet<string> { Roles.Staff });
            return await sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-03" }, staff);
        });
        async Task<Dictionary<string, DatabaseReads.Totals>> ListAsync() => new()
        {
            ["GET /reports"] = await CostAsync(() => ui.Client.GetAsync(new Uri("/reports", UriKind.Relative))),
            ["GET /api/v1/reports"] = await CostAsync(() => api.GetAsync("/api/v1/reports")),
        };
        var small = await ListAsync();

        // Act: the province grows to two hundred units.
        await AddCommunesAsync(district, tag, from: SmallScope - 3, count: LargeScope - SmallScope, prefix: "RL");
        var large = await ListAsync();

        // Assert: the scope travels as one parameter, not one per unit (the tree behind it is read either way).
        var grew = small.Keys
            .Where(k => (large[k].Commands, large[k].Parameters) != (small[k].Commands, small[k].Parameters))
            .Select(k => $"{k}: {small[k]} with {SmallScope} units; {large[k]} with {LargeScope}")
            .ToList();
        Assert.True(grew.Count == 0, string.Join(Environment.NewLine, grew));
    }

    /// <summary>What each reader's report page and API read cost: the lesser of two tries, so a log-in cookie's once-a-minute re-check does not count.</summary>
    private async Task<Dictionary<string, DatabaseReads.Totals>> OpenAsync(List<(string Key, Browserless Ui, ApiClient Api)> readers, int report)
    {
        var costs = new Dictionary<string, DatabaseReads.Totals>();
        foreach (var (key, ui, api) in readers)
        {
            costs[$"{key}, GET /reports/{{id}}"] = await CostAsync(() => ui.Client.GetAsync(new Uri($"/reports/{report}", UriKind.Relative)));
            costs[$"{key}, GET /api/v1/reports/{{id}}"] = await CostAsync(() => api.GetAsync($"/api/v1/reports/{report}"));
        }

        return costs;
    }

    private async Task<DatabaseReads.Totals> CostAsync(Func<Task<HttpResponseMessage>> open)
    {
        var tries = new List<DatabaseReads.Totals>();
        for (var i = 0; i < 2; i++)
        {
            var (response, reads) = await app.Reads.MeasureAsync(open);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            tries.Add(reads);
        }

        return tries.MinBy(t => (t.Rows, t.Commands))!;
    }

    /// <summary>Communes under the district, written in one go (the admin pages would take a request each).</summary>
    private async Task AddCommunesAsync(int district, string tag, int from, int count, string prefix = "RC")
    {
        await using var db = app.NewDbContext();
        for (var i = from; i < from + count; i++)
        {
            db.Units.Add(new OrgUnit
            {
                Code = $"{prefix}-X{i}-{tag}",
                Kind = UnitKind.Commune,
                PlaceName = $"Xã {i}",
                Names = [new UnitName { Name = $"UBND xã {i} {tag}", ValidFrom = new DateOnly(2020, 1, 1) }],
                ParentLinks = [new UnitParentLink { ParentId = district, ValidFrom = new DateOnly(2020, 1, 1) }],
            });
        }

        await db.SaveChangesAsync();
    }
}
