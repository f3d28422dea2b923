using DanVan.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>
/// A Word file staged for import lives in the database: any app instance (here, any DbContext) confirms what another
/// previewed; only its uploader loads it; after a day it is gone.
/// </summary>
public sealed class ImportStagingTests : IAsyncLifetime
{
    private static readonly byte[] Docx = [0x50, 0x4B, 0x03, 0x04, 1, 2, 3];

    private readonly FixedClock _clock = new(new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero));

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>One app instance's view: its own DbContext, as each request of each instance has.</summary>
    private async Task<T> OnInstanceAsync<T>(Func<ImportStaging, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(new ImportStaging(db, _clock));
    }

    [Fact]
    public async Task Load_OnAnotherInstance_ReturnsTheUploadersFile()
    {
        var token = await OnInstanceAsync(s => s.StageAsync(Docx, "/tmp/x/bao-cao.docx", "user-1", default));

        var staged = await OnInstanceAsync(s => s.LoadAsync(token, "user-1", default));

        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.NotNull(staged);
        Assert.Equal(Docx, staged.Value.Content);
        Assert.Equal("bao-cao.docx", staged.Value.FileName);
    }

    [Fact]
    public async Task Load_ByAnotherUserOrWithAMalformedToken_Null()
    {
        var token = await OnInstanceAsync(s => s.StageAsync(Docx, "bao-cao.docx", "user-1", default));

        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(token, "user-2", default)));
        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(token.ToUpperInvariant(), "user-1", default)));
        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(null, "user-1", default)));
    }

    [Fact]
    public async Task Load_AfterADay_NullAndTheNextUploadSweepsIt()
    {
        var old = await OnInstanceAsync(s => s.StageAsync(Docx, "cu.docx", "user-1", default));
        _clock.Now += ImportStaging.Lifetime - TimeSpan.FromMinutes(1);
        Assert.NotNull(await OnInstanceAsync(s => s.LoadAsync(old, "user-1", default)));

        _clock.Now += TimeSpan.FromMinutes(2);

        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(old, "user-1", default)));
        var fresh = await OnInstanceAsync(s => s.StageAsync(Docx, "moi.docx", "user-2", default));
        await using var db = _database.NewContext();
        Assert.Equal([fresh], await db.StagedUploads.Select(s => s.Token).ToListAsync());
    }

    [Fact]
    public async Task Remove_OnlyTheUploaders_LoadsNothingAfter()
    {
        var token = await OnInstanceAsync(s => s.StageAsync(Docx, "bao-cao.docx", "user-1", default));

        await OnInstanceAsync(async s =>
        {
            await s.RemoveAsync(token, "user-2", default);
            return 0;
        });
        Assert.NotNull(await OnInstanceAsync(s => s.LoadAsync(token, "user-1", default)));
        await OnInstanceAsync(async s =>
        {
            await s.RemoveAsync(token, "user-1", default);
            return 0;
        });

        Assert.Null(await OnInstanceAsync(s => s.LoadAsync(token, "user-1", default)));
    }
}
