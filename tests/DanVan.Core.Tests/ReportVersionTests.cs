using DanVan.Core.Access;
using DanVan.Core.Reports;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Each time the report is handed on its text is kept, so history shows what changed sent → returned → re-sent.</summary>
[Collection(CoreCollection.Name)]
public sealed class ReportVersionTests(CoreFixture core)
{
    [Fact]
    public async Task VersionsAsync_SentReturnedResent_EachVersionsTextAndTheChangedSectionOnly()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: DanVan.Core.OrgUnits.UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, DanVan.Core.OrgUnits.UnitKind.Department);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var staff = CoreFixture.As(commune, Roles.Staff, "canbo");
        var leader = CoreFixture.As(commune, Roles.Leader, "lanhdao");
        var consolidator = CoreFixture.As(snv, Roles.Consolidator, "snv");
        var id = await core.WhileOpenAsync("2025-05", () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-05" }, staff)));

        await SaveAsync(id, staff, "I.1", "Tiếp 9 lượt công dân.");
        await SaveAsync(id, staff, "II", "Còn hạn chế.");
        await ActAsync(id, staff, ReportAction.SendToLeader);
        await ActAsync(id, leader, ReportAction.Submit);
        await ActAsync(id, consolidator, ReportAction.Return, "Bổ sung số liệu.");
        await SaveAsync(id, staff, "I.1", "Tiếp 12 lượt công dân.");
        await ActAsync(id, staff, ReportAction.SendToLeader);
        await ActAsync(id, leader, ReportAction.Submit);

        var (report, versions) = await core.RunAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var r = await reports.GetAsync(id, staff);
            return (r, await reports.VersionsAsync(r));
        });
        Assert.Equal(
            [(1, ReportStatus.AwaitingLeader), (2, ReportStatus.Submitted), (3, ReportStatus.AwaitingLeader), (4, ReportStatus.Submitted)],
            versions.Select(v => (v.Number, v.Transition!.ToStatus)));
        Assert.Equal("Tiếp 9 lượt công dân.", versions[1].Texts["I.1"]);
        Assert.Equal("Tiếp 12 lượt công dân.", versions[3].Texts["I.1"]);
        Assert.Equal("Còn hạn chế.", versions[3].Texts["II"]);

        // Sent → re-sent: only the edited section, word by word.
        var change = Assert.Single(ReportVersions.Compare(versions[1].Texts, versions[3].Texts, report.Sections.Select(s => (s.Key, s.Heading))));
        Assert.Equal("I.1", change.Key);
        Assert.Equal(
            [(DiffKind.Same, "Tiếp "), (DiffKind.Deleted, "9"), (DiffKind.Inserted, "12"), (DiffKind.Same, " lượt công dân.")],
            change.Pieces.Select(p => (p.Kind, p.Text)));

        // Only what changed is stored: the first hand-on both written sections, the re-send just the edited one, submits nothing new.
        await using var db = core.Database.NewContext();
        var stored = await db.SectionRevisions.Where(r => r.ReportId == id).OrderBy(r => r.Id).Select(r => new { r.TransitionId, r.Key }).ToListAsync();
        Assert.Equal(["I.1", "II", "I.1"], stored.Select(r => r.Key));
        Assert.Equal([versions[0].Transition!.Id, versions[0].Transition!.Id, versions[2].Transition!.Id], stored.Select(r => r.TransitionId));
    }

    [Fact]
    public async Task VersionsAsync_SentBeforeRevisionsWereKept_TheTextAsLastSavedIsOneVersionWithoutADiff()
    {
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"));
        var userName = CoreFixture.Code("canbo").ToLowerInvariant();
        var staff = CoreFixture.As(commune, Roles.Staff, userName);
        var id = await core.WhileOpenAsync("2025-06", () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-06" }, staff)));
        await SaveAsync(id, staff, "I.1", "Tiếp 9 lượt công dân.");
        await ActAsync(id, staff, ReportAction.SendToLeader);
        // As a report sent before the history change: its moves are there, its revisions are not.
        await using (var db = core.Database.NewContext())
        {
            await db.SectionRevisions.Where(r => r.ReportId == id).ExecuteDeleteAsync();
        }

        var (report, versions) = await core.RunAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var r = await reports.GetAsync(id, staff);
            return (r, await reports.VersionsAsync(r));
        });

        var version = Assert.Single(versions);
        var saved = report.Sections.Single(s => s.Key == "I.1");
        Assert.Null(version.Transition);
        Assert.Equal("Tiếp 9 lượt công dân.", version.Texts["I.1"]);
        Assert.Equal((saved.UpdatedAt, userName), (version.SavedAt, version.SavedBy));
        Assert.NotNull(version.SavedAt);
        Assert.Empty(ReportVersions.Compare(version.Texts, report.Sections.ToDictionary(s => s.Key, s => s.Text), report.Sections.Select(s => (s.Key, s.Heading))));
    }

    private Task<ReportStatus> ActAsync(int id, Actor actor, ReportAction action, string? comment = null) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = action, Comment = comment }, actor));

    private Task<SectionSaved> SaveAsync(int id, Actor actor, string key, string text) => core.RunAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var section = (await reports.GetAsync(id, actor)).Sections.Single(s => s.Key == key);
        return await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = key, Text = text, ExpectedVersion = section.Version }, actor);
    });
}
