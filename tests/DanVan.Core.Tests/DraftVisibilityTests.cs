using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// A unit's draft is its own: the level above reads a report once it is sent up, everywhere a report can be read
/// (the report itself, lists, search, the completeness dashboard), and keeps reading one it returned.
/// </summary>
[Collection(CoreCollection.Name)]
public sealed class DraftVisibilityTests(CoreFixture core)
{
    private const string Period = "2025-Q1";

    private sealed record Tree(int Province, int Snv, int Commune)
    {
        public Actor Consolidator => CoreFixture.As(Snv, Roles.Consolidator, "snv");

        public Actor Staff => CoreFixture.As(Commune, Roles.Staff, "canbo");

        public Actor Leader => CoreFixture.As(Commune, Roles.Leader, "lanhdao");
    }

    private async Task<Tree> TreeAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        return new Tree(province, snv, commune);
    }

    /// <summary>What the consolidator can find of the report: by id, in the list, by a word of its text, on the dashboard.</summary>
    private async Task<(bool Opens, bool Listed, bool Found, int? DashboardLink, ReportStatus? DashboardStatus)> SeenFromAboveAsync(Tree t, int id, string word)
    {
        var opens = await core.RunAsync(async sp =>
        {
            try
            {
                await sp.GetRequiredService<ReportService>().GetAsync(id, t.Consolidator);
                return true;
            }
            catch (NotFoundException)
            {
                return false;
            }
        });
        var listed = await core.RunAsync(async sp => (await sp.GetRequiredService<ReportList>().ListAsync(new ReportListFilter(Ids: [id]), t.Consolidator, default, 50)).Count == 1);
        var found = await core.RunAsync(async sp => (await sp.GetRequiredService<SearchService>().SearchAsync(new SearchRequest { Query = word }, t.Consolidator)).Hits.Any(h => h.ReportId == id));
        var row = await core.RunAsync(async sp => (await sp.GetRequiredService<CompletenessService>().DashboardAsync(new DashboardQuery { PlanId = 0, Period = Period }, t.Consolidator)).Rows.Single(r => r.UnitId == t.Commune));
        return (opens, listed, found, row.ReportId, row.Status);
    }

    private Task<ReportStatus> ActAsync(int id, ReportAction action, Actor actor, string? comment = null) => core.RunAsync(sp =>
        sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = action, Comment = comment }, actor));

    [Fact]
    public async Task Consolidator_DraftAndReportWithTheLeader_SeesNeitherUntilSentThenKeepsSeeingIt()
    {
        // Arrange: a draft with a word nobody else writes.
        var t = await TreeAsync();
        var word = "nhap" + Guid.NewGuid().ToString("N")[..10];
        var id = await core.WhileOpenAsync(Period, () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = Period }, t.Staff)));
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.1", Text = "Chuyên đề " + word, ExpectedVersion = 0 }, t.Staff));

        // Act and assert, step by step through the report's life.
        var draft = await SeenFromAboveAsync(t, id, word);
        await ActAsync(id, ReportAction.SendToLeader, t.Staff);
        var withLeader = await SeenFromAboveAsync(t, id, word);
        await ActAsync(id, ReportAction.Submit, t.Leader);
        var sent = await SeenFromAboveAsync(t, id, word);
        await ActAsync(id, ReportAction.Return, t.Consolidator, "Bổ sung số liệu.");
        var returned = await SeenFromAboveAsync(t, id, word);

        Assert.Equal((false, false, false, (int?)null, (ReportStatus?)ReportStatus.Draft), draft);
        Assert.Equal((false, false, false, (int?)null, (ReportStatus?)ReportStatus.AwaitingLeader), withLeader);
        Assert.Equal((true, true, true, (int?)id, (ReportStatus?)ReportStatus.Submitted), sent);
        Assert.Equal((true, true, true, (int?)id, (ReportStatus?)ReportStatus.Returned), returned);
    }

    [Fact]
    public async Task UnitAndAdmin_Draft_StillSeeIt()
    {
        // Arrange
        var t = await TreeAsync();
        var word = "nhap" + Guid.NewGuid().ToString("N")[..10];
        var id = await core.WhileOpenAsync(Period, () => core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = Period }, t.Staff)));
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.1", Text = "Chuyên đề " + word, ExpectedVersion = 0 }, t.Staff));

        // Act
        var byLeader = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, t.Leader));
        var byAdmin = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, CoreFixture.Admin));
        var searched = await core.RunAsync(sp => sp.GetRequiredService<SearchService>().SearchAsync(new SearchRequest { Query = word }, t.Staff));

        // Assert
        Assert.Equal((id, id), (byLeader.Id, byAdmin.Id));
        Assert.Contains(searched.Hits, h => h.ReportId == id);
    }
}
