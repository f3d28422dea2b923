using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace DanVan.Core.Access;

/// <summary>How many wrong passwords are tolerated, and for how long they count (settings <c>Security:LogIn:*</c>).</summary>
public sealed record LogInLimits
{
    /// <summary>Wrong passwords for one account from one address before that address is locked out of that account.</summary>
    public int PerAccountAndAddress { get; init; } = 5;

    /// <summary>Wrong passwords from one address, whatever the accounts, before the address must wait (password spraying).</summary>
    public int PerAddress { get; init; } = 20;

    /// <summary>Wrong passwords for one account from all addresses together before every new address must wait too.</summary>
    public int PerAccount { get; init; } = 50;

    /// <summary>How long a wrong password counts, and so the longest wait.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    public static LogInLimits FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Security:LogIn");
        var defaults = new LogInLimits();
        return new LogInLimits
        {
            PerAccountAndAddress = section.GetValue(nameof(PerAccountAndAddress), defaults.PerAccountAndAddress),
            PerAddress = section.GetValue(nameof(PerAddress), defaults.PerAddress),
            PerAccount = section.GetValue(nameof(PerAccount), defaults.PerAccount),
            Window = TimeSpan.FromMinutes(section.GetValue("WindowMinutes", defaults.Window.TotalMinutes)),
        };
    }
}

/// <summary>Why a log-in attempt is not even checked, and until when.</summary>
public enum ThrottleReason
{
    /// <summary>This address guessed this account's password too often: only this address is locked out of it.</summary>
    AccountAndAddress,

    /// <summary>This address guessed too many passwords overall.</summary>
    Address,

    /// <summary>The account is being guessed from many addresses at once.</summary>
    Account,
}

public sealed record ThrottleVerdict(ThrottleReason Reason, TimeSpan RetryAfter);

/// <summary>
/// Counts wrong passwords per (account, address), per address and per account over a sliding window, in memory.
/// Locking the pair rather than the account means a stranger's guesses never lock the owner out at their own desk;
/// the per-account limit, set well above the pair's, still caps guessing spread over many addresses. Counts are per
/// app instance: with N instances behind a balancer an attacker gets at most N times the limits.
/// </summary>
public sealed class LogInThrottle(LogInLimits limits, TimeProvider clock)
{
    /// <summary>Above this many tracked keys the oldest are dropped, so made-up names cannot fill the memory.</summary>
    private const int MaxKeys = 100_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public LogInLimits Limits => limits;

    /// <summary>Null when the attempt may be checked; otherwise why not and how long to wait.</summary>
    public ThrottleVerdict? Check(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        return Over(PairKey(userName, address), limits.PerAccountAndAddress, now) is { } pair ? new(ThrottleReason.AccountAndAddress, pair)
            : Over(AddressKey(address), limits.PerAddress, now) is { } byAddress ? new(ThrottleReason.Address, byAddress)
            : Over(AccountKey(userName), limits.PerAccount, now) is { } byAccount ? new(ThrottleReason.Account, byAccount)
            : null;
    }

    public void Failed(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > MaxKeys)
        {
            Prune(now);
        }

        foreach (var key in new[] { PairKey(userName, address), AddressKey(address), AccountKey(userName) })
        {
            var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (queue)
            {
                queue.Enqueue(now);
            }
        }
    }

    /// <summary>A right password clears that address's count for the account (not the address's or account's totals).</summary>
    public void Succeeded(string userName, string? address) => _failures.TryRemove(PairKey(userName, address), out _);

    /// <summary>An administrator's unlock: every count kept about the account goes.</summary>
    public void Forget(string userName)
    {
        var prefix = "p\u001f" + Normalise(userName) + "\u001f";
        foreach (var key in _failures.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) || k == AccountKey(userName)))
        {
            _failures.TryRemove(key, out _);
        }
    }

    private TimeSpan? Over(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return null;
        }

        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() <= now - limits.Window)
            {
                queue.Dequeue();
            }

            // The wait ends when enough of the counted failures have aged out of the window to allow one more try.
            return queue.Count >= limit ? queue.ElementAt(queue.Count - limit) + limits.Window - now : null;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, queue) in _failures)
        {
            bool stale;
            lock (queue)
            {
                stale = queue.Count == 0 || queue.Last() <= now - limits.Window;
            }

            if (stale)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private static string Normalise(string userName) => userName.Trim().ToLowerInvariant();

    private static string PairKey(string userName, string? address) => "p\u001f" + Normalise(userName) + "\u001f" + address;

    private static string AddressKey(string? address) => "a\u001f" + address;

    private static string AccountKey(string userName) => "u\u001f" + Normalise(userName);
}
