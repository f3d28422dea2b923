namespace DanVan.Core.Periods;

public enum CalendarDayKind
{
    /// <summary>A public holiday or a day off given in exchange ("ngày nghỉ lễ, Tết, nghỉ bù").</summary>
    Holiday,

    /// <summary>A Saturday worked to make up for a bridged day ("ngày làm bù").</summary>
    MakeUpWorkday,
}

/// <summary>One day that differs from the Monday–Friday rule. Admins keep the list as the Government announces it.</summary>
public sealed class CalendarDay
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    public required string Name { get; set; }
}

/// <summary>
/// Vietnam's official days off for public servants (Labour Code 2019 art. 112 and the Prime Minister's yearly
/// announcements) for 2024–2026, shipped so deadlines are right on a fresh install. Weekends inside a holiday
/// period are not listed: they are not working days anyway.
/// </summary>
public static class OfficialCalendar
{
    public static IReadOnlyList<(DateOnly Date, CalendarDayKind Kind, string Name)> Days { get; } =
    [
        .. Off("Tết Dương lịch", D(2024, 1, 1)),
        .. Off("Tết Nguyên đán Giáp Thìn", D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13), D(2024, 2, 14)),
        .. Off("Giỗ Tổ Hùng Vương", D(2024, 4, 18)),
        .. Off("Nghỉ bù (làm bù thứ Bảy 04/5/2024)", D(2024, 4, 29)),
        .. Off("Ngày Chiến thắng", D(2024, 4, 30)),
        .. Off("Ngày Quốc tế Lao động", D(2024, 5, 1)),
        (D(2024, 5, 4), CalendarDayKind.MakeUpWorkday, "Làm bù cho ngày 29/4/2024"),
        .. Off("Quốc khánh", D(2024, 9, 2), D(2024, 9, 3)),

        .. Off("Tết Dương lịch", D(2025, 1, 1)),
        .. Off("Tết Nguyên đán Ất Tỵ", D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31)),
        .. Off("Giỗ Tổ Hùng Vương", D(2025, 4, 7)),
        .. Off("Ngày Chiến thắng", D(2025, 4, 30)),
        .. Off("Ngày Quốc tế Lao động", D(2025, 5, 1)),
        .. Off("Nghỉ bù (làm bù thứ Bảy 26/4/2025)", D(2025, 5, 2)),
        (D(2025, 4, 26), CalendarDayKind.MakeUpWorkday, "Làm bù cho ngày 02/5/2025"),
        .. Off("Quốc khánh", D(2025, 9, 1), D(2025, 9, 2)),

        .. Off("Tết Dương lịch", D(2026, 1, 1)),
        .. Off("Tết Nguyên đán Bính Ngọ", D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)),
        .. Off("Giỗ Tổ Hùng Vương (nghỉ bù, 26/4 là Chủ nhật)", D(2026, 4, 27)),
        .. Off("Ngày Chiến thắng", D(2026, 4, 30)),
        .. Off("Ngày Quốc tế Lao động", D(2026, 5, 1)),
        .. Off("Quốc khánh", D(2026, 9, 1), D(2026, 9, 2)),
    ];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static IEnumerable<(DateOnly, CalendarDayKind, string)> Off(string name, params DateOnly[] days) =>
        days.Select(d => (d, CalendarDayKind.Holiday, name));
}
