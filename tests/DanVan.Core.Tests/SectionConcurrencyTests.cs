using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Only a change to the same section is a conflict, however many people write the report at once.</summary>
[Collection(CoreCollection.Name)]
public sealed class SectionConcurrencyTests(CoreFixture core)
{
    private async Task<(int ReportId, int Unit)> NewReportAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: DanVan.Core.OrgUnits.UnitKind.Province);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var id = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, CoreFixture.As(commune, Roles.Staff)));
        return (id, commune);
    }

    private Task<SectionSaved> SaveAsync(int id, Actor actor, string key, string text, int version) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(
            new SaveSection { ReportId = id, Key = key, Text = text, ExpectedVersion = version }, actor));

    private Task<Report> GetAsync(int id, Actor actor) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, actor));

    [Fact]
    public async Task SaveSectionAsync_ThirteenWritersOnTheirOwnSections_NoConflictAndEverySaveKept()
    {
        const int rounds = 6;
        var (id, unit) = await NewReportAsync();
        var keys = ReportTemplate.Default.Select(t => t.Key).ToList();
        var before = (await GetAsync(id, CoreFixture.As(unit, Roles.Staff))).Version;

        // Each writer autosaves its own section again and again, based on the version its last save returned.
        var conflicts = await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            var writer = CoreFixture.As(unit, Roles.Staff, "canbo-" + key);
            var version = 0;
            var failed = new List<string>();
            for (var round = 1; round <= rounds; round++)
            {
                try
                {
                    version = (await SaveAsync(id, writer, key, $"Mục {key}, lần {round}", version)).Version;
                }
                catch (ConcurrencyConflictException conflict)
                {
                    failed.Add($"{key} round {round}: {conflict.Message}");
                }
            }

            return failed;
        })));

        Assert.Empty(conflicts.SelectMany(c => c));
        var report = await GetAsync(id, CoreFixture.As(unit, Roles.Staff));
        Assert.All(report.Sections, s => Assert.Equal(($"Mục {s.Key}, lần {rounds}", rounds), (s.Text, s.Version)));
        Assert.Equal(before + keys.Count * rounds, report.Version);
    }

    [Fact]
    public async Task SaveSectionAsync_TwoWritersOnOneSectionAmongOthers_OneConflictShowingTheWinnersText()
    {
        var (id, unit) = await NewReportAsync();
        var others = new[] { "I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7", "I.8" };

        var results = await Task.WhenAll(
            others.Select(key => Attempt(key, "Mục " + key, "canbo-" + key))
                .Append(Attempt("II", "Bản của cán bộ A", "canboa"))
                .Append(Attempt("II", "Bản của cán bộ B", "canbob")));

        var conflict = Assert.Single(results, r => r.Error is not null).Error;
        var loser = results.Single(r => r.Error is not null);
        var winner = results.Single(r => r.Key == "II" && r.Error is null);
        Assert.Equal("II", loser.Key);
        Assert.Equal(winner.Text, conflict!.LatestText);
        Assert.Equal(1, conflict.LatestVersion);
        Assert.Contains(winner.Writer, conflict.Message, StringComparison.Ordinal);
        Assert.Matches(@"lưu lúc \d\d/\d\d/\d{4} \d\d:\d\d\.", conflict.Message);
        var report = await GetAsync(id, CoreFixture.As(unit, Roles.Staff));
        Assert.Equal((winner.Text, 1), report.Sections.Where(s => s.Key == "II").Select(s => (s.Text, s.Version)).Single());
        Assert.All(report.Sections.Where(s => others.Contains(s.Key)), s => Assert.Equal("Mục " + s.Key, s.Text));

        async Task<(string Key, string Text, string Writer, ConcurrencyConflictException? Error)> Attempt(string key, string text, string writer)
        {
            try
            {
                await Task.Run(() => SaveAsync(id, CoreFixture.As(unit, Roles.Staff, writer), key, text, 0));
                return (key, text, writer, null);
            }
            catch (ConcurrencyConflictException error)
            {
                return (key, text, writer, error);
            }
        }
    }

    [Fact]
    public async Task SaveSectionAsync_RacingTheHandOverToTheLeader_EverySavedTextIsInWhatTheLeaderGot()
    {
        var (id, unit) = await NewReportAsync();
        var staff = CoreFixture.As(unit, Roles.Staff, "canbo");
        var keys = ReportTemplate.Default.Select(t => t.Key).ToList();

        var saves = keys.Select(key => Task.Run(async () =>
        {
            try
            {
                await SaveAsync(id, staff, key, "Nội dung " + key, 0);
                return key;
            }
            catch (DomainException)
            {
                return null; // refused because the report had gone to the leader: the clerk still has the text
            }
        })).ToList();
        var handOver = Task.Run(async () =>
        {
            // A save landing between the hand-over's read and its write refuses the hand-over; the clerk clicks again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
                        new ChangeStatus { ReportId = id, Action = ReportAction.SendToLeader }, staff));
                }
                catch (ConcurrencyConflictException) when (attempt < 20)
                {
                }
            }
        });
        await Task.WhenAll(saves.Cast<Task>().Append(handOver));

        // The hand-over keeps a copy of the text the leader receives: no save may land after it unseen.
        var saved = saves.Select(s => s.Result).OfType<string>().ToList();
        var report = await GetAsync(id, staff);
        Assert.Equal(ReportStatus.AwaitingLeader, report.Status);
        var handed = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().VersionsAsync(report));
        var texts = handed.Count == 0 ? new Dictionary<string, string>() : Assert.Single(handed).Texts;
        Assert.All(keys, key => Assert.Equal(saved.Contains(key) ? "Nội dung " + key : "", texts.GetValueOrDefault(key, "")));
    }

    [Fact]
    public async Task SaveSectionAsync_ThenFiguresAndHandOverInTheSameScope_NoFalseConflict()
    {
        var (id, unit) = await NewReportAsync();
        var staff = CoreFixture.As(unit, Roles.Staff);

        var status = await core.RunAsync(async sp =>
        {
            // One request (an import, a consolidation) may save a section and go on with the same report.
            var reports = sp.GetRequiredService<ReportService>();
            var saved = await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "II", Text = "Đánh giá chung", ExpectedVersion = 0 }, staff);
            await reports.SaveFiguresAsync(new SaveFigures { ReportId = id, Figures = [new FigureInput("Số buổi tiếp dân", 12, "buổi")], ExpectedVersion = saved.ReportVersion }, staff);
            return await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.SendToLeader }, staff);
        });

        Assert.Equal(ReportStatus.AwaitingLeader, status);
    }
}
