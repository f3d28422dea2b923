using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

[Collection(CoreCollection.Name)]
public sealed class CompletenessServiceTests(CoreFixture core)
{
    private static readonly DateOnly Due = new(2025, 3, 20);

    [Theory]
    [InlineData("2025-03-20T16:59:00Z", "2025-04-01", Timeliness.OnTime)] // 23:59 on the due day in Vietnam
    [InlineData("2025-03-20T17:00:00Z", "2025-04-01", Timeliness.Late)] // 00:00 the next day in Vietnam
    [InlineData(null, "2025-03-20", Timeliness.NotDue)]
    [InlineData(null, "2025-03-21", Timeliness.Overdue)]
    public void Classify_DeadlineDayInVietnamTime(string? submitted, string today, Timeliness expected)
    {
        DateTime? at = submitted is null ? null : DateTime.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(expected, CompletenessService.Classify(Due, at, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Classify_NoDeadline_NotDue() => Assert.Equal(Timeliness.NotDue, CompletenessService.Classify(null, DateTime.UtcNow, new DateOnly(2030, 1, 1)));

    [Fact]
    public async Task TableAsync_ListsEveryReportingUnitWithStatusAndTimeliness()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var onTime = await core.AddUnitAsync(CoreFixture.Code("A"), province);
        var late = await core.AddUnitAsync(CoreFixture.Code("B"), province);
        var draft = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var missing = await core.AddUnitAsync(CoreFixture.Code("D"), province);
        var elsewhere = await core.AddUnitAsync(CoreFixture.Code("E"));
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);

        await core.RunAsync(sp => sp.GetRequiredService<CompletenessService>().SetDeadlineAsync(new SetDeadline { Period = "2025-Q1", DueOn = Due }, consolidator));
        core.Clock.Now = new DateTimeOffset(2025, 3, 18, 3, 0, 0, TimeSpan.Zero);
        await SubmitAsync(onTime);
        core.Clock.Now = new DateTimeOffset(2025, 3, 25, 3, 0, 0, TimeSpan.Zero);
        await SubmitAsync(late);
        await CreateAsync(draft);
        await SubmitAsync(elsewhere);

        var table = await core.RunAsync(sp => sp.GetRequiredService<CompletenessService>().TableAsync(consolidator, ReportingPeriod.Quarter(2025, 1)));

        Assert.Equal(Due, table.Deadline);
        Assert.Equal([onTime, late, draft, missing], table.Rows.Select(r => r.UnitId).Order().ToArray());
        Assert.Equal((4, 2), (table.Expected, table.Submitted));
        var byUnit = table.Rows.ToDictionary(r => r.UnitId);
        Assert.Equal((ReportStatus.Submitted, Timeliness.OnTime), (byUnit[onTime].Status, byUnit[onTime].Timeliness));
        Assert.Equal(Timeliness.Late, byUnit[late].Timeliness);
        Assert.Equal((ReportStatus.Draft, Timeliness.Overdue), (byUnit[draft].Status, byUnit[draft].Timeliness));
        Assert.Equal(((ReportStatus?)null, Timeliness.Overdue), (byUnit[missing].Status, byUnit[missing].Timeliness));
    }

    [Fact]
    public async Task TableAsync_StaffUser_Forbidden()
    {
        var unit = await core.AddUnitAsync(CoreFixture.Code("A"));

        await Assert.ThrowsAsync<DanVan.Core.ForbiddenException>(() => core.RunAsync(sp =>
            sp.GetRequiredService<CompletenessService>().TableAsync(CoreFixture.As(unit, Roles.Staff), ReportingPeriod.Quarter(2025, 1))));
    }

    private Task<int> CreateAsync(int unit) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, CoreFixture.As(unit, Roles.Leader)));

    private async Task SubmitAsync(int unit)
    {
        var id = await CreateAsync(unit);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, CoreFixture.As(unit, Roles.Leader)));
    }
}
