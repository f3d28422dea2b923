using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Demo;
using DanVan.Core.Export;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Starting a report: only periods that have opened, offered in words with the plan they answer; last period's tasks
/// carried into it, answered and printed; "Chép từ kỳ trước" saying what is true.
/// </summary>
[Collection(CoreCollection.Name)]
public sealed class StartReportTests(CoreFixture core)
{
    private static readonly DateTimeOffset April10 = new(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);

    private Task<int> CreateAsync(int unitId, string period) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, CoreFixture.As(unitId, Roles.Staff)));

    private Task<Report> GetAsync(int id, int unitId) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, CoreFixture.As(unitId, Roles.Staff)));

    private async Task<T> OnAsync<T>(DateTimeOffset now, Func<Task<T>> work)
    {
        var before = core.Clock.Now;
        core.Clock.Now = now;
        try
        {
            return await work();
        }
        finally
        {
            core.Clock.Now = before;
        }
    }

    private async Task<(int Province, int Snv, int Commune)> TreeAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        return (province, snv, commune);
    }

    [Theory]
    [InlineData("2025-Q3", "quý III năm 2025", "15/06/2025")]
    [InlineData("2027-Q1", "quý I năm 2027", "15/12/2026")]
    [InlineData("2025-05", "tháng 5 năm 2025", "15/04/2025")]
    public async Task CreateAsync_PeriodNotOpenYet_RefusedSayingWhenItOpens(string period, string words, string opens)
    {
        var (_, _, commune) = await TreeAsync();

        var error = await OnAsync(April10, () => Assert.ThrowsAsync<DomainException>(() => CreateAsync(commune, period)));

        Assert.Equal("Period", error.Field);
        Assert.Equal($"Kỳ {words} chưa mở: báo cáo kỳ này lập được từ ngày {opens}. Chọn một kỳ đang mở.", error.Message);
        await using var db = core.Database.NewContext();
        Assert.False(await db.Reports.AnyAsync(r => r.UnitId == commune));
    }

    [Fact]
    public async Task CreateAsync_UnderCalendarPlan_OpensOnTheFirstOfTheMonth()
    {
        var (_, snv, commune) = await TreeAsync();
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "7/KH-UBND",
                Summary = "Báo cáo hằng tháng công tác dân vận chính quyền",
                PeriodType = PeriodType.Month,
                Semantics = PeriodSemantics.Calendar,
                FirstPeriod = "2025-01",
            },
            CoreFixture.As(snv, Roles.Consolidator)));

        // 20/4: a Decree 09 window for May would have begun on 15/4; the plan counts calendar months.
        var error = await OnAsync(new DateTimeOffset(2025, 4, 20, 3, 0, 0, TimeSpan.Zero), () => Assert.ThrowsAsync<DomainException>(() => CreateAsync(commune, "2025-05")));
        var id = await OnAsync(new DateTimeOffset(2025, 5, 1, 3, 0, 0, TimeSpan.Zero), () => CreateAsync(commune, "2025-05"));

        Assert.Contains("từ ngày 01/05/2025", error.Message, StringComparison.Ordinal);
        Assert.Equal("2025-05", (await GetAsync(id, commune)).Period);
    }

    [Fact]
    public async Task StartablePeriodsAsync_PlanPeriodsFirstThenBegunPeriodsWithoutAReport()
    {
        var (_, snv, commune) = await TreeAsync();
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with { Number = "9/KH-UBND", Summary = "Báo cáo hằng quý", FirstPeriod = "2025-Q1" },
            CoreFixture.As(snv, Roles.Consolidator)));

        var offered = await OnAsync(April10, async () =>
        {
            await CreateAsync(commune, "2025-03");
            return await core.RunAsync(sp => sp.GetRequiredService<ReportService>().StartablePeriodsAsync(CoreFixture.As(commune, Roles.Staff)));
        });

        Assert.Equal(
            ["2025-Q1", "2025-Q2", "2025-04", "2025-H1", "2024-H2", "2025-9M", "2025", "2024"],
            offered.Select(o => o.Period.ToString()));
        Assert.All(offered.Where(o => o.Period.Type == PeriodType.Quarter), o => Assert.Equal("9/KH-UBND", o.Plan?.Number));
        Assert.All(offered.Where(o => o.Period.Type != PeriodType.Quarter), o => Assert.Null(o.Plan));
        var consolidator = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().StartablePeriodsAsync(CoreFixture.As(snv, Roles.Consolidator)));
        Assert.Empty(consolidator);
    }

    [Fact]
    public async Task CopyFromPreviousAsync_NoReportOrEmptySection_SaysWhichIsTrue()
    {
        var (_, _, commune) = await TreeAsync();
        var current = await OnAsync(April10, () => CreateAsync(commune, "2025-Q2"));
        Task<SectionSaved> CopyAsync() => core.RunAsync(async sp =>
        {
            var report = await sp.GetRequiredService<ReportService>().GetAsync(current, CoreFixture.As(commune, Roles.Staff));
            return await sp.GetRequiredService<ReportService>().CopyFromPreviousAsync(current, "I.1", report.Sections.Single(s => s.Key == "I.1").Version, CoreFixture.As(commune, Roles.Staff));
        });

        var none = await Assert.ThrowsAsync<DomainException>(CopyAsync);
        await OnAsync(April10, () => CreateAsync(commune, "2025-Q1"));
        var empty = await Assert.ThrowsAsync<DomainException>(CopyAsync);

        Assert.Equal("Chưa có báo cáo quý I năm 2025 của đơn vị để chép.", none.Message);
        Assert.Equal("Mục này trong báo cáo quý I năm 2025 của đơn vị còn trống, không có gì để chép.", empty.Message);
    }

    [Fact]
    public async Task Export_CarriedTasksAnswered_PrintedAsTableClosingPartOne()
    {
        var (_, _, commune) = await TreeAsync();
        var staff = CoreFixture.As(commune, Roles.Staff);
        var id = await OnAsync(April10, async () =>
        {
            var previous = await CreateAsync(commune, "2025-Q1");
            await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(
                new SaveSection { ReportId = previous, Key = ReportTemplate.NextTasksKey, Text = "1. Tổ chức đối thoại với Nhân dân về đất đai.\n- Rà soát đơn thư tồn đọng.", ExpectedVersion = 0 }, staff));
            return await CreateAsync(commune, "2025-Q2");
        });
        var report = await GetAsync(id, commune);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveCarryForwardAsync(
            id,
            [new(report.CarryForward[0].Id, CarryOutcome.Done, "Đối thoại tại 3 thôn, 120 người dự"), new(report.CarryForward[1].Id, CarryOutcome.InProgress, "")],
            report.Version,
            staff));

        var file = await core.RunAsync(sp => sp.GetRequiredService<ReportExportService>().ExportAsync(id, ExportFormat.Docx, staff));

        using var docx = WordprocessingDocument.Open(new MemoryStream(file.Content), false);
        var body = docx.MainDocumentPart!.Document.Body!;
        var table = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>()
            .Single(t => t.InnerText.Contains("Nhiệm vụ", StringComparison.Ordinal));
        var rows = table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["STT", "Nhiệm vụ", "Kết quả", "Ghi chú"], rows[0]);
        Assert.Equal(["1", "Tổ chức đối thoại với Nhân dân về đất đai.", "Đã hoàn thành", "Đối thoại tại 3 thôn, 120 người dự"], rows[1]);
        Assert.Equal(["2", "Rà soát đơn thư tồn đọng.", "Đang thực hiện", ""], rows[2]);
        var before = table.ElementsBefore().Select(e => e.InnerText).ToList();
        Assert.Equal("Kết quả thực hiện nhiệm vụ đề ra trong báo cáo quý I năm 2025:", before[^1]);
        Assert.Contains("I. KẾT QUẢ THỰC HIỆN", before);
        Assert.Contains("II. ĐÁNH GIÁ CHUNG", table.ElementsAfter().Select(e => e.InnerText));
    }

    [Fact]
    public async Task DemoData_OpenPeriodsReportHasLastPeriodsTasksToAnswer()
    {
        var demo = new CoreFixture();
        await demo.InitializeAsync();
        try
        {
            demo.Clock.Now = new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
            Assert.True(await demo.RunAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(CoreFixture.Password)));
            await using var db = demo.Database.NewContext();
            var traTan = await db.Units.Where(u => u.Code == "QNG-TRATAN").Select(u => u.Id).SingleAsync();
            var board = await db.Units.Where(u => u.Code == "LD-BQLDAGT").Select(u => u.Id).SingleAsync();

            // Trà Tân's clerk starts the open quarter; the board's clerk finds the open month's draft already started.
            foreach (var (unit, open, previous, task) in new[] { (traTan, "2026-Q4", "2026-Q3", "Tổ chức đối thoại"), (board, "2026-12", "2026-11", "Phối hợp với UBND các xã") })
            {
                var clerk = CoreFixture.As(unit, Roles.Staff);
                Assert.Equal(ReportStatus.Accepted, await db.Reports.Where(r => r.UnitId == unit && r.Period == previous).Select(r => r.Status).SingleAsync());
                var draft = await db.Reports.Where(r => r.UnitId == unit && r.Period == open).Select(r => (int?)r.Id).SingleOrDefaultAsync();
                if (draft is null)
                {
                    var offered = await demo.RunAsync(sp => sp.GetRequiredService<ReportService>().StartablePeriodsAsync(clerk));
                    Assert.Equal(open, offered[0].Period.ToString());
                    Assert.NotNull(offered[0].Plan);
                }

                var id = draft ?? await demo.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = open }, clerk));

                var report = await demo.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, clerk));
                Assert.Equal((ReportStatus.Draft, unit == board), (report.Status, draft is not null));
                Assert.Equal(4, report.CarryForward.Count);
                Assert.StartsWith(task, report.CarryForward[0].Task, StringComparison.Ordinal);
            }
        }
        finally
        {
            await demo.DisposeAsync();
        }
    }
}
