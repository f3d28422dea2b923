using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The world the comparison's page and browser tests share: a merger with reports on both sides of it.</summary>
public sealed record MergedCommunes(int Plan, int Report, string Staff, string Consolidator)
{
    /// <summary>
    /// Two communes sent Q2/2025 (60 + 40 citizens received, 20 of 25 and 10 of 15 files on time) and merged on 1/7/2025
    /// into a new one, which sent Q3/2025 (112 citizens, 32 of 40 files on time).
    /// </summary>
    public static async Task<MergedCommunes> ArrangeAsync(DanVanWebFactory app)
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh So Sánh", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh So Sánh", UnitKind.Department, province, province);
        var x1 = await app.AddUnitAsync($"X1-{tag}", "Ủy ban nhân dân xã Trà Tân", UnitKind.Commune, province);
        var x2 = await app.AddUnitAsync($"X2-{tag}", "Ủy ban nhân dân xã Trà Bùi", UnitKind.Commune, province);
        await app.WithServicesAsync(sp => sp.GetRequiredService<ReorganisationService>().ApplyAsync(
            [new ReorganisationRow { Row = 2, Code = $"XA-{tag}", Name = "Ủy ban nhân dân xã Trà Tân Mới", Kind = "xã", ParentCode = $"P-{tag}", EffectiveOn = new DateOnly(2025, 7, 1), LegalBasis = "Nghị quyết số 1677/NQ-UBTVQH15", Predecessors = [new($"X1-{tag}"), new($"X2-{tag}")] }],
            DanVanWebFactory.SystemAdmin(0)));
        await using var db = app.NewDbContext();
        var successor = await db.Units.Where(u => u.Code == $"XA-{tag}").Select(u => u.Id).SingleAsync();
        var plan = new Plan
        {
            OwnerUnitId = province,
            Number = $"9/KH-{tag}",
            Summary = "Báo cáo công tác dân vận chính quyền hằng quý",
            IssuedOn = new DateOnly(2025, 1, 2),
            PeriodType = PeriodType.Quarter,
            FirstPeriod = "2025-Q1",
            UnitDeadlineKind = DeadlineKind.DayOfMonth,
            UnitDeadlineValue = 20,
            OwnerDeadlineKind = DeadlineKind.DayOfMonth,
            OwnerDeadlineValue = 25,
            CreatedBy = "test",
            Figures =
            [
                new() { Order = 0, Code = "1", Name = "Số lượt tiếp công dân", UnitOfMeasure = "lượt", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
                new() { Order = 1, Code = "2", Name = "Hồ sơ", Kind = FigureKind.Heading, Rollup = Rollup.None },
                new() { Order = 2, Code = "2.1", Name = "Số hồ sơ tiếp nhận", UnitOfMeasure = "hồ sơ", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
                new() { Order = 3, Code = "2.2", Name = "Số hồ sơ giải quyết đúng hạn", UnitOfMeasure = "hồ sơ", Kind = FigureKind.WholeNumber, Rollup = Rollup.Sum },
                new() { Order = 4, Code = "2.3", Name = "Tỷ lệ đúng hạn", UnitOfMeasure = "%", Kind = FigureKind.DecimalNumber, Rollup = Rollup.Recompute, Formula = "[2.2] / [2.1] × 100" },
            ],
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        var ids = plan.Figures.ToDictionary(f => f.Code, f => f.Id);
        Report Sent(int unit, string period, decimal citizens, decimal received, decimal onTime) => new()
        {
            UnitId = unit,
            PlanId = plan.Id,
            Period = period,
            Title = "Báo cáo " + period,
            Status = ReportStatus.Accepted,
            CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            SubmittedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Figures =
            [
                new() { Order = 0, Name = "Số lượt tiếp công dân", Value = citizens, UnitOfMeasure = "lượt", PlanFigureId = ids["1"] },
                new() { Order = 1, Name = "Số hồ sơ tiếp nhận", Value = received, UnitOfMeasure = "hồ sơ", PlanFigureId = ids["2.1"] },
                new() { Order = 2, Name = "Số hồ sơ giải quyết đúng hạn", Value = onTime, UnitOfMeasure = "hồ sơ", PlanFigureId = ids["2.2"] },
                new() { Order = 3, Name = "Tỷ lệ đúng hạn", Value = Math.Round(onTime / received * 100, 2), UnitOfMeasure = "%", PlanFigureId = ids["2.3"] },
            ],
        };
        var report = Sent(successor, "2025-Q3", 112, 40, 32);
        db.Reports.AddRange(Sent(x1, "2025-Q2", 60, 25, 20), Sent(x2, "2025-Q2", 40, 15, 10), report);
        await db.SaveChangesAsync();
        await app.AddUserAsync($"canbo.{tag}", successor, Roles.Staff);
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator);
        return new MergedCommunes(plan.Id, report.Id, $"canbo.{tag}", $"snv.{tag}");
    }
}
