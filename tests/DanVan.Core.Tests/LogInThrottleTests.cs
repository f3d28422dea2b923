using DanVan.Core.Access;

namespace DanVan.Tests;

public sealed class LogInThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static (LogInThrottle Throttle, FixedClock Clock) Make(LogInLimits? limits = null)
    {
        var clock = new FixedClock(Start);
        return (new LogInThrottle(limits ?? new LogInLimits(), clock), clock);
    }

    [Fact]
    public void Check_FiveFailuresFromOneAddress_LocksThatAddressOutOfTheAccountOnly()
    {
        var (throttle, _) = Make();
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed("cb.tratan", "10.0.0.66");
        }

        Assert.Equal(ThrottleReason.AccountAndAddress, throttle.Check("CB.TraTan ", "10.0.0.66")?.Reason);
        Assert.Null(throttle.Check("cb.tratan", "10.0.0.7"));
        Assert.Null(throttle.Check("lanhdao.tratan", "10.0.0.66"));
    }

    [Fact]
    public void Check_AfterTheWindow_TheLockEnds_AndRetryAfterSaysWhen()
    {
        var (throttle, clock) = Make();
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed("cb.tratan", "10.0.0.66");
            clock.Now += TimeSpan.FromMinutes(1);
        }

        // The first failure (at Start) ages out 15 minutes after it happened.
        Assert.Equal(TimeSpan.FromMinutes(10), throttle.Check("cb.tratan", "10.0.0.66")!.RetryAfter);
        clock.Now = Start + TimeSpan.FromMinutes(15);
        Assert.Null(throttle.Check("cb.tratan", "10.0.0.66"));
    }

    [Fact]
    public void Check_ManyAccountsGuessedFromOneAddress_StopsTheAddress()
    {
        var (throttle, _) = Make(new LogInLimits { PerAddress = 20 });
        for (var i = 0; i < 20; i++)
        {
            throttle.Failed($"user{i}", "10.0.0.66");
        }

        Assert.Equal(ThrottleReason.Address, throttle.Check("cb.tratan", "10.0.0.66")?.Reason);
        Assert.Null(throttle.Check("cb.tratan", "10.0.0.67"));
    }

    [Fact]
    public void Check_OneAccountGuessedFromManyAddresses_StopsNewAddressesToo()
    {
        var (throttle, _) = Make(new LogInLimits { PerAccount = 50 });
        for (var i = 0; i < 50; i++)
        {
            throttle.Failed("qt.tinh", $"10.0.1.{i}");
        }

        Assert.Equal(ThrottleReason.Account, throttle.Check("qt.tinh", "10.0.2.1")?.Reason);
    }

    [Fact]
    public void SucceededAndForget_ClearTheCounts()
    {
        var (throttle, _) = Make();
        for (var i = 0; i < 4; i++)
        {
            throttle.Failed("cb.tratan", "10.0.0.7");
        }

        throttle.Succeeded("cb.tratan", "10.0.0.7");
        throttle.Failed("cb.tratan", "10.0.0.7");
        Assert.Null(throttle.Check("cb.tratan", "10.0.0.7"));

        for (var i = 0; i < 5; i++)
        {
            throttle.Failed("cb.tratan", "10.0.0.66");
        }

        throttle.Forget("cb.tratan");
        Assert.Null(throttle.Check("cb.tratan", "10.0.0.66"));
    }
}
