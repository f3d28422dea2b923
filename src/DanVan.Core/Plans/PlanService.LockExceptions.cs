using DanVan.Core.Access;
using DanVan.Core.Citations;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

/// <summary>Exceptions to a period's lock, granted by the plan's consolidators to one unit.</summary>
public sealed partial class PlanService
{
    /// <summary>After the lock date, lets one unit edit and send one period's report until a date, with a reason.</summary>
    public async Task GrantExceptionAsync(int planId, int unitId, string period, DateOnly until, string reason, Actor actor, CancellationToken ct = default)
    {
        var plan = await LoadAsync(planId, ct);
        if (!await ManagesAsync(plan, actor, ct))
        {
            throw new ForbiddenException("Chỉ cán bộ tổng hợp của cơ quan ban hành kế hoạch được cho phép ngoại lệ.")
            {
                English = "Only the consolidating staff of the body that issued the plan may grant exceptions.",
            };
        }

        var p = ReportingPeriod.ParseInput(period, nameof(LockException.Period), clock);
        if (!plan.Covers(p))
        {
            throw new DomainException(nameof(LockException.Period), $"Kỳ {p.ToVietnamese()} không thuộc kế hoạch này.")
            {
                English = $"The period {p} is not one of this plan's.",
            };
        }

        if (!(await ExpectedUnitsAsync(plan, p, ct)).Contains(unitId))
        {
            throw new DomainException(nameof(LockException.UnitId), $"Đơn vị không thuộc diện báo cáo kỳ {p.ToVietnamese()} theo kế hoạch.")
            {
                English = $"The unit does not report for {p} under this plan.",
            };
        }

        var today = VietnamTime.Today(clock);
        if (until < today || until > today.AddDays(90))
        {
            throw new DomainException(nameof(LockException.Until), "Hạn của ngoại lệ phải từ hôm nay đến tối đa 90 ngày.")
            {
                English = "The exception must end between today and 90 days from now.",
            };
        }

        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > 1000)
        {
            throw new DomainException(nameof(LockException.Reason), "Nhập lý do cho phép ngoại lệ (tối đa 1.000 ký tự).")
            {
                English = "Enter why the exception is granted (at most 1,000 characters).",
            };
        }

        db.LockExceptions.Add(new LockException
        {
            PlanId = plan.Id,
            UnitId = unitId,
            Period = p.ToString(),
            Until = until,
            Reason = reason,
            GrantedBy = actor.UserName,
            GrantedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<LockException>> ExceptionsAsync(int planId, CancellationToken ct = default) =>
        await db.LockExceptions.AsNoTracking().Where(x => x.PlanId == planId).OrderByDescending(x => x.GrantedAt).ToListAsync(ct);
}
