using DanVan.Core;
using DanVan.Core.Reminders;

namespace DanVan.Web.Infrastructure;

/// <summary>
/// Runs a reminder pass at start-up and then every <c>Reminders:IntervalMinutes</c> (default 60). Several app
/// instances may run it: the pass itself makes sure only one reminds at a time and never twice.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ReminderJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = Math.Max(1, configuration.GetValue("Reminders:IntervalMinutes", 60));
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
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

    /// <summary>One pass in its own scope (its own DbContext); a failure is logged and the next tick tries again.</summary>
    internal async Task<ReminderSummary?> RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderService>().RunAsync(VietnamTime.Today(clock), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Reminder pass failed; retrying at the next interval");
            return null;
        }
    }
}
