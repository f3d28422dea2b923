using DanVan.Core.Access;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Periods;

/// <summary>The admin-edited list of holidays and make-up working days behind every deadline.</summary>
public sealed class CalendarService(DanVanDbContext db)
{
    public async Task<WorkingCalendar> LoadAsync(CancellationToken ct = default) =>
        WorkingCalendar.From(await db.CalendarDays.AsNoTracking().ToListAsync(ct));

    public async Task<IReadOnlyList<CalendarDay>> ListAsync(int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(ct);
    }

    public async Task AddAsync(DateOnly date, CalendarDayKind kind, string name, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new DomainException(nameof(CalendarDay.Name), "Nhập tên ngày nghỉ hoặc lý do làm bù (tối đa 200 ký tự).")
            {
                English = "Enter the holiday's name or the reason for the make-up working day (at most 200 characters).",
            };
        }

        if (kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            throw new DomainException(nameof(CalendarDay.Date), $"Ngày {date:dd/MM/yyyy} vốn là ngày làm việc; ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")
            {
                English = $"{date:dd/MM/yyyy} is a working day already; a make-up working day must be a Saturday or Sunday.",
            };
        }

        if (await db.CalendarDays.AnyAsync(d => d.Date == date, ct))
        {
            throw new DomainException(nameof(CalendarDay.Date), $"Ngày {date:dd/MM/yyyy} đã có trong lịch. Xoá dòng cũ trước nếu muốn sửa.")
            {
                English = $"{date:dd/MM/yyyy} is in the calendar already. Delete the old row first to change it.",
            };
        }

        db.CalendarDays.Add(new CalendarDay { Date = date, Kind = kind, Name = name });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException(nameof(CalendarDay.Date), $"Ngày {date:dd/MM/yyyy} vừa được người khác thêm vào lịch.")
            {
                English = $"{date:dd/MM/yyyy} has just been added to the calendar by someone else.",
            };
        }
    }

    public async Task RemoveAsync(int id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        // Through the change tracker, not a bulk delete: the save then tells cached dashboards their deadlines moved.
        if (await db.CalendarDays.FindAsync([id], ct) is { } day)
        {
            db.CalendarDays.Remove(day);
            await db.SaveChangesAsync(ct);
        }
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ quản trị hệ thống được sửa lịch ngày nghỉ.")
            {
                English = "Only an administrator may change the holiday calendar.",
            };
        }
    }
}
