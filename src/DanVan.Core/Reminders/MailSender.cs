using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace DanVan.Core.Reminders;

/// <summary>The <c>Smtp</c> settings. Without a host and a sender address no e-mail is sent (notifications only).</summary>
public sealed record SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>Sender, e.g. <c>DanVan &lt;danvan@snv.lamdong.gov.vn&gt;</c>.</summary>
    public string? From { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>TLS on connect for port 465, STARTTLS otherwise; false sends in clear (a relay on the same host).</summary>
    public bool UseTls { get; init; } = true;

    /// <summary>The site's public address (<c>https://danvan.snv.lamdong.gov.vn</c>) so e-mails link to the page; without it they give the path.</summary>
    public string? SiteUrl { get; init; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public static SmtpSettings FromConfiguration(IConfiguration configuration) =>
        configuration.GetSection("Smtp").Get<SmtpSettings>() ?? new SmtpSettings();
}

public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>Sends plain-text mail over one SMTP connection per batch.</summary>
public sealed class MailSender(SmtpSettings settings, ILogger<MailSender> log)
{
    public bool IsConfigured => settings.IsConfigured;

    /// <summary>
    /// Sends each mail; returns, per mail, null when the server accepted it or else why not. A refused recipient is
    /// logged and skipped; when the server cannot be reached the rest of the batch is given up.
    /// </summary>
    public async Task<string?[]> SendAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken ct = default)
    {
        var errors = new string?[mails.Count];
        if (!IsConfigured)
        {
            Array.Fill(errors, "SMTP is not configured");
            return errors;
        }

        using var client = new SmtpClient { Timeout = 30_000 };
        for (var i = 0; i < mails.Count; i++)
        {
            if (!client.IsConnected && await ConnectAsync(client, mails.Count - i, ct) is { } down)
            {
                Array.Fill(errors, down, i, mails.Count - i);
                break;
            }

            try
            {
                await client.SendAsync(Message(mails[i]), ct);
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ParseException or IOException or TimeoutException or ServiceNotConnectedException)
            {
                log.LogWarning(ex, "E-mail to {Recipient} not sent: {Reason}", mails[i].To, ex.Message);
                errors[i] = ex.Message;
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }

        return errors;
    }

    /// <summary>Null when connected (and authenticated), else why not.</summary>
    private async Task<string?> ConnectAsync(SmtpClient client, int remaining, CancellationToken ct)
    {
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, security, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SslHandshakeException or AuthenticationException or SmtpCommandException or SmtpProtocolException or TimeoutException)
        {
            log.LogError(ex, "SMTP server {Host}:{Port} unavailable; {Count} e-mails not sent: {Reason}", settings.Host, settings.Port, remaining, ex.Message);
            return $"SMTP server {settings.Host}:{settings.Port} unavailable: {ex.Message}";
        }
    }

    private MimeMessage Message(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From!));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }
}
