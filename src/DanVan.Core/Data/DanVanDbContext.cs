using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Data;

public sealed class DanVanDbContext(DbContextOptions<DanVanDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<OrgUnit> Units => Set<OrgUnit>();

    public DbSet<UnitName> UnitNames => Set<UnitName>();

    public DbSet<UnitParentLink> UnitParentLinks => Set<UnitParentLink>();

    public DbSet<UnitEvent> UnitEvents => Set<UnitEvent>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportSection> ReportSections => Set<ReportSection>();

    public DbSet<ReportFigure> ReportFigures => Set<ReportFigure>();

    public DbSet<ReportTransition> ReportTransitions => Set<ReportTransition>();

    public DbSet<PeriodDeadline> PeriodDeadlines => Set<PeriodDeadline>();

    public DbSet<ReportAttachment> ReportAttachments => Set<ReportAttachment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

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
            e.HasIndex(r => new { r.UnitId, r.Period }).IsUnique();
            e.HasIndex(r => r.Period);
            e.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Sections).WithOne().HasForeignKey(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Figures).WithOne().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReportSection>(e =>
        {
            e.Property(s => s.Key).HasMaxLength(20);
            e.Property(s => s.Heading).HasMaxLength(1000);
            e.Property(s => s.UpdatedBy).HasMaxLength(256);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => new { s.ReportId, s.Key }).IsUnique();
        });

        builder.Entity<ReportFigure>(e =>
        {
            e.Property(f => f.Name).HasMaxLength(300);
            e.Property(f => f.UnitOfMeasure).HasMaxLength(50);
            e.Property(f => f.Value).HasPrecision(18, 4);
        });

        builder.Entity<ReportTransition>(e =>
        {
            e.Property(t => t.UserName).HasMaxLength(256);
            e.Property(t => t.UserFullName).HasMaxLength(200);
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

        builder.Entity<PeriodDeadline>(e =>
        {
            e.Property(d => d.Period).HasMaxLength(10);
            e.HasIndex(d => new { d.ScopeUnitId, d.Period }).IsUnique();
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.ScopeUnitId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
