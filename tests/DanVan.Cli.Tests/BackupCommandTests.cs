using System.Collections.Concurrent;
using System.Security.Cryptography;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan db backup` while the app writes, and `danvan db restore` into a fresh database, on the run's engine.</summary>
public sealed class BackupCommandTests
{
    [Fact]
    public async Task Backup_DuringAWriteBurst_RestoredIntoAFreshDatabase_EveryAcknowledgedWriteAndTheStoredFileThere()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync(migrate: false);
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        var original = RandomNumberGenerator.GetBytes(300_000);
        int attachmentId;
        await using (var db = source.NewContext())
        {
            var unit = Unit("TRATAN");
            db.Units.Add(unit);
            var report = new Report { Unit = unit, Period = "2025-Q1", Title = "Báo cáo quý I năm 2025" };
            db.Reports.Add(report);
            await db.SaveChangesAsync();
            var file = new ReportAttachment { ReportId = report.Id, FileName = "bao-cao-quy-1.docx", ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Size = original.Length, Sha256 = Convert.ToHexString(SHA256.HashData(original)), Content = original, UploadedBy = "tratan.canbo" };
            db.ReportAttachments.Add(file);
            await db.SaveChangesAsync();
            attachmentId = file.Id;
        }

        // The app's writes go on: one unit per save, each remembered once the save returned.
        var acknowledged = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await using var db = source.NewContext();
                db.Units.Add(Unit($"B{i}"));
                await db.SaveChangesAsync();
                acknowledged.Enqueue(i);
            }
        });
        while (acknowledged.Count < 20)
        {
            await Task.Delay(20);
        }

        var before = acknowledged.Count;
        var backup = await Danvan.RunAsync(dir, source.Settings, "db", "backup", "--out", "sao-luu/danvan.backup");
        var after = acknowledged.Count;
        await stop.CancelAsync();
        await writer;
        var restore = await Danvan.RunAsync(dir, target.Settings, "db", "restore", "sao-luu/danvan.backup");

        Assert.True(backup.Exit == 0, backup.Err);
        Assert.True(after > before, "the writes went on while the backup ran");
        Assert.True(restore.Exit == 0, restore.Err);
        Assert.Contains("Restored danvan.backup:", restore.Out, StringComparison.Ordinal);
        Assert.Contains("1 stored files", restore.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "sao-luu"), ".*"));
        await using (var db = target.NewContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // One moment's snapshot: every save acknowledged before the backup began, and no gap after it.
            var burst = (await db.Units.Where(u => u.Code.StartsWith("BK-B")).Select(u => u.Code).ToListAsync()).Select(c => int.Parse(c[4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.True(burst.Count >= before, $"{burst.Count} of the {before} writes acknowledged before the backup");
            Assert.Equal(Enumerable.Range(0, burst.Count), burst);
            Assert.Equal(original, (await db.ReportAttachments.SingleAsync(a => a.Id == attachmentId)).Content);
        }

        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(target.ConnectionString);
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task BackupAndRestore_WrongInput_OneLineReasonAndNothingChanged()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var empty = await TestDatabase.CreateAsync(migrate: false);
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "existing.backup"), "an older backup");
        await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "not a backup");

        var exists = await Danvan.RunAsync(dir, source.Settings, "db", "backup", "--out", "existing.backup");
        var junk = await Danvan.RunAsync(dir, empty.Settings, "db", "restore", "notes.txt");
        var missing = await Danvan.RunAsync(dir, empty.Settings, "db", "restore", "nowhere.backup");
        var backup = await Danvan.RunAsync(dir, source.Settings, "db", "backup", "--out", "good.backup");
        var notEmpty = await Danvan.RunAsync(dir, source.Settings, "db", "restore", "good.backup");

        Assert.Equal(1, exists.Exit);
        Assert.Contains("exists; choose another name, or pass --overwrite", exists.Err, StringComparison.Ordinal);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(Path.Combine(dir, "existing.backup")));
        Assert.Equal(1, junk.Exit);
        Assert.Contains("notes.txt is not a DanVan backup", junk.Err, StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);
        Assert.True(backup.Exit == 0, backup.Err);
        Assert.Equal(1, notEmpty.Exit);
        Assert.Contains("The configured database is not empty", notEmpty.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", junk.Err + notEmpty.Err, StringComparison.Ordinal);
    }

    private static OrgUnit Unit(string code) => new()
    {
        Code = "BK-" + code,
        PlaceName = "Trà Tân",
        Kind = UnitKind.Commune,
        Names = [new UnitName { Name = $"Ủy ban nhân dân xã {code}", ValidFrom = new DateOnly(2020, 1, 1) }],
    };
}
