namespace DanVan.Core.Reminders;

/// <summary>An in-app message for one user (the bell in the page header).</summary>
public sealed class Notification
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string Text { get; set; }

    /// <summary>Relative link to what the message is about.</summary>
    public string? Url { get; set; }

    public DateTime? ReadAt { get; set; }
}

public enum ReminderKind
{
    /// <summary>N days before the deadline.</summary>
    BeforeDeadline,

    /// <summary>The day after the deadline passed without a report.</summary>
    Overdue,
}

/// <summary>
/// Proof that a reminder went to a unit. The unique key makes sending idempotent: a second job instance, or a
/// restart mid-run, cannot remind the same unit twice for the same deadline.
/// </summary>
public sealed class ReminderSent
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int UnitId { get; set; }

    public required string Period { get; set; }

    public ReminderKind Kind { get; set; }

    public DateTime SentAt { get; set; }

    public int Notified { get; set; }

    /// <summary>E-mails put in the outbox with it (sent by <see cref="MailOutbox"/>).</summary>
    public int Emailed { get; set; }
}
