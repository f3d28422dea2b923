using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DanVan.Tests;

public sealed class ReminderServiceTests : IAsyncLifetime
{
    private readonly ReminderScenario _s = new();

    public Task InitializeAsync() => _s.InitializeAsync();

    public Task DisposeAsync() => _s.DisposeAsync();

    [Fact]
    public async Task RunAsync_ReminderDay_NotifiesActiveStaffAndLeadersOfUnitsThatHaveNotSent()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);
        var leader = await _s.AddUserAsync("tratan.lanhdao", _s.Commune, Roles.Leader);
        var locked = await _s.AddUserAsync("tratan.nghiviec", _s.Commune, Roles.Staff, lockedOut: true);
        var consolidator = await _s.AddUserAsync("snv.tonghop", _s.Snv, Roles.Consolidator);
        var done = await _s.AddUserAsync("trathuy.canbo", _s.OtherCommune, Roles.Staff);
        await _s.AddReportAsync(_s.OtherCommune, ReportStatus.Submitted);

        var summary = await _s.RunAsync(new DateOnly(2025, 3, 17));

        Assert.Equal(new ReminderSummary(false, 1, 2, 0), summary);
        foreach (var user in new[] { staff, leader })
        {
            var note = Assert.Single(await _s.NotificationsAsync(user));
            Assert.Equal("Nhắc hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (còn 3 ngày).", note.Text);
            Assert.Equal("/reports?Period=2025-Q1", note.Url);
            Assert.Null(note.ReadAt);
        }

        Assert.Empty(await _s.NotificationsAsync(locked));
        Assert.Empty(await _s.NotificationsAsync(consolidator));
        Assert.Empty(await _s.NotificationsAsync(done));
        var sent = Assert.Single(await _s.SentAsync());
        Assert.Equal((_s.Commune, "2025-Q1", ReminderKind.BeforeDeadline, 2), (sent.UnitId, sent.Period, sent.Kind, sent.Notified));
    }

    [Fact]
    public async Task RunAsync_DisabledAccount_GetsNeitherBellItemNorEmail()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff, email: "canbo@tratan.gov.vn");
        var disabled = await _s.AddUserAsync("tratan.nghiviec", _s.Commune, Roles.Leader, email: "nghiviec@tratan.gov.vn", disabled: true);

        var summary = await _s.RunAsync(new DateOnly(2025, 3, 17), ReminderScenario.Smtp(25));

        Assert.Equal((2, 1, 1), (summary.Units, summary.Notifications, summary.EmailsQueued));
        Assert.Single(await _s.NotificationsAsync(staff));
        Assert.Empty(await _s.NotificationsAsync(disabled));
        await using var db = _s.Core.Database.NewContext();
        Assert.Equal(["canbo@tratan.gov.vn"], await db.OutboxMails.Select(m => m.To).ToListAsync());
    }

    [Theory]
    [InlineData(ReportStatus.Draft, 1)]
    [InlineData(ReportStatus.AwaitingLeader, 1)]
    [InlineData(ReportStatus.Returned, 1)]
    [InlineData(ReportStatus.Submitted, 0)]
    [InlineData(ReportStatus.Accepted, 0)]
    public async Task RunAsync_ReportNotYetSent_StillReminded(ReportStatus status, int notifications)
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);
        await _s.AddReportAsync(_s.Commune, status);

        await _s.RunAsync(new DateOnly(2025, 3, 18));

        Assert.Equal(notifications, (await _s.NotificationsAsync(staff)).Count);
    }

    [Fact]
    public async Task RunAsync_BeforeReminderDayOrAfterLock_SendsNothing()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);

        var early = await _s.RunAsync(new DateOnly(2025, 3, 16));
        var late = await _s.RunAsync(new DateOnly(2025, 3, 31));

        Assert.Equal(0, early.Units + late.Units);
        Assert.Empty(await _s.NotificationsAsync(staff));
    }

    [Fact]
    public async Task RunAsync_JobMissedTheReminderDay_CatchesUpBeforeTheDeadline()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);

        await _s.RunAsync(new DateOnly(2025, 3, 19));

        var note = Assert.Single(await _s.NotificationsAsync(staff));
        Assert.EndsWith("(còn 1 ngày).", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BeforeAndAfterDeadline_OneReminderEachThenOverdueCaughtUp()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);

        await _s.RunAsync(new DateOnly(2025, 3, 17));
        await _s.RunAsync(new DateOnly(2025, 3, 20));
        await _s.RunAsync(new DateOnly(2025, 3, 23));
        await _s.RunAsync(new DateOnly(2025, 3, 24));

        var texts = (await _s.NotificationsAsync(staff)).Select(n => n.Text).ToList();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("Nhắc hạn:", texts[0], StringComparison.Ordinal);
        Assert.Equal("Quá hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025, đơn vị chưa gửi (quá hạn 3 ngày).", texts[1]);
        Assert.Equal(
            new[] { (_s.Commune, ReminderKind.BeforeDeadline), (_s.Commune, ReminderKind.Overdue), (_s.OtherCommune, ReminderKind.BeforeDeadline), (_s.OtherCommune, ReminderKind.Overdue) },
            (await _s.SentAsync()).Select(r => (r.UnitId, r.Kind)));
    }

    [Fact]
    public async Task RunAsync_SentAfterTheReminder_NoOverdueReminder()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);
        await _s.RunAsync(new DateOnly(2025, 3, 17));
        await _s.AddReportAsync(_s.Commune, ReportStatus.Submitted);

        await _s.RunAsync(new DateOnly(2025, 3, 21));

        Assert.Single(await _s.NotificationsAsync(staff));
    }

    [Fact]
    public async Task RunAsync_TwiceOnTheSameDay_RemindsOnce()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);

        var first = await _s.RunAsync(new DateOnly(2025, 3, 17));
        var second = await _s.RunAsync(new DateOnly(2025, 3, 17));

        Assert.Equal(2, first.Units);
        Assert.Equal(new ReminderSummary(false, 0, 0, 0), second);
        Assert.Single(await _s.NotificationsAsync(staff));
    }

    [Fact]
    public async Task RunAsync_TwoPassesAtOnce_OneSetOfReminders()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);
        var leader = await _s.AddUserAsync("tratan.lanhdao", _s.Commune, Roles.Leader);
        var other = await _s.AddUserAsync("trathuy.canbo", _s.OtherCommune, Roles.Staff);

        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _s.RunAsync(new DateOnly(2025, 3, 21)))));

        Assert.Equal(2, passes.Sum(p => p.Units));
        Assert.Equal(3, passes.Sum(p => p.Notifications));
        foreach (var user in new[] { staff, leader, other })
        {
            Assert.Single(await _s.NotificationsAsync(user));
        }

        Assert.Equal(2, (await _s.SentAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_AnotherInstanceHoldsTheLockOnPostgres_PassSkipped()
    {
        if (_s.Core.Database.Provider != DatabaseProvider.Postgres)
        {
            return; // SQLite has no advisory locks; the gate there is per process (covered by the test above).
        }

        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff);
        await using var other = new NpgsqlConnection(_s.Core.Database.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ReminderService.PassLockKey})", other, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        var whileHeld = await _s.RunAsync(new DateOnly(2025, 3, 17));
        await transaction.CommitAsync();
        var after = await _s.RunAsync(new DateOnly(2025, 3, 17));

        Assert.True(whileHeld.Skipped);
        Assert.Equal((false, 2), (after.Skipped, after.Units));
        Assert.Single(await _s.NotificationsAsync(staff));
    }

    [Fact]
    public async Task RunAsync_SmtpServerDown_NotificationsKeptAndTheMailWaitsInTheOutbox()
    {
        var staff = await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff, email: "canbo@tratan.gov.vn");
        var other = await _s.AddUserAsync("trathuy.canbo", _s.OtherCommune, Roles.Staff, email: "canbo@trathuy.gov.vn");
        var down = ReminderScenario.Smtp(SmtpTestServer.FreePort());

        var summary = await _s.RunAsync(new DateOnly(2025, 3, 17), down);
        var pass = await _s.SendMailAsync(down);

        Assert.Equal(new ReminderSummary(false, 2, 2, 2), summary);
        Assert.Equal(new OutboxPass(2, 0, 2), pass);
        Assert.Single(await _s.NotificationsAsync(staff));
        Assert.Single(await _s.NotificationsAsync(other));
        Assert.All(await _s.SentAsync(), r => Assert.Equal(1, r.Emailed));
        await using var db = _s.Core.Database.NewContext();
        Assert.All(db.OutboxMails.ToList(), m => Assert.Equal((false, 1), (m.SentAt.HasValue, m.Attempts)));
    }
}
