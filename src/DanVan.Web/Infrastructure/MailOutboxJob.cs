using DanVan.Core.Reminders;

namespace DanVan.Web.Infrastructure;

/// <summary>
/// Sends the e-mail outbox every <c>Smtp:OutboxSeconds</c> (default 10) while SMTP is set. Requests only write the
/// mail rows, so a slow or dead SMTP server delays the mail, never the click; several instances may run this at once.
/// </summary>
public sealed class MailOutboxJob(IServiceScopeFactory scopes, SmtpSettings smtp, IConfiguration configuration, TimeProvider clock, ILogger<MailOutboxJob> log) : BackgroundService
{
    /// <summary>Names this instance's claims, so a row shows who holds it.</summary>
    private readonly string _instance = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!smtp.IsConfigured)
        {
            return;
        }

        var seconds = Math.Max(1, configuration.GetValue("Smtp:OutboxSeconds", 10));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One pass in its own scope; a failure (the database away) is logged and the next tick tries again.</summary>
    internal async Task<OutboxPass?> RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendAllDueAsync(_instance, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "E-mail outbox pass failed; retrying at the next interval");
            return null;
        }
    }
}
