using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Import;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

[Collection(CoreCollection.Name)]
public sealed class ReportServiceTests(CoreFixture core)
{
    private async Task<(int Province, int Commune, int Sibling, int Snv)> TreeAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: DanVan.Core.OrgUnits.UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, DanVan.Core.OrgUnits.UnitKind.Department);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var sibling = await core.AddUnitAsync(CoreFixture.Code("S"), province);
        return (province, commune, sibling, snv);
    }

    private Task<int> CreateAsync(int unitId, string period = "2025-Q1") =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, CoreFixture.As(unitId, Roles.Staff)));

    private Task<Report> GetAsync(int id, Actor actor) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, actor));

    private async Task<int> SaveAsync(int id, Actor actor, string key, string text, int version) =>
        (await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(
            new SaveSection { ReportId = id, Key = key, Text = text, ExpectedVersion = version }, actor))).Version;

    private Task<ReportStatus> ActAsync(int id, Actor actor, ReportAction action, string? comment = null) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = action, Comment = comment }, actor));

    [Fact]
    public async Task CreateAsync_NewPeriod_StartsFromDefaultOutlineAsDraft()
    {
        var (_, commune, _, _) = await TreeAsync();

        var id = await CreateAsync(commune, "2025-q1");

        var report = await GetAsync(id, CoreFixture.As(commune, Roles.Staff));
        Assert.Equal("2025-Q1", report.Period);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Equal(ReportTemplate.Default.Select(t => t.Key), report.Sections.Select(s => s.Key));
        Assert.Contains("quý I năm 2025", report.Title, StringComparison.Ordinal);
        Assert.Single(report.Transitions);
    }

    [Fact]
    public async Task CreateAsync_SamePeriodTwice_RefusedWithVietnameseMessage()
    {
        var (_, commune, _, _) = await TreeAsync();
        await CreateAsync(commune, "2025-H1");

        var error = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(commune, "2025-H1"));

        Assert.Contains("đã có báo cáo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_MalformedPeriod_RefusedOnPeriodField()
    {
        var (_, commune, _, _) = await TreeAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => CreateAsync(commune, "quý 1"));

        Assert.Equal("Period", error.Field);
    }

    [Fact]
    public async Task GetAsync_DistrictConsolidatorAfterDatedMovesAndAMerge_SeesTheUnitsBelowItToday()
    {
        // Arrange: on 10/04/2025, a commune moved in on 1/3, one moved out on 1/3, one moving out on 1/6 and one merged
        // away on 1/2 (a closed unit keeps its last parent, so its reports stay in the district's scope).
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var other = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var movedIn = await core.AddUnitAsync(CoreFixture.Code("X"), other);
        var movedOut = await core.AddUnitAsync(CoreFixture.Code("X"), district);
        var leaving = await core.AddUnitAsync(CoreFixture.Code("X"), district);
        var merged = await core.AddUnitAsync(CoreFixture.Code("X"), district);
        var reports = new Dictionary<int, int>();
        foreach (var unit in new[] { movedIn, movedOut, leaving, merged })
        {
            // Sent up: the district reads a unit's report once it is sent.
            reports[unit] = await CreateAsync(unit, "2024-Q4");
            await ActAsync(reports[unit], CoreFixture.As(unit, Roles.Leader), ReportAction.Submit);
        }

        await core.RunAsync(async sp =>
        {
            var units = sp.GetRequiredService<OrgUnitService>();
            await units.MoveAsync(new MoveUnit { UnitId = movedIn, NewParentId = district, EffectiveOn = new DateOnly(2025, 3, 1) }, CoreFixture.Admin);
            await units.MoveAsync(new MoveUnit { UnitId = movedOut, NewParentId = other, EffectiveOn = new DateOnly(2025, 3, 1) }, CoreFixture.Admin);
            await units.MoveAsync(new MoveUnit { UnitId = leaving, NewParentId = other, EffectiveOn = new DateOnly(2025, 6, 1) }, CoreFixture.Admin);
            await units.CloseAsync(new CloseUnit { UnitId = merged, ClosedOn = new DateOnly(2025, 2, 1), SuccessorId = leaving }, CoreFixture.Admin);
        });
        var consolidator = CoreFixture.As(district, Roles.Consolidator);

        // Act
        var seen = new Dictionary<int, bool>();
        foreach (var (unit, report) in reports)
        {
            seen[unit] = await core.RunAsync(async sp =>
            {
                var access = sp.GetRequiredService<AccessService>();
                var visible = await access.VisibleReportsAsync(consolidator);
                try
                {
                    await sp.GetRequiredService<ReportService>().GetAsync(report, consolidator);
                    Assert.True(await visible.AnyAsync(r => r.Id == report), "GetAsync opens a report the list leaves out");
                    return true;
                }
                catch (NotFoundException)
                {
                    Assert.False(await visible.AnyAsync(r => r.Id == report), "GetAsync hides a report the list shows");
                    return false;
                }
            });
        }

        // Assert
        Assert.True(seen[movedIn]);
        Assert.False(seen[movedOut]);
        Assert.True(seen[leaving]);
        Assert.True(seen[merged]);
    }

    /// <summary>A Word file to import, and how many sections the importer reads in it.</summary>
    [Fact]
    public async Task SaveSectionAsync_StaleVersion_RefusedAndSavedTextUntouched()
    {
        var (_, commune, _, _) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff, "canbo");
        var leader = CoreFixture.As(commune, Roles.Leader, "lanhdao");
        await SaveAsync(id, staff, "I.1", "Bản của cán bộ", 0);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(id, leader, "I.1", "Bản của lãnh đạo", 0));

        Assert.Equal(1, conflict.LatestVersion);
        Assert.Equal("Bản của cán bộ", conflict.LatestText);
        Assert.Contains("canbo", conflict.Message, StringComparison.Ordinal);
        Assert.Matches(@"lưu lúc \d\d/\d\d/\d{4} \d\d:\d\d\.", conflict.Message); // date first, as everywhere
        var saved = (await GetAsync(id, staff)).Sections.Single(s => s.Key == "I.1");
        Assert.Equal(("Bản của cán bộ", 1), (saved.Text, saved.Version));
    }

    [Fact]
    public async Task SaveSectionAsync_TwoSavesAtOnce_ExactlyOneWins()
    {
        var (_, commune, _, _) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff);

        var results = await Task.WhenAll(
            Attempt(() => SaveAsync(id, staff, "II", "A", 0)),
            Attempt(() => SaveAsync(id, staff, "II", "B", 0)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is ConcurrencyConflictException);
        var saved = (await GetAsync(id, staff)).Sections.Single(s => s.Key == "II");
        Assert.Equal(1, saved.Version);
        Assert.Contains(saved.Text, new[] { "A", "B" });

        static async Task<Exception?> Attempt(Func<Task> save)
        {
            try
            {
                await save();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task SaveSectionAsync_CharactersADocxCannotHold_DroppedOrMadeLineEnds()
    {
        var (_, commune, _, _) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff);

        await SaveAsync(id, staff, "I.3", "Tiếp công dân\u000Bđịnh kỳ\u0001 hằng tháng\uFFFE.", 0);

        Assert.Equal("Tiếp công dân\nđịnh kỳ hằng tháng.", (await GetAsync(id, staff)).Sections.Single(s => s.Key == "I.3").Text);
    }

    [Fact]
    public async Task SaveSectionAsync_LimitIs100000Characters_HtmlStoredAsTyped()
    {
        var (_, commune, _, _) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff);
        const string html = "<script>alert('x')</script> & <b>đậm</b>";

        await SaveAsync(id, staff, "I.2", html, 0);
        await SaveAsync(id, staff, "I.3", new string('ệ', ReportSection.MaxTextLength), 0);
        var error = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(id, staff, "I.4", new string('a', ReportSection.MaxTextLength + 1), 0));

        Assert.Equal("Text", error.Field);
        var report = await GetAsync(id, staff);
        Assert.Equal(html, report.Sections.Single(s => s.Key == "I.2").Text);
        Assert.Equal(ReportSection.MaxTextLength, report.Sections.Single(s => s.Key == "I.3").Text.Length);
        Assert.Equal("", report.Sections.Single(s => s.Key == "I.4").Text);
    }

    [Fact]
    public async Task ChangeStatusAsync_FullJourney_RecordsEveryTransition()
    {
        var (_, commune, _, snv) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff, "canbo");
        var leader = CoreFixture.As(commune, Roles.Leader, "lanhdao");
        var consolidator = CoreFixture.As(snv, Roles.Consolidator, "snv");

        await ActAsync(id, staff, ReportAction.SendToLeader);
        await ActAsync(id, leader, ReportAction.ReturnToStaff, "Bổ sung số liệu tiếp dân");
        await ActAsync(id, staff, ReportAction.SendToLeader);
        await ActAsync(id, leader, ReportAction.Submit);
        var noReason = await Assert.ThrowsAsync<DomainException>(() => ActAsync(id, consolidator, ReportAction.Return, "   "));
        await ActAsync(id, consolidator, ReportAction.Return, "Thiếu phần Đánh giá chung");
        await ActAsync(id, leader, ReportAction.Submit);
        await ActAsync(id, consolidator, ReportAction.Accept);

        Assert.Equal("Comment", noReason.Field);
        var report = await GetAsync(id, staff);
        Assert.Equal(ReportStatus.Accepted, report.Status);
        Assert.NotNull(report.SubmittedAt);
        Assert.NotNull(report.AcceptedAt);
        Assert.Equal(
            [ReportStatus.Draft, ReportStatus.AwaitingLeader, ReportStatus.Draft, ReportStatus.AwaitingLeader, ReportStatus.Submitted, ReportStatus.Returned, ReportStatus.Submitted, ReportStatus.Accepted],
            report.Transitions.Select(t => t.ToStatus));
        var returned = report.Transitions.Single(t => t.ToStatus == ReportStatus.Returned);
        Assert.Equal(("snv", ReportStatus.Submitted, "Thiếu phần Đánh giá chung"), (returned.UserName, returned.FromStatus, returned.Comment));
    }

    [Fact]
    public async Task ChangeStatusAsync_WrongRoleOrState_Refused()
    {
        var (_, commune, sibling, snv) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff);
        var leader = CoreFixture.As(commune, Roles.Leader);

        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(id, staff, ReportAction.Submit));
        // The unit's draft is not the consolidator's to see, let alone move.
        await Assert.ThrowsAsync<NotFoundException>(() => ActAsync(id, CoreFixture.As(snv, Roles.Consolidator), ReportAction.SendToLeader));
        await Assert.ThrowsAsync<NotFoundException>(() => ActAsync(id, CoreFixture.As(snv, Roles.Consolidator), ReportAction.Accept));
        await Assert.ThrowsAsync<NotFoundException>(() => ActAsync(id, CoreFixture.As(sibling, Roles.Leader), ReportAction.Submit));
        await ActAsync(id, leader, ReportAction.Submit);
        await Assert.ThrowsAsync<DomainException>(() => SaveAsync(id, staff, "I.1", "sửa sau khi gửi", 0));
        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(id, CoreFixture.As(snv, Roles.Consolidator), ReportAction.SendToLeader));
        await ActAsync(id, CoreFixture.As(snv, Roles.Consolidator), ReportAction.Return, "Bổ sung số liệu.");
        await Assert.ThrowsAsync<DomainException>(() => ActAsync(id, CoreFixture.As(snv, Roles.Consolidator), ReportAction.Accept));
    }

    [Fact]
    public async Task ChangeStatusAsync_LeaderSubmitsWhatTheySawBeforeASectionEdit_Refused()
    {
        var (_, commune, _, _) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff);
        var leader = CoreFixture.As(commune, Roles.Leader);
        await SaveAsync(id, staff, "I.1", "Bản trình lãnh đạo", 0);
        await ActAsync(id, staff, ReportAction.SendToLeader);
        var seen = (await GetAsync(id, leader)).Version;

        await SaveAsync(id, CoreFixture.As(commune, Roles.Leader, "phochutich"), "I.1", "Bản phó chủ tịch sửa khi duyệt", 1);
        var submit = () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = ReportAction.Submit, ExpectedVersion = seen }, leader));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(submit);
        Assert.Equal(ReportStatus.AwaitingLeader, (await GetAsync(id, leader)).Status);
        seen = (await GetAsync(id, leader)).Version;
        Assert.Equal(ReportStatus.Submitted, await submit());
    }

    [Fact]
    public async Task SaveSectionAsync_TwoSectionsAtOnce_BothSavedAndTheReportVersionMovesTwice()
    {
        var (_, commune, _, _) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff);
        var before = (await GetAsync(id, staff)).Version;

        await Task.WhenAll(SaveAsync(id, staff, "I.1", "Mục của cán bộ A", 0), SaveAsync(id, staff, "II", "Mục của cán bộ B", 0));

        var report = await GetAsync(id, staff);
        Assert.Equal("Mục của cán bộ A", report.Sections.Single(s => s.Key == "I.1").Text);
        Assert.Equal("Mục của cán bộ B", report.Sections.Single(s => s.Key == "II").Text);
        Assert.Equal(before + 2, report.Version);
    }

    [Fact]
    public async Task GetAsync_OtherUnitsReport_NotFoundForStaffVisibleForConsolidatorOnceSent()
    {
        var (_, commune, sibling, snv) = await TreeAsync();
        var id = await CreateAsync(commune);
        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(id, CoreFixture.As(snv, Roles.Consolidator)));
        await ActAsync(id, CoreFixture.As(commune, Roles.Leader), ReportAction.Submit);

        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(id, CoreFixture.As(sibling, Roles.Staff)));
        Assert.Equal(id, (await GetAsync(id, CoreFixture.As(snv, Roles.Consolidator))).Id);
        Assert.Equal(id, (await GetAsync(id, CoreFixture.Admin)).Id);
    }

    [Fact]
    public async Task SaveFiguresAsync_ReplacesListAndRefusesStaleVersion()
    {
        var (_, commune, _, _) = await TreeAsync();
        var id = await CreateAsync(commune);
        var staff = CoreFixture.As(commune, Roles.Staff);
        Task<int> Save(int version, params FigureInput[] figures) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveFiguresAsync(
            new SaveFigures { ReportId = id, Figures = figures, ExpectedVersion = version }, staff));

        var v1 = await Save(0, new FigureInput("Số buổi tiếp công dân", 12, "buổi"), new FigureInput("Đơn thư đã giải quyết", 3.5m, "đơn"));
        var v2 = await Save(v1, new FigureInput("Số mô hình Dân vận khéo", 4, "mô hình"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Save(v1, new FigureInput("x", 1, "")));
        await Assert.ThrowsAsync<DomainException>(() => Save(v2, new FigureInput(" ", 1, "")));

        var report = await GetAsync(id, staff);
        Assert.Equal(("Số mô hình Dân vận khéo", 4m, "mô hình"), (report.Figures.Single().Name, report.Figures.Single().Value, report.Figures.Single().UnitOfMeasure));
        await using var db = core.Database.NewContext();
        Assert.Equal(1, await db.ReportFigures.CountAsync(f => f.ReportId == id));
    }
}
