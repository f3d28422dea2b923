using System.Collections.Concurrent;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DanVan.Core.Reminders;

/// <summary>What one pass did; the e-mails are queued with the reminders and sent by <see cref="MailOutbox"/>.</summary>
public sealed record ReminderSummary(bool Skipped, int Units, int Notifications, int EmailsQueued)
{
    public static ReminderSummary AnotherPassRunning { get; } = new(true, 0, 0, 0);
}

/// <summary>
/// Reminds units that have not sent a plan's report: a few days before the deadline and after it. Each reminder is
/// claimed by inserting its <see cref="ReminderSent"/> row together with the notifications, so a unit is reminded
/// once per deadline whatever runs the pass, how often, and on how many app instances.
/// </summary>
public sealed class ReminderService(
    DanVanDbContext db,
    PlanService plans,
    CalendarService calendar,
    NotificationService notifications,
    TimeProvider clock,
    ILogger<ReminderService> log)
{
    /// <summary>PostgreSQL advisory lock key of the reminder pass (any constant no other feature uses).</summary>
    internal const long PassLockKey = 0x44_56_52_45_4D_49_4E_44;

    /// <summary>Enough periods back to cover the longest overdue window (a monthly plan locking a year after the deadline).</summary>
    private const int PeriodsLookedAt = 15;

    /// <summary>SQLite has no advisory locks; one process serves a file, so a gate per database in the process is enough there.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    private static readonly ReportStatus[] Sent = [ReportStatus.Submitted, ReportStatus.Accepted];

    private sealed record Claim(int Notified, int Emailed);

    /// <summary>
    /// One pass for <paramref name="today"/> (a Vietnamese date). Returns <see cref="ReminderSummary.AnotherPassRunning"/>
    /// at once when another pass holds the lock.
    /// </summary>
    public async Task<ReminderSummary> RunAsync(DateOnly today, CancellationToken ct = default)
    {
        var postgres = db.Database.IsNpgsql();
        var gate = postgres ? null : SqliteGates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        if (gate is not null && !await gate.WaitAsync(0, ct))
        {
            return ReminderSummary.AnotherPassRunning;
        }

        try
        {
            List<Claim> claims;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                // Transaction-scoped, so a crashed instance cannot leave it held.
                if (postgres && !(await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({PassLockKey}) AS \"Value\"").ToListAsync(ct))[0])
                {
                    return ReminderSummary.AnotherPassRunning;
                }

                claims = await ClaimDueAsync(today, ct);
                await transaction.CommitAsync(ct);
            }

            var summary = new ReminderSummary(false, claims.Count, claims.Sum(c => c.Notified), claims.Sum(c => c.Emailed));
            if (summary.Units > 0)
            {
                log.LogInformation("Reminder pass for {Today}: {Units} units reminded, {Notifications} notifications, {Emails} e-mails queued",
                    VietnamTime.FormatDate(today), summary.Units, summary.Notifications, summary.EmailsQueued);
            }

            return summary;
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task<List<Claim>> ClaimDueAsync(DateOnly today, CancellationToken ct)
    {
        var cal = await calendar.LoadAsync(ct);
        var all = await db.Plans.AsNoTracking().Include(p => p.Units).OrderBy(p => p.Id).ToListAsync(ct);
        var claims = new List<Claim>();
        foreach (var plan in all)
        {
            try
            {
                foreach (var schedule in PlanSchedule.Recent(plan, today, cal, PeriodsLookedAt))
                {
                    if (ReminderRules.Due(schedule, plan.RemindDaysBefore, today) is { } kind)
                    {
                        claims.AddRange(await ClaimAsync(plan, schedule, kind, today, ct));
                    }
                }
            }
            catch (Exception ex) when (ex is DomainException or ArgumentException or FormatException or InvalidOperationException)
            {
                // One plan with bad settings must not keep every other unit from being reminded.
                log.LogError(ex, "Reminders for plan {PlanId} ({Number}) skipped: {Reason}", plan.Id, plan.Number, ex.Message);
            }
        }

        return claims;
    }

    private async Task<List<Claim>> ClaimAsync(Plan plan, PlanSchedule schedule, ReminderKind kind, DateOnly today, CancellationToken ct)
    {
        var code = schedule.Period.ToString();
        var reminded = await db.RemindersSent.Where(r => r.PlanId == plan.Id && r.Period == code && r.Kind == kind).Select(r => r.UnitId).ToListAsync(ct);
        var pending = (await NotSentAsync(plan, schedule.Period, ct)).Except(reminded).Order().ToList();
        if (pending.Count == 0)
        {
            return [];
        }

        var recipients = (await notifications.InRolesAsync(pending, [Roles.Staff, Roles.Leader], ct)).ToLookup(r => r.UnitId);
        var now = clock.GetUtcNow().UtcDateTime;
        var text = ReminderRules.Text(plan, schedule, kind, today);
        var subject = ReminderRules.Subject(schedule, kind);
        var url = ReminderRules.Url(schedule);
        var claims = new List<Claim>();
        foreach (var unitId in pending)
        {
            var users = recipients[unitId].ToList();
            var claim = new ReminderSent { PlanId = plan.Id, UnitId = unitId, Period = code, Kind = kind, SentAt = now, Notified = users.Count };
            db.RemindersSent.Add(claim);
            notifications.Add(users, text, url);
            claim.Emailed = notifications.Mail(users, subject, text, url);
            try
            {
                // Inside the pass's transaction EF saves behind a savepoint, so a lost race undoes only this unit.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex))
            {
                log.LogInformation("Reminder {Kind} for unit {UnitId}, plan {PlanId}, {Period} already sent by another pass", kind, unitId, plan.Id, code);
                continue;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            claims.Add(new Claim(claim.Notified, claim.Emailed));
        }

        return claims;
    }

    /// <summary>
    /// "Đôn đốc": reminds now, by hand, the units of the plan's period that have not sent (bell, and e-mail when SMTP is
    /// set), whatever the scheduled reminders already did, and records it for the dashboard. Only the plan's consolidators.
    /// </summary>
    public async Task<Nudge> NudgeAsync(int planId, string period, Actor actor, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("Plan");
        if (!await plans.ManagesAsync(plan, actor, ct))
        {
            throw new ForbiddenException("Chỉ cán bộ tổng hợp của cơ quan ban hành kế hoạch được đôn đốc các đơn vị.")
            {
                English = "Only the consolidating staff of the body that issued the plan may remind the units.",
            };
        }

        var p = ReportingPeriod.ParseInput(period, nameof(period), clock);
        if (!plan.Covers(p))
        {
            throw new DomainException(nameof(period), $"Kế hoạch {plan.Citation} không có kỳ {p.ToVietnamese()}.") { English = $"Plan {plan.Number} has no period {p}." };
        }

        var today = VietnamTime.Today(clock);
        var schedule = PlanSchedule.For(plan, p, await calendar.LoadAsync(ct));
        if (ReminderRules.NudgeRefusal(schedule, today) is { } refusal)
        {
            throw new DomainException(nameof(period), refusal.Message)
            {
                English = refusal.English,
            };
        }

        var pending = (await NotSentAsync(plan, p, ct)).Order().ToList();
        if (pending.Count == 0)
        {
            throw new DomainException(nameof(period), $"Mọi đơn vị đã gửi báo cáo {p.ToVietnamese()}; không còn đơn vị nào cần đôn đốc.") { English = "Every unit has sent; nobody to remind." };
        }

        var users = await notifications.InRolesAsync(pending, [Roles.Staff, Roles.Leader], ct);
        var text = ReminderRules.NudgeText(plan, schedule, today);
        var url = ReminderRules.Url(schedule);
        var nudge = new Nudge
        {
            PlanId = plan.Id,
            Period = p.ToString(),
            SentAt = clock.GetUtcNow().UtcDateTime,
            SentBy = actor.UserName,
            SentByFullName = actor.FullName,
            Units = pending.Count,
            Notified = users.Count,
        };
        db.Nudges.Add(nudge);
        notifications.Add(users, text, url);
        nudge.Emailed = notifications.Mail(users, ReminderRules.NudgeSubject(schedule), text, url);
        await db.SaveChangesAsync(ct);

        log.LogInformation("Nudge for plan {PlanId}, {Period} by {User}: {Units} units, {Notified} notifications, {Emails} e-mails queued", plan.Id, nudge.Period, actor.UserName, pending.Count, users.Count, nudge.Emailed);
        return nudge;
    }

    /// <summary>Whether the actor may "Đôn đốc" under the plan: its owner's consolidators, as <see cref="NudgeAsync"/> checks.</summary>
    public async Task<bool> MayNudgeAsync(int planId, Actor actor, CancellationToken ct = default) =>
        await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) is { } plan && await plans.ManagesAsync(plan, actor, ct);

    /// <summary>The latest "Đôn đốc" of the plan's period, if any.</summary>
    public Task<Nudge?> LastNudgeAsync(int planId, string period, CancellationToken ct = default) =>
        db.Nudges.AsNoTracking().Where(n => n.PlanId == planId && n.Period == period).OrderByDescending(n => n.SentAt).ThenByDescending(n => n.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The units that must report under the plan for the period and have not sent. A unit under two plans (its
    /// district's and the province's) is reminded of the one it reports under.
    /// </summary>
    private async Task<IEnumerable<int>> NotSentAsync(Plan plan, ReportingPeriod period, CancellationToken ct)
    {
        var code = period.ToString();
        var expected = await plans.ReportingUnitsAsync(plan, period, ct);
        var submitted = await db.Reports.Where(r => r.Period == code && Sent.Contains(r.Status)).Select(r => r.UnitId).ToListAsync(ct);
        return expected.Except(submitted);
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        _ => false,
    };
}
