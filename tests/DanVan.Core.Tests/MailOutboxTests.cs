using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DanVan.Core.Access;
using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Workflow e-mail goes through the outbox: the request only writes the rows, the outbox job sends them with retries,
/// and two senders never send one twice. Against a real SMTP server on 127.0.0.1; each test has its own database, as a
/// pass sends every due mail in it.
/// </summary>
public sealed class MailOutboxTests : IAsyncLifetime
{
    private readonly CoreFixture _core = new();

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => _core.DisposeAsync();

    private async Task<(int Commune, Actor Staff)> CommuneAsync(int leaders)
    {
        var commune = await _core.AddUnitAsync(CoreFixture.Code("C"));
        var staff = await ReportNoticeTests.UserIn(_core, commune, Roles.Staff, "Nguyễn Văn Cán");
        for (var i = 0; i < leaders; i++)
        {
            await ReportNoticeTests.UserIn(_core, commune, Roles.Leader, $"Lãnh đạo {i}", $"lanhdao{i}.{commune}@xa.gov.vn");
        }

        return (commune, staff);
    }

    private Task<int> CreateAsync(Actor staff, string period) =>
        _core.WhileOpenAsync(period, () => _core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period }, staff)));

    /// <summary>Sends the report to the leader with SMTP set to <paramref name="smtp"/>, as a request of the web app would.</summary>
    private Task<ReportStatus> SendToLeaderAsync(int reportId, Actor staff, SmtpSettings smtp) => _core.RunAsync(sp =>
    {
        var notifications = ActivatorUtilities.CreateInstance<NotificationService>(sp, smtp);
        var reports = ActivatorUtilities.CreateInstance<ReportService>(sp, ActivatorUtilities.CreateInstance<ReportNotices>(sp, notifications));
        return reports.ChangeStatusAsync(new ChangeStatus { ReportId = reportId, Action = ReportAction.SendToLeader }, staff);
    });

    private async Task<List<OutboxMail>> OutboxAsync(string to)
    {
        await using var db = _core.Database.NewContext();
        return await db.OutboxMails.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task ChangeStatusAsync_SmtpServerHangs_TheClickDoesNotWaitAndTheMailGoesOnceTheServerIsBack()
    {
        var (commune, staff) = await CommuneAsync(leaders: 1);
        var leaderMail = $"lanhdao0.{commune}@xa.gov.vn";
        var id = await CreateAsync(staff, "2025-Q2");
        // A server that takes the connection and never answers: sending inside the request would wait out the timeout.
        using var hanging = new TcpListener(IPAddress.Loopback, 0);
        hanging.Start();
        var port = ((IPEndPoint)hanging.LocalEndpoint).Port;
        var smtp = ReminderScenario.Smtp(port) with { SiteUrl = "https://danvan.snv.example.vn/" };

        var clock = Stopwatch.StartNew();
        await SendToLeaderAsync(id, staff, smtp);
        var took = clock.Elapsed;

        Assert.True(took < TimeSpan.FromSeconds(5), $"The move took {took.TotalSeconds:0.0} s with a hanging SMTP server");
        Assert.Single(await OutboxAsync(leaderMail));
        hanging.Stop();

        // The server is down: the mail stays, to be tried again after a pause.
        var failed = await ReminderScenario.SendMailAsync(_core, smtp);
        var waiting = Assert.Single(await OutboxAsync(leaderMail));
        Assert.Equal((1, 0, 1), (failed.Claimed, failed.Sent, failed.Failed));
        Assert.Equal((false, 1), (waiting.SentAt.HasValue, waiting.Attempts));
        Assert.Contains("unavailable", waiting.LastError, StringComparison.Ordinal);
        Assert.True(waiting.NextAttemptAt > _core.Clock.GetUtcNow().UtcDateTime);

        // Back on the same port: nothing goes before the pause is over, then the mail goes once.
        await using var server = SmtpTestServer.Start(port);
        var early = await ReminderScenario.SendMailAsync(_core, smtp);
        _core.Clock.Now = _core.Clock.Now + MailOutbox.Backoff(1);
        var due = await ReminderScenario.SendMailAsync(_core, smtp);
        var again = await ReminderScenario.SendMailAsync(_core, smtp);

        Assert.Equal(0, early.Claimed);
        Assert.Equal((1, 1, 0), (due.Claimed, due.Sent, due.Failed));
        Assert.Equal(0, again.Claimed);
        var (recipients, message) = Assert.Single(server.Messages);
        Assert.Equal([leaderMail], recipients);
        Assert.Equal("Báo cáo quý II năm 2025 chờ lãnh đạo duyệt", message.Subject);
        Assert.Contains($"https://danvan.snv.example.vn/reports/{id}", message.TextBody, StringComparison.Ordinal);
        var sent = Assert.Single(await OutboxAsync(leaderMail));
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal(ReportStatus.AwaitingLeader, (await _core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, staff))).Status);
    }

    [Fact]
    public async Task SendDueAsync_TwoSendersAtOnce_EachMailSentOnce()
    {
        const int Leaders = 3;
        const int Reports = 8;
        var (commune, staff) = await CommuneAsync(Leaders);
        await using var server = SmtpTestServer.Start();
        var smtp = ReminderScenario.Smtp(server.Port);
        for (var i = 0; i < Reports; i++)
        {
            var id = await CreateAsync(staff, $"{2017 + i}-Q1");
            await SendToLeaderAsync(id, staff, smtp);
        }

        var passes = await Task.WhenAll(
            Task.Run(() => ReminderScenario.SendMailAsync(_core, smtp, "instance-a")),
            Task.Run(() => ReminderScenario.SendMailAsync(_core, smtp, "instance-b")));

        Assert.Equal(Leaders * Reports, passes.Sum(p => p.Sent));
        Assert.Equal(0, passes.Sum(p => p.Failed));
        var received = server.Messages.Select(m => (Assert.Single(m.Recipients), m.Message.Subject)).ToList();
        Assert.Equal(Leaders * Reports, received.Count);
        Assert.Equal(received.Count, received.Distinct().Count());
        for (var i = 0; i < Leaders; i++)
        {
            Assert.All(await OutboxAsync($"lanhdao{i}.{commune}@xa.gov.vn"), m => Assert.Equal((true, 1), (m.SentAt.HasValue, m.Attempts)));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 360)]
    public void Backoff_GrowsAndStopsAtSixHours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), MailOutbox.Backoff(attempts));
}
