using DanVan.Core.Access;
using DanVan.Core.Reminders;
using MimeKit;

namespace DanVan.Tests;

/// <summary>The reminder pass queues e-mails that the outbox sends through MailKit to a real SMTP server listening on 127.0.0.1 inside the test.</summary>
public sealed class SmtpReminderTests : IAsyncLifetime
{
    private readonly ReminderScenario _s = new();

    public Task InitializeAsync() => _s.InitializeAsync();

    public Task DisposeAsync() => _s.DisposeAsync();

    [Fact]
    public async Task RunAsync_SmtpConfigured_EachUserWithAnAddressGetsTheVietnameseReminder()
    {
        await using var smtp = SmtpTestServer.Start();
        await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff, email: "canbo@tratan.gov.vn");
        await _s.AddUserAsync("tratan.lanhdao", _s.Commune, Roles.Leader, email: "lanhdao@tratan.gov.vn");
        await _s.AddUserAsync("trathuy.canbo", _s.OtherCommune, Roles.Staff);

        var summary = await _s.RunAsync(new DateOnly(2025, 3, 21), ReminderScenario.Smtp(smtp.Port));
        var pass = await _s.SendMailAsync(ReminderScenario.Smtp(smtp.Port));

        Assert.Equal(new ReminderSummary(false, 2, 3, 2), summary);
        Assert.Equal(new OutboxPass(2, 2, 0), pass);
        var received = smtp.Messages.OrderBy(m => m.Recipients[0], StringComparer.Ordinal).ToList();
        Assert.Equal(["canbo@tratan.gov.vn", "lanhdao@tratan.gov.vn"], received.Select(m => Assert.Single(m.Recipients)));
        foreach (var (_, message) in received)
        {
            Assert.Equal("Quá hạn gửi báo cáo quý I năm 2025", message.Subject);
            Assert.Equal("DanVan Sở Nội vụ", Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Name);
            Assert.StartsWith(
                "Quá hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025, đơn vị chưa gửi (quá hạn 1 ngày).",
                message.TextBody,
                StringComparison.Ordinal);
            Assert.Contains("Đăng nhập DanVan", message.TextBody, StringComparison.Ordinal);
        }

        var sent = await _s.SentAsync();
        Assert.Equal([2, 0], sent.Select(r => r.Emailed));
    }

    [Fact]
    public async Task RunAsync_RecipientAddressMalformed_OtherMailStillDelivered()
    {
        await using var smtp = SmtpTestServer.Start();
        await _s.AddUserAsync("tratan.canbo", _s.Commune, Roles.Staff, email: "khong-phai-dia-chi");
        await _s.AddUserAsync("trathuy.canbo", _s.OtherCommune, Roles.Staff, email: "canbo@trathuy.gov.vn");

        var summary = await _s.RunAsync(new DateOnly(2025, 3, 17), ReminderScenario.Smtp(smtp.Port));
        var pass = await _s.SendMailAsync(ReminderScenario.Smtp(smtp.Port));

        Assert.Equal((2, 2), (summary.Notifications, summary.EmailsQueued));
        Assert.Equal(new OutboxPass(2, 1, 1), pass);
        Assert.Equal("canbo@trathuy.gov.vn", Assert.Single(Assert.Single(smtp.Messages).Recipients));
    }
}
