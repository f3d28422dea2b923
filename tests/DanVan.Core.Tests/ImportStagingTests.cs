using DanVan.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>
/// A Word file staged for import lives in the database: any app instance (here, any DbContext) confirms what another
/// previewed; only its uploader loads it; after a day it is gone.
/// </summary>
public sealed class ImportStagingTests : IAsyncLifetime
{
    private const int ReportId = 7;

    private static readonly byte[] Docx = [0x50, 0x4B, 0x03, 0x04, 1, 2, 3];

    private readonly FixedClock _clock = new(new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero));

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static StagedUpload Upload(string fileName, string userId) =>
        new() { Token = "", UserId = userId, FileName = fileName, Content = Docx, ReportId = ReportId, ReportVersion = 3, Parsed = "{}" };

    /// <summary>One app instance's view: its own DbContext, as each request of each instance has.</summary>
    private async Task<T> OnInstanceAsync<T>(Func<ImportStaging, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(new ImportStaging(db, _clock));
    }

    [Fact]
    public async Task Load_OnAnotherInstance_ReturnsTheUploadersFile()
    {
        var token = await OnInstanceAsync(s => s.StageAsync(Upload("/tmp/x/bao-cao.docx", "user-1"), default));

        var staged = await OnInstanceAsync(s => s.LoadAsync(token, "user-1", ReportId, default));

        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.NotNull(staged);
        Assert.Equal(Docx, staged.Content);
        Assert.Equal(("bao-cao.docx", ReportId, 3, "{}"), (staged.FileName, staged.ReportId, staged.ReportVersion, staged.Parsed));
    }

    [Fact]
    public async Task Load_ByAnotherUserForAnotherReportOrWithAMalformedToken_Null()
    {
        var token = await OnInstanceAsync(s => s.StageAsync(Upload("bao-cao.docx", "user-1"), default));

        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(token, "user-2", ReportId, default)));
        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(token.ToUpperInvariant(), "user-1", ReportId, default)));
        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(null, "user-1", ReportId, default)));
        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(token, "user-1", ReportId + 1, default)));
    }

    [Fact]
    public async Task Load_AfterADay_NullAndTheNextUploadSweepsIt()
    {
        var old = await OnInstanceAsync(s => s.StageAsync(Upload("cu.docx", "user-1"), default));
        _clock.Now += ImportStaging.Lifetime - TimeSpan.FromMinutes(1);
        Assert.NotNull(await OnInstanceAsync(s => s.LoadAsync(old, "user-1", ReportId, default)));

        _clock.Now += TimeSpan.FromMinutes(2);

        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(old, "user-1", ReportId, default)));
        var fresh = await OnInstanceAsync(s => s.StageAsync(Upload("moi.docx", "user-2"), default));
        await using var db = _database.NewContext();
        Assert.Equal([fresh], await db.StagedUploads.Select(s => s.Token).ToListAsync());
    }
}
