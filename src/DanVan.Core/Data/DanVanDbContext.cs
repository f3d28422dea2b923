using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reminders;
using DanVan.Core.Reports;
using DanVan.Core.Search;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Data;

public sealed class DanVanDbContext(DbContextOptions<DanVanDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<Audit.AuditEvent> AuditEvents => Set<Audit.AuditEvent>();

    /// <summary>Cookie and token signing keys when they live in the database (PostgreSQL: every instance shares them).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrgUnit> Units => Set<OrgUnit>();

    public DbSet<UnitName> UnitNames => Set<UnitName>();

    public DbSet<UnitParentLink> UnitParentLinks => Set<UnitParentLink>();

    public DbSet<UnitEvent> UnitEvents => Set<UnitEvent>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportSection> ReportSections => Set<ReportSection>();

    public DbSet<ReportFigure> ReportFigures => Set<ReportFigure>();

    public DbSet<ReportTransition> ReportTransitions => Set<ReportTransition>();

    public DbSet<SectionRevision> SectionRevisions => Set<SectionRevision>();

    public DbSet<PeriodDeadline> PeriodDeadlines => Set<PeriodDeadline>();

    public DbSet<ReportAttachment> ReportAttachments => Set<ReportAttachment>();

    /// <summary>Word files uploaded for import, between preview and confirmation (any instance may confirm).</summary>
    public DbSet<Import.StagedUpload> StagedUploads => Set<Import.StagedUpload>();

    public DbSet<CarryForwardItem> CarryForwardItems => Set<CarryForwardItem>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<Citations.LegalDocumentEntry> LegalDocuments => Set<Citations.LegalDocumentEntry>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanSection> PlanSections => Set<PlanSection>();

    public DbSet<PlanFigure> PlanFigures => Set<PlanFigure>();

    public DbSet<PlanRule> PlanRules => Set<PlanRule>();

    public DbSet<PlanUnit> PlanUnits => Set<PlanUnit>();

    public DbSet<LockException> LockExceptions => Set<LockException>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();

    public DbSet<Nudge> Nudges => Set<Nudge>();

    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();

    public DbSet<SectionComment> SectionComments => Set<SectionComment>();

    public DbSet<Decree30.DocumentCounter> DocumentCounters => Set<Decree30.DocumentCounter>();

    public DbSet<Consolidation.ConsolidationDraft> ConsolidationDrafts => Set<Consolidation.ConsolidationDraft>();

    public DbSet<SectionSearch> SectionSearch => Set<SectionSearch>();

    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    /// <summary>
    /// Every save also writes the search index rows of the sections it touches (same transaction), and a save that
    /// changes what the completeness dashboard is built from a new <see cref="DataVersion"/> with it.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Audit.AuditLog.RefuseChanges(ChangeTracker);
        SearchIndexer.PrepareAsync(this, async: false, CancellationToken.None).GetAwaiter().GetResult();
        if (!Consolidation.CompletenessCache.IsChangedBy(ChangeTracker))
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        VersionRow(DataVersion.Completeness).ExecuteUpdate(s => s.SetProperty(v => v.Value, DataVersion.Next()));
        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Audit.AuditLog.RefuseChanges(ChangeTracker);
        await SearchIndexer.PrepareAsync(this, async: true, cancellationToken);
        if (!Consolidation.CompletenessCache.IsChangedBy(ChangeTracker))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await VersionRow(DataVersion.Completeness).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, DataVersion.Next()), cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// The version row, written last in the save's transaction: its row lock is held until the commit, so saves replace
    /// it in the order they commit and a reader who sees a version also sees every change made before it.
    /// </summary>
    private IQueryable<DataVersion> VersionRow(string name) => DataVersions.Where(v => v.Name == name);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        Audit.SecurityModel.Configure(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.FullName).HasMaxLength(200);
            e.Property(u => u.JobTitle).HasMaxLength(200);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OrgUnit>(e =>
        {
            e.Property(u => u.Code).HasMaxLength(50);
            e.HasIndex(u => u.Code).IsUnique();
            e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(u => u.PlaceName).HasMaxLength(200);
            e.HasOne(u => u.ConsolidatesFor).WithMany().HasForeignKey(u => u.ConsolidatesForId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(u => u.Names).WithOne().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(u => u.ParentLinks).WithOne().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<UnitName>(e =>
        {
            e.Property(n => n.Name).HasMaxLength(300);
            e.HasIndex(n => new { n.UnitId, n.ValidFrom }).IsUnique();
        });

        builder.Entity<UnitParentLink>(e =>
        {
            e.HasOne(l => l.Parent).WithMany().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(l => new { l.UnitId, l.ValidFrom }).IsUnique();
            e.HasIndex(l => l.ParentId);
        });

        builder.Entity<UnitEvent>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.LegalBasis).HasMaxLength(500);
            e.Property(x => x.Share).HasPrecision(7, 6);
            e.Property(x => x.RecordedBy).HasMaxLength(256);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.RelatedUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Report>(e =>
        {
            e.Property(r => r.Period).HasMaxLength(10);
            e.Property(r => r.Title).HasMaxLength(1000);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Property(r => r.DocumentNumber).HasMaxLength(50);
            e.HasIndex(r => new { r.UnitId, r.Period }).IsUnique();
            e.HasIndex(r => r.Period);
            e.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Sections).WithOne().HasForeignKey(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Figures).WithOne().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.CarryForward).WithOne().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Plan).WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => r.PlanId);
        });

        builder.Entity<SectionRevision>(e =>
        {
            e.Property(r => r.Key).HasMaxLength(20);
            e.HasIndex(r => r.ReportId);
            e.HasOne<Report>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Transition).WithMany().HasForeignKey(r => r.TransitionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Decree30.DocumentCounter>(e =>
        {
            e.ToTable("DocumentCounters");
            e.HasKey(c => new { c.UnitId, c.Year });
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CarryForwardItem>(e =>
        {
            e.Property(c => c.Task).HasMaxLength(4000);
            e.Property(c => c.Note).HasMaxLength(CarryForwardItem.MaxNoteLength);
            e.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(c => c.ReportId);
        });

        builder.Entity<CalendarDay>(e =>
        {
            e.HasIndex(d => d.Date).IsUnique();
            e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Name).HasMaxLength(200);
            e.HasData(OfficialCalendar.Days.Select((d, i) => new CalendarDay { Id = i + 1, Date = d.Date, Kind = d.Kind, Name = d.Name }));
        });

        builder.Entity<Citations.LegalDocumentEntry>(e =>
        {
            e.HasIndex(d => d.Number).IsUnique();
            e.Property(d => d.Number).HasMaxLength(Citations.LegalDocumentService.MaxNumber);
            e.Property(d => d.Type).HasMaxLength(50);
            e.Property(d => d.Title).HasMaxLength(Citations.LegalDocumentService.MaxTitle);
            e.Property(d => d.Issuer).HasMaxLength(Citations.LegalDocumentService.MaxIssuer);
            e.Property(d => d.SupersededBy).HasMaxLength(Citations.LegalDocumentService.MaxNumber);
            e.Property(d => d.Source).HasMaxLength(Citations.LegalDocumentService.MaxSource);
            e.Property(d => d.ChangedBy).HasMaxLength(256);
        });

        builder.Entity<Plan>(e =>
        {
            e.Property(p => p.Number).HasMaxLength(50);
            e.Property(p => p.Summary).HasMaxLength(1000);
            e.Property(p => p.PeriodType).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Semantics).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.FirstPeriod).HasMaxLength(10);
            e.Property(p => p.LastPeriod).HasMaxLength(10);
            e.Property(p => p.Audience).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.AudienceUnitKind).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.UnitDeadlineKind).HasConversion<string>().HasMaxLength(30);
            e.Property(p => p.OwnerDeadlineKind).HasConversion<string>().HasMaxLength(30);
            e.Property(p => p.CreatedBy).HasMaxLength(256);
            e.HasOne(p => p.OwnerUnit).WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.AudienceRootId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.OwnerUnitId, p.Number, p.IssuedOn }).IsUnique();
            e.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Sections).WithOne().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Figures).WithOne().HasForeignKey(f => f.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Rules).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(p => p.First);
            e.Ignore(p => p.Last);
        });

        builder.Entity<PlanUnit>(e =>
        {
            e.HasKey(u => new { u.PlanId, u.UnitId });
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PlanSection>(e =>
        {
            e.Property(s => s.Key).HasMaxLength(20);
            e.Property(s => s.Heading).HasMaxLength(1000);
            e.Property(s => s.Guidance).HasMaxLength(4000);
            e.HasIndex(s => new { s.PlanId, s.Key }).IsUnique();
        });

        builder.Entity<PlanFigure>(e =>
        {
            e.Property(f => f.Name).HasMaxLength(300);
            e.Property(f => f.UnitOfMeasure).HasMaxLength(50);
            e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(f => f.Rollup).HasConversion<string>().HasMaxLength(20);
            e.Property(f => f.Code).HasMaxLength(PlanIndicators.MaxCodeLength);
            e.Property(f => f.Formula).HasMaxLength(Formula.MaxLength);
            e.Property(f => f.WeightBy).HasMaxLength(PlanIndicators.MaxCodeLength);
            e.Property(f => f.Target).HasPrecision(18, 4);
            e.Ignore(f => f.IsDerived);
            e.Ignore(f => f.IsTyped);
            e.HasIndex(f => f.PlanId);
        });

        builder.Entity<PlanRule>(e =>
        {
            e.Property(r => r.Expression).HasMaxLength(Formula.MaxLength);
            e.Property(r => r.Message).HasMaxLength(500);
            e.HasIndex(r => r.PlanId);
        });

        builder.Entity<LockException>(e =>
        {
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.GrantedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.PlanId, x.UnitId, x.Period });
            e.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Notification>(e =>
        {
            e.Property(n => n.UserId).HasMaxLength(450);
            e.Property(n => n.Text).HasMaxLength(NotificationService.MaxTextLength);
            e.Property(n => n.Url).HasMaxLength(500);
            e.HasIndex(n => new { n.UserId, n.ReadAt });
            e.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReminderSent>(e =>
        {
            e.Property(r => r.Period).HasMaxLength(10);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(r => new { r.PlanId, r.UnitId, r.Period, r.Kind }).IsUnique();
            e.HasOne<Plan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Nudge>(e =>
        {
            e.Property(n => n.Period).HasMaxLength(10);
            e.Property(n => n.SentBy).HasMaxLength(256);
            e.Property(n => n.SentByFullName).HasMaxLength(200);
            e.HasIndex(n => new { n.PlanId, n.Period });
            e.HasOne<Plan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxMail>(e =>
        {
            e.Property(m => m.To).HasMaxLength(320);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.ClaimedBy).HasMaxLength(100);
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });

        builder.Entity<SectionComment>(e =>
        {
            e.Property(c => c.SectionKey).HasMaxLength(20);
            e.Property(c => c.UserName).HasMaxLength(256);
            e.Property(c => c.UserFullName).HasMaxLength(200);
            e.Property(c => c.Text).HasMaxLength(SectionComment.MaxTextLength);
            e.Property(c => c.ResolvedBy).HasMaxLength(200);
            e.HasIndex(c => new { c.ReportId, c.SectionKey });
            e.HasOne<Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SectionComment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReportSection>(e =>
        {
            e.Property(s => s.Key).HasMaxLength(20);
            e.Property(s => s.Heading).HasMaxLength(1000);
            e.Property(s => s.UpdatedBy).HasMaxLength(256);
            e.Property(s => s.Guidance).HasMaxLength(4000);
            e.HasOne<Report>().WithMany().HasForeignKey(s => s.CopiedFromReportId).OnDelete(DeleteBehavior.SetNull);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => new { s.ReportId, s.Key }).IsUnique();
        });

        builder.Entity<SectionSearch>(e =>
        {
            e.ToTable("SectionSearch");
            e.HasKey(x => x.SectionId);
            e.Property(x => x.SectionId).ValueGeneratedNever();
            e.HasOne(x => x.Section).WithOne().HasForeignKey<SectionSearch>(x => x.SectionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReportFigure>(e =>
        {
            e.Property(f => f.Name).HasMaxLength(300);
            e.Property(f => f.UnitOfMeasure).HasMaxLength(50);
            e.Property(f => f.Value).HasPrecision(18, 4);
            e.Property(f => f.TextValue).HasMaxLength(ReportFigure.MaxTextLength);
            e.HasOne<PlanFigure>().WithMany().HasForeignKey(f => f.PlanFigureId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<ReportTransition>(e =>
        {
            e.Property(t => t.UserName).HasMaxLength(256);
            e.Property(t => t.UserFullName).HasMaxLength(200);
            e.Property(t => t.UserJobTitle).HasMaxLength(200);
            e.Property(t => t.FromStatus).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.ToStatus).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.Comment).HasMaxLength(4000);
            e.HasIndex(t => t.ReportId);
        });

        builder.Entity<ReportAttachment>(e =>
        {
            e.Property(a => a.FileName).HasMaxLength(260);
            e.Property(a => a.ContentType).HasMaxLength(200);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.UploadedBy).HasMaxLength(256);
            e.HasIndex(a => a.ReportId);
            e.HasOne<Report>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Import.StagedUpload>(e =>
        {
            e.HasKey(s => s.Token);
            e.Property(s => s.Token).HasMaxLength(32);
            e.Property(s => s.UserId).HasMaxLength(450);
            e.Property(s => s.FileName).HasMaxLength(260);
            e.HasIndex(s => s.CreatedAt);
        });

        builder.Entity<Consolidation.ConsolidationDraft>(e =>
        {
            e.Property(d => d.BuiltBy).HasMaxLength(256);
            e.HasIndex(d => d.ReportId).IsUnique();
            e.HasOne(d => d.Report).WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Plans.Plan>().WithMany().HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PeriodDeadline>(e =>
        {
            e.Property(d => d.Period).HasMaxLength(10);
            e.HasIndex(d => new { d.ScopeUnitId, d.Period }).IsUnique();
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.ScopeUnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DataVersion>(e =>
        {
            e.HasKey(v => v.Name);
            e.Property(v => v.Name).HasMaxLength(50);
            e.HasData(new DataVersion { Name = DataVersion.Completeness, Value = 1 });
        });
    }
}
