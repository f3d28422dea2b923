namespace DanVan.Core;

/// <summary>Deadlines and document dates are Vietnamese calendar days (UTC+7), whatever the server's zone.</summary>
public static class VietnamTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));
}
