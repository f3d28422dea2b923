using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Outline = DanVan.Core.Reports.ReportService.OutlineSection;

namespace DanVan.Tests;

/// <summary>Issue 16.1: a required heading is written through its items, as plan 156/KH-UBND's "I." is.</summary>
[Collection(CoreCollection.Name)]
public sealed class RequiredSectionTests(CoreFixture core)
{
    [Fact]
    public void EmptyRequired_ParentWithAWrittenChildOrGrandchild_Satisfied_SiblingTextDoesNotCount()
    {
        Outline[] outline =
        [
            new("Mở đầu", 0, false, false),
            new("I. KẾT QUẢ THỰC HIỆN", 1, true, false),
            new("1. Tiếp công dân", 2, false, false),
            new("a) Trực tiếp", 3, false, true),
            new("II. HẠN CHẾ", 1, true, false),
            new("III. PHƯƠNG HƯỚNG", 1, false, true),
            new("1. Nhiệm vụ", 2, true, false),
            new("Kết luận", 0, false, true),
        ];

        Assert.Equal(["II. HẠN CHẾ", "1. Nhiệm vụ"], ReportService.EmptyRequired(outline));
    }

    [Fact]
    public async Task Submit_RequiredHeadingWithOnlyItsItemsWritten_Sent_ButNotWithOnlyTheNextHeadingWritten()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "156/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Thực hiện công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Sections =
                [
                    new("I", "I. KẾT QUẢ THỰC HIỆN", 1, "", true),
                    new("I.1", "1. Tiếp công dân", 2, "", false),
                    new("I.2", "2. Dân vận khéo", 2, "", false),
                    new("III", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", 1, "", false),
                ],
            },
            CoreFixture.As(snv, Roles.Consolidator)));
        var staff = CoreFixture.As(commune, Roles.Staff);
        var leader = CoreFixture.As(commune, Roles.Leader);
        var id = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));

        await SaveAsync(id, staff, "III", "Tiếp tục tổ chức đối thoại.");
        var error = await Assert.ThrowsAsync<DomainException>(() => ActAsync(id, leader));
        Assert.Contains("I. KẾT QUẢ THỰC HIỆN", error.Message, StringComparison.Ordinal);

        await SaveAsync(id, staff, "I.2", "Xây dựng 2 mô hình Dân vận khéo.");
        Assert.Equal(ReportStatus.Submitted, await ActAsync(id, leader));
    }

    private Task SaveAsync(int id, Actor actor, string key, string text) => core.RunAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var section = (await reports.GetAsync(id, actor)).Sections.Single(s => s.Key == key);
        await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = key, Text = text, ExpectedVersion = section.Version }, actor);
    });

    private Task<ReportStatus> ActAsync(int id, Actor leader) => core.RunAsync(sp =>
        sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader));
}
