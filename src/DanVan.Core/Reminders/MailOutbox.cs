using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DanVan.Core.Reminders;

/// <summary>What one sending pass did.</summary>
public sealed record OutboxPass(int Claimed, int Sent, int Failed);

/// <summary>
/// Sends the e-mails waiting in <see cref="OutboxMail"/>: the oldest due first, retried with a growing pause when the
/// server refuses or cannot be reached. Several app instances may run passes at once: each mail is taken by one
/// conditional update that only one of them can win, so none is sent twice (short of an instance dying between
/// sending and recording it, when the lease runs out and another sends it again).
/// </summary>
public sealed class MailOutbox(DanVanDbContext db, MailSender sender, TimeProvider clock, ILogger<MailOutbox> log)
{
    /// <summary>After this many failed attempts (about two days of backoff) the mail stays unsent, with its last error.</summary>
    public const int MaxAttempts = 10;

    public const int BatchSize = 20;

    /// <summary>Longer than a batch can take with the sender's 30-second timeout per step.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>Pure: the pause after the <paramref name="attempts"/>-th failure: 1, 2, 4 … minutes, at most 6 hours.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Clamp(attempts, 1, 20) - 1)));

    /// <summary>Claims up to <see cref="BatchSize"/> due mails for <paramref name="instance"/>, sends them over one connection and records the outcome.</summary>
    public async Task<OutboxPass> SendDueAsync(string instance, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMails.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var until = now + Lease;
        var claimed = new List<int>();
        foreach (var id in due)
        {
            // The condition is checked again on the row itself: SQLite serialises the writes, and PostgreSQL re-reads
            // the row after waiting for a concurrent claim's lock, so exactly one instance gets 1 here.
            var won = await db.OutboxMails
                .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, instance).SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (won == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return new OutboxPass(0, 0, 0);
        }

        var mails = await db.OutboxMails.AsNoTracking().Where(m => claimed.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
        var errors = await sender.SendAsync(mails.Select(m => new OutgoingMail(m.To, m.Subject, m.Body)).ToList(), ct);
        var done = clock.GetUtcNow().UtcDateTime;
        var sent = mails.Where((_, i) => errors[i] is null).Select(m => m.Id).ToList();
        if (sent.Count > 0)
        {
            await db.OutboxMails.Where(m => sent.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, done).SetProperty(m => m.ClaimedUntil, (DateTime?)null).SetProperty(m => m.LastError, (string?)null), ct);
        }

        for (var i = 0; i < mails.Count; i++)
        {
            if (errors[i] is not { } error)
            {
                continue;
            }

            var next = done + Backoff(mails[i].Attempts);
            var reason = error.Length <= 1000 ? error : error[..1000];
            await db.OutboxMails.Where(m => m.Id == mails[i].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null).SetProperty(m => m.LastError, reason), ct);
            if (mails[i].Attempts >= MaxAttempts)
            {
                log.LogError("E-mail {Id} to {Recipient} given up after {Attempts} attempts: {Reason}", mails[i].Id, mails[i].To, mails[i].Attempts, error);
            }
        }

        var failed = mails.Count - sent.Count;
        if (failed > 0)
        {
            log.LogWarning("{Failed} of {Count} e-mails not sent; they will be tried again", failed, mails.Count);
        }

        return new OutboxPass(mails.Count, sent.Count, failed);
    }

    /// <summary>Passes until nothing is due (what failed waits for its backoff); returns what they did together.</summary>
    public async Task<OutboxPass> SendAllDueAsync(string instance, CancellationToken ct = default)
    {
        var total = new OutboxPass(0, 0, 0);
        while (await SendDueAsync(instance, ct) is { Claimed: > 0 } pass)
        {
            total = new OutboxPass(total.Claimed + pass.Claimed, total.Sent + pass.Sent, total.Failed + pass.Failed);
        }

        return total;
    }
}
