using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DanVan.Tests;

/// <summary>
/// A province with its Sở Nội vụ and two communes reporting under <see cref="ReminderPlan.Quarter1Of2025"/>: units send by
/// 20/03/2025, are reminded 3 days before, and reports lock 10 days after the deadline. Each test gets its own database.
/// </summary>
public sealed class ReminderScenario : IAsyncLifetime
{
    public static readonly DateOnly Deadline = new(2025, 3, 20);

    public CoreFixture Core { get; } = new();

    public int Snv { get; private set; }

    public int Commune { get; private set; }

    public int OtherCommune { get; private set; }

    public int PlanId { get; private set; }

    public async Task InitializeAsync()
    {
        await Core.InitializeAsync();
        var province = await Core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        Snv = await Core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        Commune = await Core.AddUnitAsync(CoreFixture.Code("TRATAN"), province);
        OtherCommune = await Core.AddUnitAsync(CoreFixture.Code("TRATHUY"), province);
        PlanId = await Core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            ReminderPlan.Quarter1Of2025(),
            CoreFixture.As(Snv, Roles.Consolidator)));
    }

    public Task DisposeAsync() => Core.DisposeAsync();

    /// <summary>A user of the unit, optionally with an e-mail address, locked out or disabled; returns the user's id.</summary>
    public Task<string> AddUserAsync(string userName, int unitId, string role, string? email = null, bool lockedOut = false, bool disabled = false) =>
        Core.RunAsync(async sp =>
        {
            var id = await sp.GetRequiredService<UserAdminService>().CreateAsync(
                new CreateUser { UserName = userName, FullName = userName, UnitId = unitId, Role = role, Password = CoreFixture.Password },
                CoreFixture.Admin);
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id))!;
            if (email is not null)
            {
                await users.SetEmailAsync(user, email);
            }

            if (lockedOut)
            {
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(100));
            }

            if (disabled)
            {
                await sp.GetRequiredService<UserAdminService>().DisableAsync(id, CoreFixture.Admin);
            }

            return id;
        });

    public async Task AddReportAsync(int unitId, ReportStatus status)
    {
        await using var db = Core.Database.NewContext();
        db.Reports.Add(new Report { UnitId = unitId, Period = "2025-Q1", Title = "Báo cáo quý I năm 2025", Status = status, PlanId = PlanId });
        await db.SaveChangesAsync();
    }

    /// <summary>One pass in its own scope, as the background job runs it; with <paramref name="smtp"/> its e-mails are queued.</summary>
    public Task<ReminderSummary> RunAsync(DateOnly today, SmtpSettings? smtp = null) =>
        Core.RunAsync(sp => (smtp is null
                ? sp.GetRequiredService<ReminderService>()
                : ActivatorUtilities.CreateInstance<ReminderService>(sp, ActivatorUtilities.CreateInstance<NotificationService>(sp, smtp)))
            .RunAsync(today));

    /// <summary>Sends the outbox through <paramref name="smtp"/> as the web app's outbox job does.</summary>
    public Task<OutboxPass> SendMailAsync(SmtpSettings smtp) => SendMailAsync(Core, smtp);

    public static Task<OutboxPass> SendMailAsync(CoreFixture core, SmtpSettings smtp, string instance = "test") =>
        core.RunAsync(sp => ActivatorUtilities.CreateInstance<MailOutbox>(sp, new MailSender(smtp, NullLogger<MailSender>.Instance)).SendAllDueAsync(instance));

    public static SmtpSettings Smtp(int port) => new() { Host = "127.0.0.1", Port = port, From = "DanVan Sở Nội vụ <danvan@snv.lamdong.gov.vn>", UseTls = false };

    public async Task<List<Notification>> NotificationsAsync(string userId)
    {
        await using var db = Core.Database.NewContext();
        return await db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync();
    }

    public async Task<List<ReminderSent>> SentAsync()
    {
        await using var db = Core.Database.NewContext();
        return await db.RemindersSent.Where(r => r.PlanId == PlanId).OrderBy(r => r.UnitId).ThenBy(r => r.Kind).ToListAsync();
    }
}
