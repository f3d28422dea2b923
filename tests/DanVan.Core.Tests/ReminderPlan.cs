using DanVan.Core.Periods;
using DanVan.Core.Plans;

namespace DanVan.Tests;

/// <summary>
/// Plan 42/KH-UBND for quarter I/2025 only: units send by 20/03/2025, are reminded 3 days before, reports lock 10
/// days after. Shared by the Core and Web reminder tests.
/// </summary>
public static class ReminderPlan
{
    public static PlanInput Quarter1Of2025() => new()
    {
        Number = "42/KH-UBND",
        IssuedOn = new DateOnly(2025, 1, 10),
        Summary = "Báo cáo công tác dân vận chính quyền năm 2025",
        PeriodType = PeriodType.Quarter,
        FirstPeriod = "2025-Q1",
        LastPeriod = "2025-Q1",
        UnitDeadlineKind = DeadlineKind.DayOfMonth,
        UnitDeadlineValue = 20,
        OwnerDeadlineKind = DeadlineKind.DayOfMonth,
        OwnerDeadlineValue = 25,
        LockAfterDays = 10,
        RemindDaysBefore = 3,
        Sections = [new PlanSectionInput("I", "Kết quả thực hiện", 1, null, true)],
    };
}
