namespace DanVan.Core.Reminders;

/// <summary>A consolidator's "Đôn đốc": a reminder sent at once, by hand, to the units of a plan's period that had not sent.</summary>
public sealed class Nudge
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public required string Period { get; set; }

    public DateTime SentAt { get; set; }

    public required string SentBy { get; set; }

    public string? SentByFullName { get; set; }

    /// <summary>How many units were reminded.</summary>
    public int Units { get; set; }

    public int Notified { get; set; }

    /// <summary>E-mails put in the outbox with it (sent by <see cref="MailOutbox"/>).</summary>
    public int Emailed { get; set; }
}
