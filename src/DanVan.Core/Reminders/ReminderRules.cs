using System.Globalization;
using DanVan.Core.Plans;

namespace DanVan.Core.Reminders;

/// <summary>Which reminder a plan's period calls for on a day, and what it says. Pure, so every date is testable.</summary>
public static class ReminderRules
{
    /// <summary>
    /// How long after the deadline an overdue reminder may still go out when the job missed the day after it and the
    /// plan never locks (otherwise the lock date bounds it).
    /// </summary>
    public const int OverdueCatchUpDays = 30;

    /// <summary>
    /// The reminder due on <paramref name="today"/>: from the reminder day up to the deadline a "before deadline" one,
    /// from the day after the deadline up to the lock date an "overdue" one. A day missed by the job is caught up
    /// later in the same window; the send log keeps each to once per unit.
    /// </summary>
    public static ReminderKind? Due(PlanSchedule schedule, int remindDaysBefore, DateOnly today)
    {
        var deadline = schedule.UnitDeadline;
        if (today <= deadline)
        {
            return today >= deadline.AddDays(-remindDaysBefore) ? ReminderKind.BeforeDeadline : null;
        }

        var last = schedule.LockedAfter ?? deadline.AddDays(OverdueCatchUpDays);
        if (last <= deadline)
        {
            last = deadline.AddDays(1);
        }

        return today <= last ? ReminderKind.Overdue : null;
    }

    /// <summary>"Nhắc hạn: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (còn 3 ngày)."</summary>
    public static string Text(Plan plan, PlanSchedule schedule, ReminderKind kind, DateOnly today)
    {
        var deadline = schedule.UnitDeadline;
        var what = $"Báo cáo {schedule.Period.ToVietnamese()} theo Kế hoạch số {plan.Number} hạn gửi {deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        var days = Math.Abs(deadline.DayNumber - today.DayNumber);
        return kind == ReminderKind.BeforeDeadline
            ? days == 0 ? $"Nhắc hạn: {what} (hạn là hôm nay)." : $"Nhắc hạn: {what} (còn {days} ngày)."
            : $"Quá hạn: {what}, đơn vị chưa gửi (quá hạn {days} ngày).";
    }

    /// <summary>The e-mail subject: "Nhắc hạn gửi báo cáo quý I năm 2025" or "Quá hạn gửi báo cáo quý I năm 2025".</summary>
    public static string Subject(PlanSchedule schedule, ReminderKind kind) =>
        $"{(kind == ReminderKind.BeforeDeadline ? "Nhắc hạn" : "Quá hạn")} gửi báo cáo {schedule.Period.ToVietnamese()}";

    /// <summary>
    /// Why "Đôn đốc" makes no sense for the period today, or null: it has not begun, or its lock date has passed and a
    /// unit could no longer send.
    /// </summary>
    public static Refusal? NudgeRefusal(PlanSchedule schedule, DateOnly today) =>
        !schedule.IsOpen(today)
            ? new($"Kỳ {schedule.Period.ToVietnamese()} chưa bắt đầu nên chưa đôn đốc được.", $"The period {schedule.Period} has not begun, so there is nothing to remind of yet.")
            : schedule.LockedAfter is { } locked && today > locked
                ? new(
                    $"Kỳ {schedule.Period.ToVietnamese()} đã khoá sổ sau ngày {locked.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}; đơn vị không gửi được nữa nên không đôn đốc.",
                    $"The period {schedule.Period} locked after {locked.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}; units can no longer send, so no reminder is sent.")
                : null;

    /// <summary>"Đôn đốc: Báo cáo quý I năm 2025 theo Kế hoạch số 42/KH-UBND hạn gửi 20/03/2025 (còn 3 ngày)." — the scheduled wording, said now.</summary>
    public static string NudgeText(Plan plan, PlanSchedule schedule, DateOnly today)
    {
        var text = Text(plan, schedule, today <= schedule.UnitDeadline ? ReminderKind.BeforeDeadline : ReminderKind.Overdue, today);
        return "Đôn đốc: " + text[(text.IndexOf(": ", StringComparison.Ordinal) + 2)..];
    }

    public static string NudgeSubject(PlanSchedule schedule) => $"Đôn đốc gửi báo cáo {schedule.Period.ToVietnamese()}";

    /// <summary>Where the reminder leads: the unit's reports for that period.</summary>
    public static string Url(PlanSchedule schedule) => $"/reports?Period={schedule.Period}";
}
