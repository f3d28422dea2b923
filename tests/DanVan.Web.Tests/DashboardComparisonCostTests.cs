using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// The dashboard compares the scope's figures with the previous period and the same period last year in the same
/// number of queries whatever the number of units, and reads nothing of units outside the scope: a province of
/// 3,921 units asks what a province of ten asks.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DashboardComparisonCostTests(DanVanWebFactory app)
{
    private const int SmallScope = 10;
    private const int LargeScope = 200;
    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task Dashboard_ScopeGrowsFrom10To200Units_ComparisonSendsTheSameCommandsAndParameters()
    {
        // Arrange: a province whose communes sent 2025-Q3, 2025-Q2 and 2024-Q3, two of them merged on 1/7/2025.
        var w = await ArrangeAsync();
        await AddCommunesAsync(w, count: SmallScope - 4);
        var ui = await Browserless.LogInAsync(app, w.Consolidator);
        var small = await DashboardAsync(ui, w, expectedReports: SmallScope - 3);

        // Act: the province grows to two hundred units, each with its three reports.
        await AddCommunesAsync(w, count: LargeScope - SmallScope);
        var large = await DashboardAsync(ui, w, expectedReports: LargeScope - 3);

        // Assert: the same questions (units and reports travel as one parameter each), only more rows.
        Assert.True(
            (large.Commands, large.Parameters) == (small.Commands, small.Parameters),
            $"GET /consolidation with the comparison: {small} with {SmallScope} units; {large} with {LargeScope}");
    }

    [Fact]
    public async Task Dashboard_AnotherProvinceGrows_ComparisonReadsNoMoreRows()
    {
        // Arrange: this province, and another one with reports of its own.
        var w = await ArrangeAsync();
        await AddCommunesAsync(w, count: SmallScope - 4);
        var other = await ArrangeAsync();
        var ui = await Browserless.LogInAsync(app, w.Consolidator);
        var before = await DashboardAsync(ui, w, expectedReports: SmallScope - 3);

        // Act: the other province grows by two hundred communes.
        await AddCommunesAsync(other, count: LargeScope);
        var after = await DashboardAsync(ui, w, expectedReports: SmallScope - 3);

        // Assert: neither the names and codes nor the reports of the other province's units are read.
        Assert.True(after == before, $"GET /consolidation: {before} before the other province grew; {after} after");
    }

    private sealed record World(string Tag, int Province, int Plan, Dictionary<string, int> Figures, string Consolidator)
    {
        public int Added { get; set; }
    }

    /// <summary>
    /// A province with its Sở Nội vụ, a quarterly plan of four figures (a rate among them), and xã Trà Tân and xã Trà Bùi
    /// merged on 1/7/2025 into a new commune: the two sent 2025-Q2 and 2024-Q3, the new one 2025-Q3.
    /// </summary>
    private async Task<World> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await app.AddUnitAsync($"DC-P-{tag}", $"Ủy ban nhân dân tỉnh {tag}", UnitKind.Province);
        var snv = await app.AddUnitAsync($"DC-SNV-{tag}", $"Sở Nội vụ tỉnh {tag}", UnitKind.Department, province, province);
        var x1 = await app.AddUnitAsync($"DC-X1-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        var x2 = await app.AddUnitAsync($"DC-X2-{tag}", "Ủy ban nhân dân xã Trà Bùi", UnitKind.Commune, province);
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReorganisationService>().ApplyAsync(
            [new ReorganisationRow { Row = 2, Code = $"DC-XA-{tag}", Name = "Ủy ban nhân dân xã Trà Tân Mới", Kind = "xã", ParentCode = $"DC-P-{tag}", EffectiveOn = new DateOnly(2025, 7, 1), LegalBasis = "Nghị quyết số 1677/NQ-UBTVQH15", Predecessors = [new($"DC-X1-{tag}"), new($"DC-X2-{tag}")] }],
            DanVanWebFactory.SystemAdmin(0)));
        await using var db = app.NewDbContext();
        var successor = await db.Units.Where(u => u.Code == $"DC-XA-{tag}").Select(u => u.Id).SingleAsync();
        var plan = new Plan
        {
            OwnerUnitId = province,
            Number = $"7/KH-{tag}",
            Summary = "Báo cáo công tác dân vận chính quyền hằng quý",
            IssuedOn = new DateOnly(2024, 1, 2),
            PeriodType = PeriodType.Quarter,
            FirstPeriod = "2024-Q1",
            UnitDeadlineKind = DeadlineKind.DayOfMonth,
            UnitDeadlineValue = 20,
            OwnerDeadlineKind = DeadlineKind.DayOfMonth,
            OwnerDeadlineValue = 25,
            CreatedBy = "test",
            Figures =
            [
                new() { Order = 0, Code = "1", Name = "Số lượt tiếp công dân", UnitOfMeasure = "lượt", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
                new() { Order = 1, Code = "2.1", Name = "Số hồ sơ tiếp nhận", UnitOfMeasure = "hồ sơ", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
                new() { Order = 2, Code = "2.2", Name = "Số hồ sơ giải quyết đúng hạn", UnitOfMeasure = "hồ sơ", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
                new() { Order = 3, Code = "2.3", Name = "Tỷ lệ đúng hạn", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.Recompute, Formula = "[2.2] / [2.1] × 100" },
            ],
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        var w = new World(tag, province, plan.Id, plan.Figures.ToDictionary(f => f.Code, f => f.Id), $"snv.{tag}");
        db.Reports.AddRange(Sent(w, x1, "2025-Q2"), Sent(w, x2, "2025-Q2"), Sent(w, x1, "2024-Q3"), Sent(w, x2, "2024-Q3"), Sent(w, successor, "2025-Q3"));
        await db.SaveChangesAsync();
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        return w;
    }

    /// <summary>Communes under the province, each with its sent reports of the three compared periods, written in one go.</summary>
    private async Task AddCommunesAsync(World w, int count)
    {
        await using var db = app.NewDbContext();
        var units = new List<OrgUnit>();
        for (var i = 0; i < count; i++)
        {
            var n = ++w.Added;
            units.Add(new OrgUnit
            {
                Code = $"DC-C{n}-{w.Tag}",
                Kind = UnitKind.Commune,
                PlaceName = $"Xã {n}",
                Names = [new UnitName { Name = $"Ủy ban nhân dân xã {n} {w.Tag}", ValidFrom = new DateOnly(2020, 1, 1) }],
                ParentLinks = [new UnitParentLink { ParentId = w.Province, ValidFrom = new DateOnly(2020, 1, 1) }],
            });
        }

        db.Units.AddRange(units);
        await db.SaveChangesAsync();
        db.Reports.AddRange(units.SelectMany(u => new[] { "2025-Q3", "2025-Q2", "2024-Q3" }.Select(p => Sent(w, u.Id, p))));
        await db.SaveChangesAsync();
    }

    private static Report Sent(World w, int unit, string period) => new()
    {
        UnitId = unit,
        PlanId = w.Plan,
        Period = period,
        Title = "Báo cáo " + period,
        Status = ReportStatus.Accepted,
        CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        SubmittedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Figures =
        [
            new() { Order = 0, Name = "Số lượt tiếp công dân", Value = 12, UnitOfMeasure = "lượt", PlanFigureId = w.Figures["1"] },
            new() { Order = 1, Name = "Số hồ sơ tiếp nhận", Value = 10, UnitOfMeasure = "hồ sơ", PlanFigureId = w.Figures["2.1"] },
            new() { Order = 2, Name = "Số hồ sơ giải quyết đúng hạn", Value = 9, UnitOfMeasure = "hồ sơ", PlanFigureId = w.Figures["2.2"] },
            new() { Order = 3, Name = "Tỷ lệ đúng hạn", Value = 90, UnitOfMeasure = "%", PlanFigureId = w.Figures["2.3"] },
        ],
    };

    /// <summary>
    /// What the dashboard with its comparison cost: the lesser of two tries, so a log-in cookie's once-a-minute re-check
    /// does not count. Checks first that the comparison is there, over the reports expected (the merged communes'
    /// two reports of each earlier period in the place of their successor's one).
    /// </summary>
    private async Task<DatabaseReads.Totals> DashboardAsync(Browserless ui, World w, int expectedReports)
    {
        var url = $"/consolidation?plan={w.Plan}&period=2025-Q3&comparison=true";
        var tries = new List<DatabaseReads.Totals>();
        for (var i = 0; i < 2; i++)
        {
            var (response, reads) = await app.Reads.MeasureAsync(() => ui.Client.GetAsync(new Uri(url, UriKind.Relative)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            tries.Add(reads);
        }

        var (_, page) = await ui.GetPageAsync(url);
        var section = page.QuerySelector("#scope-comparison")?.TextContent ?? "";
        Assert.Contains($"kỳ này {expectedReports}, kỳ trước {expectedReports + 1}, cùng kỳ năm trước {expectedReports + 1} báo cáo", section, StringComparison.Ordinal);
        // Twelve citizens received in every report: the previous quarter's sum counts the merged communes' two.
        var citizens = page.QuerySelector("#scope-comparison tr[data-code='1']")!;
        Assert.Equal(
            ((12 * expectedReports).ToString("#,##0", Vi), (12 * (expectedReports + 1)).ToString("#,##0", Vi)),
            (citizens.QuerySelectorAll("td")[2].TextContent.Trim(), citizens.QuerySelector("[data-base='previous']")!.TextContent.Trim()));
        return tries.MinBy(t => (t.Rows, t.Commands))!;
    }
}
