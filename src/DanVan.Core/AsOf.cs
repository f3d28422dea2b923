namespace DanVan.Core;

/// <summary>
/// A view seen as of another day (the dashboard, the reports list, the unit tree with on=) is a record of that day, not
/// a desk to work at. What changes today's data — "Đôn đốc", accepting, starting or consolidating a report, setting a
/// deadline, importing, adding, reorganising or editing units — is offered on today's view only, and a change sent with
/// another day (a page's form or an API call carrying on=) is refused, so nobody acts believing it applies to the day
/// on the screen. Reading (exports, charts, a report) stays open.
/// </summary>
public static class AsOf
{
    /// <summary>The day shown when it is not today (Vietnam time); null for today's view, which on=today is too.</summary>
    public static DateOnly? OtherDay(DateOnly? on, TimeProvider clock) => on is { } day && day != VietnamTime.Today(clock) ? day : null;

    /// <summary>Refuses a change made from the view of another day.</summary>
    public static void RequireToday(DateOnly? on, TimeProvider clock)
    {
        if (OtherDay(on, clock) is { } day)
        {
            var shown = VietnamTime.FormatDate(day);
            throw new DomainException("", $"Đang xem theo ngày {shown}: thao tác này thay đổi số liệu hôm nay. Về xem đến hôm nay rồi thực hiện.")
            {
                English = $"You are viewing as of {shown}: this action changes today's data. Go back to today's view and do it there.",
            };
        }
    }
}
