using DanVan.Core.Periods;

namespace DanVan.Tests;

/// <summary>The periods forms list in words instead of asking for codes.</summary>
public sealed class PeriodChoicesTests
{
    private static readonly DateOnly Today = new(2025, 4, 10);

    [Fact]
    public void Around_LastYearToNextYear_ByKindThenDate_WithAnOlderChosenPeriodKept()
    {
        var choices = PeriodChoices.Around(Today, "2019-Q3", null, "không phải kỳ").Select(p => p.ToString()).ToList();

        Assert.Equal(3 * (12 + 4 + 2 + 1 + 1) + 1, choices.Count);
        Assert.Equal(["2024-01", "2024-02"], choices.Take(2));
        Assert.Equal("2026-12", choices[35]);
        Assert.Equal(["2019-Q3", "2024-Q1"], choices.Skip(36).Take(2));
        Assert.Equal("2026", choices[^1]);
    }

    [Fact]
    public void Started_OnlyPeriodsBegunByToday_NewestFirstWithinEachKind_AndAnOldLinksPeriod()
    {
        var choices = PeriodChoices.Started(Today, "2023-07").Select(p => p.ToString()).ToList();

        Assert.Equal(["2025-04", "2025-03"], choices.Take(2));
        Assert.Equal("2023-07", choices[16]);
        Assert.DoesNotContain("2025-05", choices);
        Assert.Contains("2025-Q2", choices);
        Assert.DoesNotContain("2025-Q3", choices);
        Assert.Equal(["2025-9M", "2024-9M", "2025", "2024"], choices.TakeLast(4));
    }
}
