using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DanVan.Core.Periods;

/// <summary>Decree 09 data cut-off windows (15th → 14th) or calendar windows (1st → last day), chosen per plan.</summary>
public enum PeriodSemantics
{
    Decree09,
    Calendar,
}

public enum PeriodType
{
    Month,
    Quarter,
    Half,
    NineMonths,
    Year,
}

/// <summary>
/// A reporting period in the notation used everywhere in DanVan: <c>2024-07</c>, <c>2025-Q1</c>,
/// <c>2025-H1</c>, <c>2025-9M</c>, <c>2025</c>.
/// </summary>
public readonly partial record struct ReportingPeriod : IComparable<ReportingPeriod>
{
    private ReportingPeriod(PeriodType type, int year, int index)
    {
        Type = type;
        Year = year;
        Index = index;
    }

    public PeriodType Type { get; }

    public int Year { get; }

    /// <summary>Month 1–12, quarter 1–4, half 1–2; 1 for nine months and year.</summary>
    public int Index { get; }

    public static ReportingPeriod Month(int year, int month) => Create(PeriodType.Month, year, month);

    public static ReportingPeriod Quarter(int year, int quarter) => Create(PeriodType.Quarter, year, quarter);

    public static ReportingPeriod Half(int year, int half) => Create(PeriodType.Half, year, half);

    public static ReportingPeriod NineMonths(int year) => Create(PeriodType.NineMonths, year, 1);

    public static ReportingPeriod FullYear(int year) => Create(PeriodType.Year, year, 1);

    public static ReportingPeriod Create(PeriodType type, int year, int index)
    {
        if (year is < 1900 or > 2200)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 1900 and 2200.");
        }

        var max = type switch
        {
            PeriodType.Month => 12,
            PeriodType.Quarter => 4,
            PeriodType.Half => 2,
            _ => 1,
        };
        if (index < 1 || index > max)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index for {type} must be 1..{max}.");
        }

        return new ReportingPeriod(type, year, index);
    }

    public static ReportingPeriod Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a reporting period (expected 2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025).");

    /// <summary>The earliest year a period may be typed for: DanVan holds no reports from before electronic filing.</summary>
    public const int EarliestYear = 2000;

    /// <summary>How far ahead a period may be typed: a five-year programme plus its follow-up fits.</summary>
    public const int MaxYearsAhead = 10;

    /// <summary>
    /// A period a user typed into <paramref name="field"/> (page, API, CLI or import), or the form error that tells them
    /// how to write it. Years before <see cref="EarliestYear"/> or more than <see cref="MaxYearsAhead"/> years after
    /// today are refused as typing mistakes (1900-01, 2200-12) rather than carried into deadlines and history.
    /// </summary>
    public static ReportingPeriod ParseInput(string? text, string field, TimeProvider clock)
    {
        if (!TryParse(text, out var period))
        {
            throw new DomainException(field, "Chọn kỳ báo cáo theo dạng 2024-07, 2025-Q1, 2025-H1, 2025-9M hoặc 2025.")
            {
                English = $"'{text}' is not a reporting period; write 2024-07, 2025-Q1, 2025-H1, 2025-9M or 2025.",
            };
        }

        var latest = VietnamTime.Today(clock).Year + MaxYearsAhead;
        if (period.Year < EarliestYear || period.Year > latest)
        {
            throw new DomainException(field, $"Kỳ {period} nằm ngoài khoảng cho phép: chọn kỳ từ năm {EarliestYear} đến năm {latest}.")
            {
                English = $"The period {period} is out of range; choose a period from {EarliestYear} to {latest}.",
            };
        }

        return period;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out ReportingPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2200)
        {
            return false;
        }

        var rest = match.Groups["rest"].Value.ToUpperInvariant();
        (PeriodType type, int index) parsed = rest switch
        {
            "" => (PeriodType.Year, 1),
            "9M" => (PeriodType.NineMonths, 1),
            ['Q', var q] => (PeriodType.Quarter, q - '0'),
            ['H', var h] => (PeriodType.Half, h - '0'),
            _ => (PeriodType.Month, int.Parse(rest, CultureInfo.InvariantCulture)),
        };

        try
        {
            period = Create(parsed.type, year, parsed.index);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The canonical code, e.g. <c>2024-07</c>; this is what is stored in the database.</summary>
    public override string ToString() => Type switch
    {
        PeriodType.Month => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Index:00}"),
        PeriodType.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Index}"),
        PeriodType.Half => string.Create(CultureInfo.InvariantCulture, $"{Year}-H{Index}"),
        PeriodType.NineMonths => string.Create(CultureInfo.InvariantCulture, $"{Year}-9M"),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// How Vietnamese reports name the period, in words: "tháng 7 năm 2024", "quý I năm 2025", "6 tháng đầu năm 2025";
    /// January and February with a leading zero ("tháng 01 năm 2026"), as Decree 30/2020 writes them in dates.
    /// </summary>
    public string ToVietnamese() => Type switch
    {
        PeriodType.Month => string.Create(CultureInfo.InvariantCulture, $"tháng {(Index < 3 ? "0" : "")}{Index} năm {Year}"),
        PeriodType.Quarter => $"quý {Roman(Index)} năm {Year}",
        PeriodType.Half when Index == 1 => string.Create(CultureInfo.InvariantCulture, $"6 tháng đầu năm {Year}"),
        PeriodType.Half => string.Create(CultureInfo.InvariantCulture, $"6 tháng cuối năm {Year}"),
        PeriodType.NineMonths => string.Create(CultureInfo.InvariantCulture, $"9 tháng năm {Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"năm {Year}"),
    };

    /// <summary>First and last day covered, calendar semantics (1st → last day).</summary>
    public (DateOnly Start, DateOnly End) CalendarWindow()
    {
        var (firstMonth, lastMonth) = Type switch
        {
            PeriodType.Month => (Index, Index),
            PeriodType.Quarter => ((Index * 3) - 2, Index * 3),
            PeriodType.Half => ((Index * 6) - 5, Index * 6),
            PeriodType.NineMonths => (1, 9),
            _ => (1, 12),
        };
        return (new DateOnly(Year, firstMonth, 1), new DateOnly(Year, lastMonth, DateTime.DaysInMonth(Year, lastMonth)));
    }

    /// <summary>
    /// The data window under Decree 09/2019/NĐ-CP art. 12: from the 15th of the month before the period's first month
    /// to the 14th of its last month (H2 runs 15/6 → 14/12); calendar semantics give the 1st → last day instead.
    /// </summary>
    public (DateOnly Start, DateOnly End) Window(PeriodSemantics semantics)
    {
        if (semantics == PeriodSemantics.Calendar)
        {
            return CalendarWindow();
        }

        var (calendarStart, calendarEnd) = CalendarWindow();
        return (calendarStart.AddMonths(-1).AddDays(14), new DateOnly(calendarEnd.Year, calendarEnd.Month, 14));
    }

    /// <summary>The periods that follow each other in the same series (used for "kỳ tới").</summary>
    public ReportingPeriod Next() => Type switch
    {
        PeriodType.Month => Index == 12 ? Month(Year + 1, 1) : Month(Year, Index + 1),
        PeriodType.Quarter => Index == 4 ? Quarter(Year + 1, 1) : Quarter(Year, Index + 1),
        PeriodType.Half => Index == 2 ? Half(Year + 1, 1) : Half(Year, Index + 1),
        PeriodType.NineMonths => NineMonths(Year + 1),
        _ => FullYear(Year + 1),
    };

    public ReportingPeriod Previous() => Type switch
    {
        PeriodType.Month => Index == 1 ? Month(Year - 1, 12) : Month(Year, Index - 1),
        PeriodType.Quarter => Index == 1 ? Quarter(Year - 1, 4) : Quarter(Year, Index - 1),
        PeriodType.Half => Index == 1 ? Half(Year - 1, 2) : Half(Year, Index - 1),
        PeriodType.NineMonths => NineMonths(Year - 1),
        _ => FullYear(Year - 1),
    };

    public int CompareTo(ReportingPeriod other)
    {
        var byEnd = CalendarWindow().End.CompareTo(other.CalendarWindow().End);
        return byEnd != 0 ? byEnd : Type.CompareTo(other.Type);
    }

    public static bool operator <(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) < 0;

    public static bool operator >(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) >= 0;

    internal static string Roman(int n) => n switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<year>\d{4})(?:-(?<rest>0?[1-9]|1[0-2]|[Qq][1-4]|[Hh][12]|9[Mm]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
