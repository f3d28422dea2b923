using DanVan.Core.Access;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Audit;

/// <summary>The tables of log-in sessions, the audit trail and the shared Data Protection keys.</summary>
internal static class SecurityModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<UserSession>(e =>
        {
            e.ToTable("UserSessions");
            e.Property(s => s.Id).HasMaxLength(32);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(s => s.Address).HasMaxLength(45);
            e.Property(s => s.Device).HasMaxLength(UserSession.MaxDeviceLength);
            e.HasIndex(s => s.UserId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEvent>(e =>
        {
            e.ToTable("AuditEvents");
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Target).HasMaxLength(300);
            e.Property(a => a.Address).HasMaxLength(45);
            e.Property(a => a.Detail).HasMaxLength(AuditEvent.MaxTextLength);
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.UserName);
            e.HasIndex(a => a.Kind);

            // No foreign key to the account: the trail outlives the accounts it names.
        });

        builder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));
    }
}
