using DanVan.Core;
using DanVan.Core.Periods;

namespace DanVan.Tests;

public sealed class ReportingPeriodTests
{
    [Theory]
    [InlineData("2024-07", PeriodType.Month, 2024, 7, "2024-07")]
    [InlineData("2024-7", PeriodType.Month, 2024, 7, "2024-07")]
    [InlineData("2025-Q1", PeriodType.Quarter, 2025, 1, "2025-Q1")]
    [InlineData("2025-q4", PeriodType.Quarter, 2025, 4, "2025-Q4")]
    [InlineData("2025-H1", PeriodType.Half, 2025, 1, "2025-H1")]
    [InlineData("2025-h2", PeriodType.Half, 2025, 2, "2025-H2")]
    [InlineData("2025-9M", PeriodType.NineMonths, 2025, 1, "2025-9M")]
    [InlineData(" 2025 ", PeriodType.Year, 2025, 1, "2025")]
    public void Parse_KnownNotation_GivesCanonicalPeriod(string text, PeriodType type, int year, int index, string canonical)
    {
        var period = ReportingPeriod.Parse(text);

        Assert.Equal(type, period.Type);
        Assert.Equal(year, period.Year);
        Assert.Equal(index, period.Index);
        Assert.Equal(canonical, period.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("2025-Q5")]
    [InlineData("2025-H3")]
    [InlineData("2025-8M")]
    [InlineData("25-Q1")]
    [InlineData("Q1-2025")]
    [InlineData("2025-Q1; DROP TABLE")]
    [InlineData("1800")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(ReportingPeriod.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ReportingPeriod.Parse(text));
    }

    [Theory]
    [InlineData("1900-01")]
    [InlineData("1900-Q1")]
    [InlineData("1900")]
    [InlineData("1999-12")]
    [InlineData("2037-01")]
    [InlineData("2100-01")]
    [InlineData("2200-12")]
    public void ParseInput_FarFromToday_RefusedWithTheAllowedYears(string text)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));

        var error = Assert.Throws<DomainException>(() => ReportingPeriod.ParseInput(text, "Period", clock));

        Assert.Equal("Period", error.Field);
        Assert.Contains("từ năm 2000 đến năm 2036", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000-01")]
    [InlineData("2026-12")]
    [InlineData("2036-Q4")]
    public void ParseInput_WithinTheAllowedYears_Accepted(string text) =>
        Assert.Equal(text, ReportingPeriod.ParseInput(text, "Period", new FixedClock(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero))).ToString());

    [Theory]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2025-02", "2025-02-01", "2025-02-28")]
    [InlineData("2025-Q1", "2025-01-01", "2025-03-31")]
    [InlineData("2025-Q4", "2025-10-01", "2025-12-31")]
    [InlineData("2025-H2", "2025-07-01", "2025-12-31")]
    [InlineData("2025-9M", "2025-01-01", "2025-09-30")]
    [InlineData("2025", "2025-01-01", "2025-12-31")]
    public void CalendarWindow_EveryType_FirstToLastDay(string period, string start, string end)
    {
        var (s, e) = ReportingPeriod.Parse(period).CalendarWindow();

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), s);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), e);
    }

    [Theory]
    [InlineData("2024-12", "2025-01")]
    [InlineData("2025-Q4", "2026-Q1")]
    [InlineData("2025-H1", "2025-H2")]
    [InlineData("2025", "2026")]
    public void Next_CrossesYearBoundary(string period, string next) =>
        Assert.Equal(next, ReportingPeriod.Parse(period).Next().ToString());

    [Theory]
    [InlineData("2024-07", "tháng 7 năm 2024")]
    [InlineData("2025-Q1", "quý I năm 2025")]
    [InlineData("2025-H1", "6 tháng đầu năm 2025")]
    [InlineData("2025-9M", "9 tháng năm 2025")]
    [InlineData("2025", "năm 2025")]
    public void ToVietnamese_ReadsAsInReports(string period, string vietnamese) =>
        Assert.Equal(vietnamese, ReportingPeriod.Parse(period).ToVietnamese());

    [Fact]
    public void CompareTo_OrdersByEndThenType()
    {
        var sorted = new[] { "2025", "2025-Q1", "2024-12", "2025-03" }.Select(ReportingPeriod.Parse).Order().Select(p => p.ToString());

        Assert.Equal(["2024-12", "2025-03", "2025-Q1", "2025"], sorted);
    }
}
