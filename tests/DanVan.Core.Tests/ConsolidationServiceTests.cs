using System.IO.Compression;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.Export;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

[Collection(CoreCollection.Name)]
public sealed class ConsolidationServiceTests(CoreFixture core)
{
    private const string Directive = "Tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến toàn thể cán bộ, công chức.";

    [Fact]
    public async Task Consolidate_FiguresPerRuleAppendixPerUnitSharedTextOnceFactsAddedUpMissingAndLateListed()
    {
        var t = await ArrangeAsync();

        var result = await ConsolidateAsync(t);

        Assert.True(result.Created);
        var report = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(result.ReportId, t.Consolidator));
        Assert.Equal((t.Province, "2025-Q1", ReportStatus.Draft), (report.UnitId, report.Period, report.Status));
        Assert.Equal([("Số buổi tiếp công dân", 7m), ("Tỷ lệ hồ sơ đúng hạn", 92.75m)], report.Figures.Select(f => (f.Name, f.Value)));

        var propaganda = report.Sections.Single(s => s.Key == "I.2").Text;
        Assert.Equal("UBND xã An Bình và UBND xã Tân Lộc tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến toàn thể cán bộ, công chức.", propaganda);
        Assert.Equal("UBND xã An Bình và UBND xã Tân Lộc tổ chức tiếp công dân, tổng cộng 7 buổi tiếp công dân.", report.Sections.Single(s => s.Key == "I.6").Text);
        var intro = report.Sections.Single(s => s.Key == "intro").Text;
        Assert.Contains("Số đơn vị phải báo cáo: 3; đã gửi báo cáo: 2 (đúng hạn 1, trễ hạn 1); chưa gửi báo cáo: 1.", intro, StringComparison.Ordinal);
        Assert.Contains("Đơn vị gửi báo cáo trễ hạn: UBND xã Tân Lộc.", intro, StringComparison.Ordinal);
        Assert.Contains("Đơn vị chưa gửi báo cáo: UBND xã Hòa Phú.", intro, StringComparison.Ordinal);

        // Traceability: each part names the units (and so the reports) it came from.
        var (_, draft) = await core.RunAsync(sp => sp.GetRequiredService<ConsolidationService>().DraftAsync(result.ReportId, t.Consolidator));
        Assert.NotNull(draft);
        var units = draft.Units.ToDictionary(u => u.UnitId);
        var shared = Assert.Single(draft.Sections.Single(s => s.Key == "I.2").Parts, p => p.Kind == PartKind.Shared);
        Assert.Equal(new[] { units[t.A].Code, units[t.B].Code }.Order(StringComparer.Ordinal), shared.Units.Order(StringComparer.Ordinal));
        var added = Assert.Single(draft.Sections.Single(s => s.Key == "I.6").Parts, p => p.Kind == PartKind.Aggregate);
        var sessions = Assert.Single(added.Quantities!);
        Assert.Equal((7m, "buổi"), (sessions.Value, sessions.Measure));
        Assert.Equal([(t.ReportA, 3m)], sessions.Sources.Where(x => x.UnitCode == units[t.A].Code).Select(x => (x.ReportId, x.Value)));
        Assert.Equal("Tổ chức 3 buổi tiếp công dân tại thôn Phú Lợi.", added.Sources.Single(x => x.ReportId == t.ReportA).Text);
        Assert.Equal(t.ReportA, units[t.A].ReportId);
        Assert.Equal((false, Timeliness.Overdue), (units[t.C].Sent, units[t.C].Timeliness));
        Assert.Equal(2, draft.Appendix.Rows.Count);
        Assert.Equal(["3", "95,5"], draft.Appendix.Rows.Single(r => r.UnitId == t.A).Values);
        Assert.Equal(["7", "92,75"], draft.Appendix.Totals);
        Assert.Equal(["1. Số buổi tiếp công dân (buổi)", "2. Tỷ lệ hồ sơ đúng hạn (%) – trung bình"], draft.Appendix.Columns);
    }

    [Fact]
    public async Task Consolidate_SentReportFiledUnderNoOrAnotherPlan_ItsTextCountsAllTheSame()
    {
        var t = await ArrangeAsync();
        // B's report was started before the plan existed (or under another plan): the sections are read by the plan's
        // reports first, so B's must still be found by the reports the dashboard counts as sent.
        await core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().Reports.Where(r => r.UnitId == t.B)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PlanId, (int?)null)));

        var result = await ConsolidateAsync(t);

        Assert.Equal("UBND xã An Bình và UBND xã Tân Lộc tổ chức tiếp công dân, tổng cộng 7 buổi tiếp công dân.", await SectionTextAsync(result.ReportId, "I.6"));
    }

    [Fact]
    public async Task Consolidate_Again_KeepsEditedSectionsUnlessOverwrite_RefreshesUntouched()
    {
        var t = await ArrangeAsync();
        var first = await ConsolidateAsync(t);
        var section = first.Content.Sections.Single(s => s.Key == "I.2");
        var version = (await core.RunAsync(sp => sp.GetRequiredService<ConsolidationService>().SaveSectionAsync(
            new SaveSection { ReportId = first.ReportId, Key = "I.2", Text = "Nội dung cán bộ tổng hợp đã biên tập.", ExpectedVersion = 1 }, t.Consolidator))).Version;
        Assert.Equal(2, version);

        var again = await ConsolidateAsync(t);

        Assert.False(again.Created);
        Assert.Contains(section.Heading, again.Kept);
        Assert.Equal("Nội dung cán bộ tổng hợp đã biên tập.", await SectionTextAsync(first.ReportId, "I.2"));

        var forced = await ConsolidateAsync(t, overwrite: true);

        Assert.Contains(section.Heading, forced.Filled);
        Assert.Equal(section.Text, await SectionTextAsync(first.ReportId, "I.2"));
    }

    [Fact]
    public async Task Consolidate_ReportAlreadySent_Refused()
    {
        var t = await ArrangeAsync();
        var first = await ConsolidateAsync(t);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = first.ReportId, Action = ReportAction.Submit }, CoreFixture.As(t.Province, Roles.Leader)));

        var error = await Assert.ThrowsAsync<DomainException>(() => ConsolidateAsync(t));

        Assert.Contains("không lập lại được", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolidatedReport_ConsolidatorSendsToTheProvinceLeader_WhoIssuesIt_ConsolidatorCannotIssue()
    {
        var t = await ArrangeAsync();
        var result = await ConsolidateAsync(t);
        var reports = (Func<IServiceProvider, ReportService>)(sp => sp.GetRequiredService<ReportService>());

        await Assert.ThrowsAsync<ForbiddenException>(() => core.RunAsync(sp => reports(sp).ChangeStatusAsync(new ChangeStatus { ReportId = result.ReportId, Action = ReportAction.Submit }, t.Consolidator)));
        var state = await core.RunAsync(async sp => await sp.GetRequiredService<ReportStandingService>().StandingAsync(await reports(sp).GetAsync(result.ReportId, t.Consolidator), t.Consolidator));
        Assert.Equal([ReportAction.SendToLeader], state.Actions);
        Assert.True(state.CanEdit);
        Assert.Equal(ReportStatus.AwaitingLeader, await core.RunAsync(sp => reports(sp).ChangeStatusAsync(new ChangeStatus { ReportId = result.ReportId, Action = ReportAction.SendToLeader }, t.Consolidator)));
        Assert.Equal(ReportStatus.Submitted, await core.RunAsync(sp => reports(sp).ChangeStatusAsync(new ChangeStatus { ReportId = result.ReportId, Action = ReportAction.Submit }, CoreFixture.As(t.Province, Roles.Leader))));

        // A unit's ordinary report is not the consolidator's to send.
        await Assert.ThrowsAsync<ForbiddenException>(() => core.RunAsync(sp => reports(sp).ChangeStatusAsync(new ChangeStatus { ReportId = t.ReportA, Action = ReportAction.SendToLeader }, t.Consolidator)));
    }

    [Fact]
    public async Task Consolidate_ByAnotherProvincesConsolidator_Forbidden()
    {
        var t = await ArrangeAsync();
        var other = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var otherSnv = await core.AddUnitAsync(CoreFixture.Code("SNV"), other, other, UnitKind.Department);

        await Assert.ThrowsAsync<ForbiddenException>(() => core.RunAsync(sp => sp.GetRequiredService<ConsolidationService>().ConsolidateAsync(
            new Consolidate { PlanId = t.Plan, Period = "2025-Q1" }, CoreFixture.As(otherSnv, Roles.Consolidator))));
    }

    [Fact]
    public async Task Export_IssuedConsolidatedReport_AppendixOnItsOwnPageAfterTheSignatureWithTheNumber()
    {
        var t = await ArrangeAsync();
        var result = await ConsolidateAsync(t);
        var leader = CoreFixture.As(t.Province, Roles.Leader);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = result.ReportId, Action = ReportAction.Submit }, leader));

        var file = await core.RunAsync(sp => sp.GetRequiredService<ReportExportService>().ExportAsync(result.ReportId, ExportFormat.Docx, t.Consolidator));

        using var zip = new ZipArchive(new MemoryStream(file.Content));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        var signature = xml.IndexOf("Nơi nhận:", StringComparison.Ordinal);
        var appendix = xml.IndexOf(">Phụ lục I<", StringComparison.Ordinal);
        Assert.True(signature > 0 && appendix > signature, "the appendix follows the signature block");
        // The report's section ends under the signature; the appendix's, numbering its own pages, opens a new page.
        Assert.Contains("<w:sectPr", xml[signature..appendix], StringComparison.Ordinal);
        Assert.Contains("<w:pgNumType w:start=\"1\" />", xml[appendix..], StringComparison.Ordinal);
        Assert.Contains("SỐ LIỆU CỦA CÁC ĐƠN VỊ", xml[appendix..], StringComparison.Ordinal);
        Assert.Contains("(Kèm theo Báo cáo số 01/BC-UBND ngày 10 tháng 4 năm 2025 của ", xml[appendix..], StringComparison.Ordinal);
        Assert.Contains("UBND xã Tân Lộc", xml[appendix..], StringComparison.Ordinal);
        Assert.Contains("95,5", xml[appendix..], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "postgres")]
    public async Task Render_ConsolidatedReport_PdfWithTheAppendixPagesAfterTheSignature()
    {
        var t = await ArrangeAsync();
        var result = await ConsolidateAsync(t);

        var file = await core.RunAsync(sp => sp.GetRequiredService<ReportExportService>().ExportAsync(result.ReportId, ExportFormat.Pdf, t.Consolidator));

        var folder = Path.Combine(Environment.GetEnvironmentVariable("DANVAN_TEST_OUTPUT") is { Length: > 0 } output ? Path.GetFullPath(output) : AppContext.BaseDirectory, "export");
        Directory.CreateDirectory(folder);
        var pdf = Path.Combine(folder, "consolidated-2025-Q1.pdf");
        await File.WriteAllBytesAsync(pdf, file.Content);
        var pages = (await ExternalTool.RunAsync("pdftotext", ["-layout", pdf, "-"], TimeSpan.FromMinutes(1), default)).StandardOutput.Split('\f');
        var signed = Array.FindIndex(pages, p => p.Contains("Nơi nhận:", StringComparison.Ordinal));
        var appendix = Array.FindIndex(pages, p => p.Contains("Phụ lục I", StringComparison.Ordinal));
        Assert.True(signed >= 0 && appendix == signed + 1, $"signature on page {signed + 1}, appendix on page {appendix + 1}");
        Assert.DoesNotContain("Nơi nhận:", pages[appendix], StringComparison.Ordinal);
        Assert.Contains("SỐ LIỆU CỦA CÁC ĐƠN VỊ", pages[appendix], StringComparison.Ordinal);
        Assert.Contains("UBND xã An Bình", pages[appendix], StringComparison.Ordinal);
    }

    private sealed record Arranged(int Province, int Snv, int A, int B, int C, int Plan, int ReportA, Actor Consolidator);

    /// <summary>A province with three communes under a quarterly plan: A sends on time, B late, C never.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        core.Clock.Now = new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var a = await AddCommuneAsync("An Bình", province);
        var b = await AddCommuneAsync("Tân Lộc", province);
        var c = await AddCommuneAsync("Hòa Phú", province);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator);
        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 2)) with
            {
                Number = "42/KH-UBND",
                Summary = "Báo cáo công tác dân vận chính quyền hằng quý",
                FirstPeriod = "2025-Q1",
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                Figures = [new("Số buổi tiếp công dân", "buổi", FigureKind.WholeNumber, Rollup.Sum), new("Tỷ lệ hồ sơ đúng hạn", "%", FigureKind.DecimalNumber, Rollup.Mean)],
            },
            consolidator));
        var reportA = await SendAsync(a, new DateTimeOffset(2025, 3, 18, 3, 0, 0, TimeSpan.Zero), 3, 95.5m, "thôn Phú Lợi");
        await SendAsync(b, new DateTimeOffset(2025, 3, 25, 3, 0, 0, TimeSpan.Zero), 4, 90m, "thôn Minh Tiến");
        core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);
        return new Arranged(province, snv, a, b, c, plan, reportA, consolidator);
    }

    private async Task<int> AddCommuneAsync(string place, int province)
    {
        var id = await core.AddUnitAsync(CoreFixture.Code("X"), province);
        await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            await db.UnitNames.Where(n => n.UnitId == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Name, "Ủy ban nhân dân xã " + place));
            await db.Units.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PlaceName, place));
        });
        return id;
    }

    private async Task<int> SendAsync(int unit, DateTimeOffset at, decimal sessions, decimal rate, string village)
    {
        core.Clock.Now = at;
        var leader = CoreFixture.As(unit, Roles.Leader);
        return await core.RunAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var id = await reports.CreateAsync(new CreateReport { Period = "2025-Q1" }, leader);
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.2", Text = Directive, ExpectedVersion = 0 }, leader);
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.6", Text = $"Tổ chức {sessions} buổi tiếp công dân tại {village}.", ExpectedVersion = 0 }, leader);
            var report = await reports.GetAsync(id, leader);
            var figures = await reports.PlanFiguresAsync(report.PlanId!.Value);
            var version = await reports.SaveFiguresAsync(new SaveFigures
            {
                ReportId = id,
                ExpectedVersion = report.Version,
                Figures = [new FigureInput("Số buổi tiếp công dân", sessions, "buổi", figures.Keys.First()), new FigureInput("Tỷ lệ hồ sơ đúng hạn", rate, "%", figures.Keys.Last())],
            }, leader);
            await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit, ExpectedVersion = version }, leader);
            return id;
        });
    }

    private Task<ConsolidationResult> ConsolidateAsync(Arranged t, bool overwrite = false) =>
        core.RunAsync(sp => sp.GetRequiredService<ConsolidationService>().ConsolidateAsync(new Consolidate { PlanId = t.Plan, Period = "2025-Q1", Overwrite = overwrite }, t.Consolidator));

    private Task<string> SectionTextAsync(int reportId, string key) =>
        core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().ReportSections.Where(s => s.ReportId == reportId && s.Key == key).Select(s => s.Text).SingleAsync());
}
