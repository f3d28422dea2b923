using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Plans against a real database: audience per period, templates, carry-forward, locking and the review chain.</summary>
[Collection(CoreCollection.Name)]
public sealed class PlanServiceTests(CoreFixture core)
{
    private sealed record Tree(int Province, int Snv, int District, int CommuneA, int CommuneB, int Department);

    /// <summary>Province ← Sở Nội vụ (consolidates for it) ; province ← district ← two communes ; province ← a department.</summary>
    private async Task<Tree> TreeAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var district = await core.AddUnitAsync(CoreFixture.Code("D"), province, kind: UnitKind.District);
        var a = await core.AddUnitAsync(CoreFixture.Code("CA"), district);
        var b = await core.AddUnitAsync(CoreFixture.Code("CB"), district);
        var department = await core.AddUnitAsync(CoreFixture.Code("SO"), province, kind: UnitKind.Department);
        return new Tree(province, snv, district, a, b, department);
    }

    private static PlanInput Input(AudienceKind audience = AudienceKind.Subtree, UnitKind? kind = null, IReadOnlyList<int>? units = null, int? lockDays = 30) =>
        PlanInput.Draft(new DateOnly(2025, 1, 1)) with
        {
            Number = "42/KH-UBND",
            IssuedOn = new DateOnly(2025, 1, 2),
            Summary = "Thực hiện chế độ báo cáo công tác dân vận chính quyền năm 2025",
            FirstPeriod = "2025-Q1",
            Audience = audience,
            AudienceUnitKind = kind,
            UnitIds = units ?? [],
            LockAfterDays = lockDays,
            Sections =
            [
                new("I", "I. KẾT QUẢ", 1, "Nêu kết quả nổi bật", true),
                new("I.1", "1. Tiếp công dân", 2, "Số lượt tiếp, số đơn", false),
                new("III", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", 1, "", false),
            ],
            Figures =
            [
                new("Số cuộc tiếp công dân", "cuộc", FigureKind.WholeNumber, Rollup.Sum),
                new("Tỷ lệ giải quyết đơn", "%", FigureKind.DecimalNumber, Rollup.Mean),
                new("Mô hình Dân vận khéo tiêu biểu", null, FigureKind.Text, Rollup.Sum),
            ],
        };

    private Task<int> CreatePlanAsync(int consolidatorUnit, PlanInput input) =>
        core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(input, CoreFixture.As(consolidatorUnit, Roles.Consolidator)));

    private Task<IReadOnlySet<int>> ExpectedAsync(int planId, string period) => core.RunAsync(async sp =>
    {
        var plans = sp.GetRequiredService<PlanService>();
        return await plans.ExpectedUnitsAsync(await plans.LoadAsync(planId), ReportingPeriod.Parse(period));
    });

    private Task<int> CreateReportAsync(int unit, string period) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, CoreFixture.As(unit, Roles.Staff)));

    private Task<Report> GetAsync(int id, int unit) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, CoreFixture.As(unit, Roles.Staff)));

    private Task<ReportStatus> ActAsync(int id, Actor actor, ReportAction action, string? comment = null) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = action, Comment = comment }, actor));

    private Task<int> SaveAsync(int id, int unit, string key, string text) => core.RunAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var report = await reports.GetAsync(id, CoreFixture.As(unit, Roles.Staff));
        var section = report.Sections.Single(s => s.Key == key);
        return (await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = key, Text = text, ExpectedVersion = section.Version }, CoreFixture.As(unit, Roles.Staff))).Version;
    });

    private async Task<T> AtAsync<T>(DateTimeOffset when, Func<Task<T>> work)
    {
        var saved = core.Clock.Now;
        core.Clock.Now = when;
        try
        {
            return await work();
        }
        finally
        {
            core.Clock.Now = saved;
        }
    }

    [Fact]
    public async Task CreateAsync_StoresEverythingAndNormalisesNumber()
    {
        var t = await TreeAsync();

        var id = await CreatePlanAsync(t.Snv, Input() with { Number = "42 / KH-UBND" });

        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().LoadAsync(id));
        Assert.Equal("42/KH-UBND", plan.Number);
        Assert.Equal(t.Province, plan.OwnerUnitId);
        Assert.Equal("Kế hoạch số 42/KH-UBND ngày 2/1/2025", plan.Citation);
        Assert.Equal(["I", "I.1", "III"], plan.Sections.Select(s => s.Key));
        Assert.Equal(Rollup.None, plan.Figures.Single(f => f.Kind == FigureKind.Text).Rollup);
    }

    [Theory]
    [InlineData("KH-UBND", "Number")]
    [InlineData("", "Number")]
    public async Task CreateAsync_BadNumber_RefusedOnField(string number, string field)
    {
        var t = await TreeAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => CreatePlanAsync(t.Snv, Input() with { Number = number }));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task CreateAsync_PeriodOfWrongType_Refused()
    {
        var t = await TreeAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => CreatePlanAsync(t.Snv, Input() with { FirstPeriod = "2025-03" }));

        Assert.Equal("FirstPeriod", error.Field);
    }

    [Fact]
    public async Task CreateAsync_AddressingAsTyped_StoredOneBodyALineWithoutDashesOrPunctuation()
    {
        var t = await TreeAsync();

        var id = await CreatePlanAsync(t.Snv, Input() with
        {
            Addressees = ["- Bộ Nội vụ;", "Ban Dân vận Tỉnh ủy.", "  "],
            Recipients = ["Như trên; Thường trực Tỉnh ủy", "– Thường trực UBND tỉnh;\r"],
        });

        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().LoadAsync(id));
        Assert.Equal(["Bộ Nội vụ", "Ban Dân vận Tỉnh ủy"], plan.Addressees);
        Assert.Equal(["Như trên", "Thường trực Tỉnh ủy", "Thường trực UBND tỉnh"], plan.Recipients);
    }

    [Fact]
    public async Task UpdateAsync_Addressing_ReplacedAndClearable()
    {
        var t = await TreeAsync();
        var id = await CreatePlanAsync(t.Snv, Input() with { Addressees = Plan.ProvinceAddressees, Recipients = Plan.ProvinceRecipients });

        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().UpdateAsync(id, Input() with { Addressees = [], Recipients = ["Như trên", "Sở Nội vụ"] }, CoreFixture.As(t.Snv, Roles.Consolidator)));

        var plan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().LoadAsync(id));
        Assert.Empty(plan.Addressees);
        Assert.Equal(["Như trên", "Sở Nội vụ"], plan.Recipients);
    }

    [Fact]
    public async Task CreateAsync_FilingLineTyped_RefusedOnRecipients()
    {
        var t = await TreeAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => CreatePlanAsync(t.Snv, Input() with { Recipients = ["Như trên", "Lưu: VT, SNV"] }));

        Assert.Equal("Recipients", error.Field);
        Assert.Contains("tự thêm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Draft_ProvinceOwner_AddressedToTheMinistryOthersUpTheChain()
    {
        var province = PlanInput.Draft(new DateOnly(2025, 1, 2), UnitKind.Province);
        var district = PlanInput.Draft(new DateOnly(2025, 1, 2), UnitKind.District);

        Assert.Equal(["Bộ Nội vụ", "Ban Dân vận Tỉnh ủy"], province.Addressees);
        Assert.Equal("Như trên", province.Recipients[0]);
        Assert.Empty(district.Addressees);
    }

    [Fact]
    public async Task CreateAsync_StaffCannotCreate()
    {
        var t = await TreeAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => core.RunAsync(sp =>
            sp.GetRequiredService<PlanService>().CreateAsync(Input(), CoreFixture.As(t.CommuneA, Roles.Staff))));
    }

    [Fact]
    public async Task ExpectedUnits_Subtree_LeavesOutOwnerAndItsConsolidatingBody()
    {
        var t = await TreeAsync();
        var id = await CreatePlanAsync(t.Snv, Input());

        var expected = await ExpectedAsync(id, "2025-Q1");

        Assert.Equal(new[] { t.District, t.CommuneA, t.CommuneB, t.Department }.Order(), expected.Order());
    }

    [Fact]
    public async Task ExpectedUnits_ByKindAndByList()
    {
        var t = await TreeAsync();
        var byKind = await CreatePlanAsync(t.Snv, Input(AudienceKind.UnitKind, UnitKind.Commune));
        var byList = await CreatePlanAsync(t.Snv, Input(AudienceKind.List, units: [t.Department, t.CommuneB]) with { Number = "43/KH-UBND" });

        Assert.Equal(new[] { t.CommuneA, t.CommuneB }.Order(), (await ExpectedAsync(byKind, "2025-Q2")).Order());
        Assert.Equal(new[] { t.CommuneB, t.Department }.Order(), (await ExpectedAsync(byList, "2025-Q2")).Order());
    }

    [Fact]
    public async Task ExpectedUnits_ResolvedPerPeriod_ClosedAndNewUnits()
    {
        var t = await TreeAsync();
        var id = await CreatePlanAsync(t.Snv, Input(AudienceKind.UnitKind, UnitKind.Commune));
        var newcomer = await core.AddUnitAsync(CoreFixture.Code("CN"), t.District, from: new DateOnly(2025, 7, 1));
        await core.RunAsync(sp => sp.GetRequiredService<OrgUnitService>().CloseAsync(new CloseUnit { UnitId = t.CommuneB, ClosedOn = new DateOnly(2025, 7, 1) }, CoreFixture.Admin));

        Assert.Equal(new[] { t.CommuneA, t.CommuneB }.Order(), (await ExpectedAsync(id, "2025-Q2")).Order());
        Assert.Equal(new[] { t.CommuneA, newcomer }.Order(), (await ExpectedAsync(id, "2025-Q3")).Order());
    }

    [Fact]
    public async Task ReportingUnits_UnderTheProvincesAndTheDistrictsPlan_CommunesReportToTheDistrict()
    {
        var t = await TreeAsync();
        var provincePlan = await CreatePlanAsync(t.Snv, Input());
        var districtPlan = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(Input() with { Number = "7/KH-UBND" }, CoreFixture.As(t.District, Roles.Consolidator)));
        Task<IReadOnlySet<int>> ReportingAsync(int planId) => core.RunAsync(async sp =>
        {
            var plans = sp.GetRequiredService<PlanService>();
            return await plans.ReportingUnitsAsync(await plans.LoadAsync(planId), ReportingPeriod.Parse("2025-Q1"));
        });

        Assert.Contains(t.CommuneA, await ExpectedAsync(provincePlan, "2025-Q1"));
        Assert.Equal(new[] { t.District, t.Department }.Order(), (await ReportingAsync(provincePlan)).Order());
        Assert.Equal(new[] { t.CommuneA, t.CommuneB }.Order(), (await ReportingAsync(districtPlan)).Order());
    }

    [Fact]
    public async Task ExpectedUnits_OnlyUnitsThatExistAtThePlansCutOff()
    {
        var t = await TreeAsync();
        var decree09 = await CreatePlanAsync(t.Snv, Input(AudienceKind.UnitKind, UnitKind.Commune) with { Semantics = PeriodSemantics.Decree09 });
        var calendar = await CreatePlanAsync(t.Snv, Input(AudienceKind.UnitKind, UnitKind.Commune) with { Number = "43/KH-UBND", Semantics = PeriodSemantics.Calendar });
        var lateMarch = await core.AddUnitAsync(CoreFixture.Code("CM"), t.District, from: new DateOnly(2025, 3, 20));
        await core.RunAsync(sp => sp.GetRequiredService<OrgUnitService>().CloseAsync(new CloseUnit { UnitId = t.CommuneB, ClosedOn = new DateOnly(2025, 8, 1) }, CoreFixture.Admin));

        // Created 20/3: after Decree 09's Q1 cut-off (14/3), before the calendar's (31/3).
        Assert.DoesNotContain(lateMarch, await ExpectedAsync(decree09, "2025-Q1"));
        Assert.Contains(lateMarch, await ExpectedAsync(calendar, "2025-Q1"));

        // Dissolved 1/8, before Q3's cut-off: it cannot send Q3's report (its successor reports the work), but owes Q2's.
        Assert.Contains(t.CommuneB, await ExpectedAsync(decree09, "2025-Q2"));
        Assert.DoesNotContain(t.CommuneB, await ExpectedAsync(decree09, "2025-Q3"));
        Assert.DoesNotContain(t.CommuneB, await ExpectedAsync(calendar, "2025-Q3"));
    }

    [Fact]
    public async Task CreateReport_UnderPlan_StartsFromPlanOutlineWithGuidance()
    {
        var t = await TreeAsync();
        var planId = await CreatePlanAsync(t.Snv, Input());

        var report = await GetAsync(await CreateReportAsync(t.CommuneA, "2025-Q1"), t.CommuneA);

        Assert.Equal(planId, report.PlanId);
        Assert.Equal(["intro", "I", "I.1", "III", "closing"], report.Sections.Select(s => s.Key));
        var results = report.Sections.Single(s => s.Key == "I");
        Assert.True(results.Required);
        Assert.Equal("Nêu kết quả nổi bật", results.Guidance);
    }

    [Fact]
    public async Task Submit_WithRequiredSectionEmpty_RefusedNamingIt()
    {
        var t = await TreeAsync();
        await CreatePlanAsync(t.Snv, Input());
        var id = await CreateReportAsync(t.CommuneA, "2025-Q1");

        var error = await Assert.ThrowsAsync<DomainException>(() => ActAsync(id, CoreFixture.As(t.CommuneA, Roles.Leader), ReportAction.Submit));

        Assert.Contains("I. KẾT QUẢ", error.Message, StringComparison.Ordinal);
        await SaveAsync(id, t.CommuneA, "I", "Đã tổ chức 3 hội nghị.");
        Assert.Equal(ReportStatus.Submitted, await ActAsync(id, CoreFixture.As(t.CommuneA, Roles.Leader), ReportAction.Submit));
    }

    [Fact]
    public async Task CarryForward_LastPeriodsTasksBecomeChecklist_AndCopyIsMarked()
    {
        var t = await TreeAsync();
        await CreatePlanAsync(t.Snv, Input());
        var q1 = await CreateReportAsync(t.CommuneA, "2025-Q1");
        await SaveAsync(q1, t.CommuneA, "III", "1. Tổ chức đối thoại với Nhân dân.\n- Rà soát đơn thư tồn đọng\n\n");
        await SaveAsync(q1, t.CommuneA, "I.1", "Tiếp 12 lượt công dân.");

        var q2 = await CreateReportAsync(t.CommuneA, "2025-Q2");
        var report = await GetAsync(q2, t.CommuneA);
        Assert.Equal(["Tổ chức đối thoại với Nhân dân.", "Rà soát đơn thư tồn đọng"], report.CarryForward.Select(c => c.Task));

        var staff = CoreFixture.As(t.CommuneA, Roles.Staff);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveCarryForwardAsync(
            q2, [new CarryForwardAnswer(report.CarryForward[0].Id, CarryOutcome.Done, "Đã đối thoại 2 lần")], report.Version, staff));
        var stale = () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveCarryForwardAsync(
            q2, [new CarryForwardAnswer(report.CarryForward[0].Id, CarryOutcome.NotDone, ""), new CarryForwardAnswer(report.CarryForward[1].Id, CarryOutcome.Done, "")], report.Version, staff));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(stale);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().CopyFromPreviousAsync(q2, "I.1", 0, staff));

        report = await GetAsync(q2, t.CommuneA);
        Assert.Equal(CarryOutcome.Done, report.CarryForward[0].Outcome);
        Assert.Equal("Đã đối thoại 2 lần", report.CarryForward[0].Note);
        Assert.Null(report.CarryForward[1].Outcome);
        var copied = report.Sections.Single(s => s.Key == "I.1");
        Assert.Equal("Tiếp 12 lượt công dân.", copied.Text);
        Assert.Equal(q1, copied.CopiedFromReportId);
    }

    [Fact]
    public async Task CopyFromPrevious_NothingToCopy_ClearError()
    {
        var t = await TreeAsync();
        var id = await CreateReportAsync(t.CommuneA, "2025-Q1");

        var error = await Assert.ThrowsAsync<DomainException>(() => core.RunAsync(sp =>
            sp.GetRequiredService<ReportService>().CopyFromPreviousAsync(id, "I.1", 0, CoreFixture.As(t.CommuneA, Roles.Staff))));

        Assert.Contains("quý IV năm 2024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_AfterLockDate_EditsRefusedUntilExceptionGranted()
    {
        var t = await TreeAsync();
        var planId = await CreatePlanAsync(t.Snv, Input(lockDays: 10));
        var id = await AtAsync(new DateTimeOffset(2025, 3, 20, 3, 0, 0, TimeSpan.Zero), () => CreateReportAsync(t.CommuneA, "2025-Q1"));
        // Q1/2025: deadline 19/3/2025, locked after 29/3.
        var afterLock = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);

        var error = await AtAsync(afterLock, () => Assert.ThrowsAsync<DomainException>(() => SaveAsync(id, t.CommuneA, "I", "Muộn")));
        Assert.Contains("khoá sổ", error.Message, StringComparison.Ordinal);
        await AtAsync(afterLock, () => Assert.ThrowsAsync<DomainException>(() => CreateReportAsync(t.CommuneB, "2025-Q1")));

        await AtAsync(afterLock, () => core.RunAsync(async sp =>
        {
            await sp.GetRequiredService<PlanService>().GrantExceptionAsync(planId, t.CommuneA, "2025-Q1", new DateOnly(2025, 4, 15), "Mất điện kéo dài", CoreFixture.As(t.Snv, Roles.Consolidator));
            return 0;
        }));
        await AtAsync(afterLock, () => SaveAsync(id, t.CommuneA, "I", "Đã bổ sung"));
        var status = await AtAsync(afterLock, () => ActAsync(id, CoreFixture.As(t.CommuneA, Roles.Leader), ReportAction.Submit));
        Assert.Equal(ReportStatus.Submitted, status);

        var state = await AtAsync(afterLock, () => core.RunAsync(async sp =>
        {
            var report = await sp.GetRequiredService<ReportService>().GetAsync(id, CoreFixture.As(t.CommuneA, Roles.Staff));
            return await sp.GetRequiredService<ReportStandingService>().StandingAsync(report, CoreFixture.As(t.CommuneA, Roles.Staff));
        }));
        Assert.True(state.Late);
        Assert.False(state.Locked);
    }

    [Fact]
    public async Task GrantException_OnlyByPlanOwnersConsolidator()
    {
        var t = await TreeAsync();
        var planId = await CreatePlanAsync(t.Snv, Input());

        await Assert.ThrowsAsync<ForbiddenException>(() => core.RunAsync(async sp =>
        {
            await sp.GetRequiredService<PlanService>().GrantExceptionAsync(planId, t.CommuneA, "2025-Q1", new DateOnly(2025, 4, 15), "Lý do", CoreFixture.As(t.District, Roles.Consolidator));
            return 0;
        }));
    }

    [Fact]
    public async Task ReviewChain_CommuneReportsToDistrict_DistrictToProvince()
    {
        var t = await TreeAsync();
        var districtPlan = PlanInput.Draft(new DateOnly(2025, 1, 1)) with
        {
            Number = "15/KH-UBND",
            IssuedOn = new DateOnly(2025, 1, 5),
            Summary = "Báo cáo của các xã",
            FirstPeriod = "2025-Q1",
            Sections = [new("I", "I. KẾT QUẢ", 1, "", false)],
        };
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(districtPlan, CoreFixture.As(t.District, Roles.Consolidator)));
        // The province's plan covers the whole subtree, yet communes report to their district's plan, the nearer level.
        await CreatePlanAsync(t.Snv, Input() with { Sections = [new("I", "I. KẾT QUẢ", 1, "", false)] });

        var communeReport = await CreateReportAsync(t.CommuneA, "2025-Q1");
        var districtReport = await CreateReportAsync(t.District, "2025-Q1");
        await ActAsync(communeReport, CoreFixture.As(t.CommuneA, Roles.Leader), ReportAction.Submit);
        await ActAsync(districtReport, CoreFixture.As(t.District, Roles.Leader), ReportAction.Submit);
        var province = CoreFixture.As(t.Snv, Roles.Consolidator);
        var district = CoreFixture.As(t.District, Roles.Consolidator);

        var skip = await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(communeReport, province, ReportAction.Accept));
        Assert.Contains("15/KH-UBND", skip.Message, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Returned, await ActAsync(communeReport, district, ReportAction.Return, "Bổ sung số liệu"));
        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(districtReport, district, ReportAction.Accept));
        Assert.Equal(ReportStatus.Accepted, await ActAsync(districtReport, province, ReportAction.Accept));

        // Accepted is read-only until the reviewer reopens it, with a reason kept in the history.
        await Assert.ThrowsAsync<DomainException>(() => SaveAsync(districtReport, t.District, "I", "Sửa sau khi tiếp nhận"));
        await Assert.ThrowsAsync<DomainException>(() => ActAsync(districtReport, province, ReportAction.Reopen));
        Assert.Equal(ReportStatus.Returned, await ActAsync(districtReport, province, ReportAction.Reopen, "Điều chỉnh số liệu quý I"));
        await SaveAsync(districtReport, t.District, "I", "Đã điều chỉnh");
        var history = (await GetAsync(districtReport, t.District)).Transitions;
        Assert.Contains(history, h => h.FromStatus == ReportStatus.Accepted && h.ToStatus == ReportStatus.Returned && h.Comment == "Điều chỉnh số liệu quý I");
    }

    [Fact]
    public async Task Review_PlanOwnerClosed_ItsHeirReviewsAndManages()
    {
        // Arrange: a district's plan and two submitted commune reports under it; a second district beside it.
        var t = await TreeAsync();
        var otherDistrict = await core.AddUnitAsync(CoreFixture.Code("D2"), t.Province, kind: UnitKind.District);
        var districtPlan = PlanInput.Draft(new DateOnly(2025, 1, 1)) with
        {
            Number = "42/KH-UBND",
            IssuedOn = new DateOnly(2025, 3, 21),
            Summary = "Thực hiện quy chế dân chủ ở cơ sở năm 2025",
            FirstPeriod = "2025-Q1",
            Sections = [new("I", "I. KẾT QUẢ", 1, "", false)],
        };
        var planId = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(districtPlan, CoreFixture.As(t.District, Roles.Consolidator)));
        var reportA = await CreateReportAsync(t.CommuneA, "2025-Q1");
        var reportB = await CreateReportAsync(t.CommuneB, "2025-Q1");
        await ActAsync(reportA, CoreFixture.As(t.CommuneA, Roles.Leader), ReportAction.Submit);
        await ActAsync(reportB, CoreFixture.As(t.CommuneB, Roles.Leader), ReportAction.Submit);
        var province = CoreFixture.As(t.Snv, Roles.Consolidator);
        var neighbour = CoreFixture.As(otherDistrict, Roles.Consolidator);
        Task<bool> ManagesAsync(Actor actor) => core.RunAsync(async sp =>
        {
            var plans = sp.GetRequiredService<PlanService>();
            return await plans.ManagesAsync(await plans.LoadAsync(planId), actor);
        });
        var whileOpen = (await ManagesAsync(province), await ManagesAsync(neighbour));
        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(reportA, province, ReportAction.Accept));

        // Act: the communes move to the province and the district is abolished, with no successor named (as districts
        // were on 1/7/2025; the fixture's clock stands in April 2025).
        var reform = new DateOnly(2025, 4, 1);
        await core.RunAsync(async sp =>
        {
            var units = sp.GetRequiredService<OrgUnitService>();
            await units.MoveAsync(new MoveUnit { UnitId = t.CommuneA, NewParentId = t.Province, EffectiveOn = reform }, CoreFixture.Admin);
            await units.MoveAsync(new MoveUnit { UnitId = t.CommuneB, NewParentId = t.Province, EffectiveOn = reform }, CoreFixture.Admin);
            await units.CloseAsync(new CloseUnit { UnitId = t.District, ClosedOn = reform }, CoreFixture.Admin);
            return 0;
        });
        var dissolved = (await ManagesAsync(province), await ManagesAsync(neighbour));
        var onDashboard = await core.RunAsync(async sp => (await sp.GetRequiredService<DanVan.Core.Consolidation.CompletenessService>()
            .DashboardAsync(new DanVan.Core.Consolidation.DashboardQuery { PlanId = planId, Period = "2025-Q1" }, province)).Totals.Expected);
        var returned = await ActAsync(reportA, province, ReportAction.Return, "Bổ sung số liệu quý I");
        await Assert.ThrowsAsync<NotFoundException>(() => ActAsync(reportB, neighbour, ReportAction.Accept)); // not in its subtree
        var accepted = await ActAsync(reportB, province, ReportAction.Accept);

        // Assert: the province's consolidators took the abolished district's plan and its reviews; the neighbour did not.
        Assert.Equal((false, false), whileOpen);
        Assert.Equal((true, false), dissolved);
        Assert.Equal(2, onDashboard); // the district's plan on the province's dashboard, its two communes expected in Q1
        Assert.Equal((ReportStatus.Returned, ReportStatus.Accepted), (returned, accepted));
    }

    [Fact]
    public async Task Review_PlanOwnerMergedIntoAnother_TheSuccessorReviews()
    {
        var t = await TreeAsync();
        var successor = await core.AddUnitAsync(CoreFixture.Code("D2"), t.Province, kind: UnitKind.District);
        var districtPlan = PlanInput.Draft(new DateOnly(2025, 1, 1)) with
        {
            Number = "7/KH-UBND",
            IssuedOn = new DateOnly(2025, 1, 10),
            Summary = "Báo cáo của các xã",
            FirstPeriod = "2025-Q1",
            Sections = [new("I", "I. KẾT QUẢ", 1, "", false)],
        };
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(districtPlan, CoreFixture.As(t.District, Roles.Consolidator)));
        var report = await CreateReportAsync(t.CommuneA, "2025-Q1");
        await ActAsync(report, CoreFixture.As(t.CommuneA, Roles.Leader), ReportAction.Submit);
        await core.RunAsync(async sp =>
        {
            var units = sp.GetRequiredService<OrgUnitService>();
            foreach (var commune in new[] { t.CommuneA, t.CommuneB })
            {
                await units.MoveAsync(new MoveUnit { UnitId = commune, NewParentId = successor, EffectiveOn = new DateOnly(2025, 4, 1) }, CoreFixture.Admin);
            }

            await units.CloseAsync(new CloseUnit { UnitId = t.District, ClosedOn = new DateOnly(2025, 4, 1), SuccessorId = successor }, CoreFixture.Admin);
            return 0;
        });

        await Assert.ThrowsAsync<ForbiddenException>(() => ActAsync(report, CoreFixture.As(t.Snv, Roles.Consolidator), ReportAction.Accept));
        Assert.Equal(ReportStatus.Accepted, await ActAsync(report, CoreFixture.As(successor, Roles.Consolidator), ReportAction.Accept));
    }

    [Fact]
    public async Task SaveFigures_PlanFiguresLinkedAndTextKept()
    {
        var t = await TreeAsync();
        var planId = await CreatePlanAsync(t.Snv, Input());
        var id = await CreateReportAsync(t.CommuneA, "2025-Q1");
        var staff = CoreFixture.As(t.CommuneA, Roles.Staff);

        await core.RunAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var asked = await reports.PlanFiguresAsync(planId);
            var ids = asked.Keys.ToList();
            var other = await core.RunAsync(sp2 => sp2.GetRequiredService<DanVan.Core.Data.DanVanDbContext>().PlanFigures.Where(f => f.PlanId != planId).Select(f => (int?)f.Id).FirstOrDefaultAsync());
            return await reports.SaveFiguresAsync(new SaveFigures
            {
                ReportId = id,
                ExpectedVersion = 0,
                Figures =
                [
                    new FigureInput("Số cuộc tiếp công dân", 12, "cuộc", ids[0]),
                    new FigureInput("Mô hình Dân vận khéo tiêu biểu", 0, "", ids[2], "Mô hình \"Dân vận khéo\" trong xây dựng nông thôn mới"),
                    new FigureInput("Chỉ tiêu riêng", 3, "lượt", other),
                ],
            }, staff);
        });

        var figures = (await GetAsync(id, t.CommuneA)).Figures;
        Assert.NotNull(figures[0].PlanFigureId);
        Assert.Equal("Mô hình \"Dân vận khéo\" trong xây dựng nông thôn mới", figures[1].TextValue);
        Assert.Null(figures[2].PlanFigureId);
    }

    [Fact]
    public async Task SaveFigures_PlanFigureAnsweredTwiceOrWordsForANumber_Refused()
    {
        var t = await TreeAsync();
        var planId = await CreatePlanAsync(t.Snv, Input());
        var asked = (await core.RunAsync(sp => sp.GetRequiredService<PlanService>().LoadAsync(planId))).Figures.OrderBy(f => f.Order).ToList();
        var id = await CreateReportAsync(t.CommuneA, "2025-Q1");
        Task<int> SaveAsync(params FigureInput[] figures) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveFiguresAsync(
            new SaveFigures { ReportId = id, ExpectedVersion = 0, Figures = figures }, CoreFixture.As(t.CommuneA, Roles.Staff)));

        var twice = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(new FigureInput("Số cuộc tiếp công dân", 3, "cuộc", asked[0].Id), new FigureInput("Số cuộc tiếp công dân", 3, "cuộc", asked[0].Id)));
        var words = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(new FigureInput("Tỷ lệ giải quyết đơn", 0, "%", asked[1].Id, "khoảng chín mươi")));
        await SaveAsync(new FigureInput("Số cuộc tiếp công dân", 3, "cuộc", asked[0].Id), new FigureInput("Mô hình Dân vận khéo tiêu biểu", 0, "", asked[2].Id, "Mô hình \"Dân vận khéo\" ở thôn 2"));

        Assert.Equal(("Figures[1].Name", true), (twice.Field, twice.Message.Contains("dòng 1", StringComparison.Ordinal)));
        Assert.Equal("Figures[0].Value", words.Field);
        Assert.Equal(2, (await GetAsync(id, t.CommuneA)).Figures.Count);
    }

    [Fact]
    public async Task UpdateAsync_FigureRemovedOrMoved_AnswersStayWithTheirFigure()
    {
        var t = await TreeAsync();
        var consolidator = CoreFixture.As(t.Snv, Roles.Consolidator);
        var planId = await CreatePlanAsync(t.Snv, Input());
        var asked = (await core.RunAsync(sp => sp.GetRequiredService<PlanService>().LoadAsync(planId))).Figures.OrderBy(f => f.Order).ToList();
        var id = await CreateReportAsync(t.CommuneA, "2025-Q1");
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveFiguresAsync(new SaveFigures
        {
            ReportId = id,
            ExpectedVersion = 0,
            Figures = [new FigureInput("Số cuộc tiếp công dân", 10, "cuộc", asked[0].Id), new FigureInput("Tỷ lệ giải quyết đơn", 20, "%", asked[1].Id)],
        }, CoreFixture.As(t.CommuneA, Roles.Staff)));

        // The first figure deleted and the text figure moved to the top, rows naming their figure as the form does…
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().UpdateAsync(planId, Input() with
        {
            Figures = [new("Mô hình Dân vận khéo", null, FigureKind.Text, Rollup.None, asked[2].Id), new("Tỷ lệ giải quyết đơn đúng hạn", "%", FigureKind.DecimalNumber, Rollup.Mean, asked[1].Id)],
        }, consolidator));

        var plan = (await core.RunAsync(sp => sp.GetRequiredService<PlanService>().LoadAsync(planId))).Figures.OrderBy(f => f.Order).ToList();
        Assert.Equal([(asked[2].Id, "Mô hình Dân vận khéo"), (asked[1].Id, "Tỷ lệ giải quyết đơn đúng hạn")], plan.Select(f => (f.Id, f.Name)));
        var answers = (await GetAsync(id, t.CommuneA)).Figures;
        Assert.Equal(asked[1].Id, answers.Single(f => f.Value == 20).PlanFigureId);
        Assert.Null(answers.Single(f => f.Value == 10).PlanFigureId);

        // …and by name when a client sends no ids.
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().UpdateAsync(planId, Input() with
        {
            Figures = [new("Tỷ lệ giải quyết đơn đúng hạn", "%", FigureKind.DecimalNumber, Rollup.Mean)],
        }, consolidator));

        plan = (await core.RunAsync(sp => sp.GetRequiredService<PlanService>().LoadAsync(planId))).Figures.ToList();
        Assert.Equal(asked[1].Id, Assert.Single(plan).Id);
        Assert.Equal(asked[1].Id, (await GetAsync(id, t.CommuneA)).Figures.Single(f => f.Value == 20).PlanFigureId);
    }

    [Fact]
    public async Task RollUp_DistrictFiguresFromCommunesSentReports_MappedOntoProvincePlan()
    {
        var t = await TreeAsync();
        var districtPlan = PlanInput.Draft(new DateOnly(2025, 1, 1)) with
        {
            Number = "16/KH-UBND",
            IssuedOn = new DateOnly(2025, 1, 5),
            Summary = "Báo cáo của các xã",
            FirstPeriod = "2025-Q1",
            Sections = [new("I", "I. KẾT QUẢ", 1, "", false)],
            Figures = [new("Số cuộc tiếp công dân", "cuộc", FigureKind.WholeNumber, Rollup.Sum), new("Tỷ lệ giải quyết đơn", "%", FigureKind.DecimalNumber, Rollup.Mean)],
        };
        var lowerId = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(districtPlan, CoreFixture.As(t.District, Roles.Consolidator)));
        var upperId = await CreatePlanAsync(t.Snv, Input(AudienceKind.List, units: [t.District]) with { Sections = [new("I", "I. KẾT QUẢ", 1, "", false)] });
        var lower = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().PlanFiguresAsync(lowerId));
        async Task SendAsync(int unit, decimal count, decimal rate, bool submit)
        {
            var id = await CreateReportAsync(unit, "2025-Q1");
            await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveFiguresAsync(new SaveFigures
            {
                ReportId = id,
                ExpectedVersion = 0,
                Figures = [new FigureInput("Số cuộc tiếp công dân", count, "cuộc", lower.Keys.First()), new FigureInput("Tỷ lệ giải quyết đơn", rate, "%", lower.Keys.Last())],
            }, CoreFixture.As(unit, Roles.Staff)));
            if (submit)
            {
                await ActAsync(id, CoreFixture.As(unit, Roles.Leader), ReportAction.Submit);
            }
        }

        await SendAsync(t.CommuneA, 3, 95.5m, submit: true);
        await SendAsync(t.CommuneB, 4, 80m, submit: true);
        var extra = await core.AddUnitAsync(CoreFixture.Code("CC"), t.District);
        await SendAsync(extra, 100, 10m, submit: false);
        var districtReport = await CreateReportAsync(t.District, "2025-Q1");

        var (figures, reports) = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().RollUpFiguresAsync(districtReport, CoreFixture.As(t.District, Roles.Staff)));

        Assert.Equal(2, reports);
        var upper = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().PlanFiguresAsync(upperId));
        var count = Assert.Single(figures, f => f.Name == "Số cuộc tiếp công dân");
        Assert.Equal(7m, count.Value);
        Assert.Equal(upper.Values.Single(f => f.Name == "Số cuộc tiếp công dân").Id, count.PlanFigureId);
        // A rate is averaged (the plan's Mean), not the lowest unit's 80.
        Assert.Equal(87.75m, Assert.Single(figures, f => f.Name == "Tỷ lệ giải quyết đơn").Value);
    }

    [Theory]
    [InlineData(Rollup.Sum, 7.5)]
    [InlineData(Rollup.Min, 1.5)]
    [InlineData(Rollup.Max, 6)]
    public void Combine_PerRule(Rollup rollup, double expected) =>
        Assert.Equal((decimal)expected, FigureRollup.Combine([1.5m, 6m], rollup));

    [Fact]
    public void Combine_NoneOrNoValues_Null()
    {
        Assert.Null(FigureRollup.Combine([1m], Rollup.None));
        Assert.Null(FigureRollup.Combine([], Rollup.Sum));
    }
}
