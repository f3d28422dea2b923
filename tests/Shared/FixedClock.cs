namespace DanVan.Tests;

/// <summary>A clock the test sets, for deadlines and "today".</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
