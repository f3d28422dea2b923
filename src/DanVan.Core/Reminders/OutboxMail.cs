namespace DanVan.Core.Reminders;

/// <summary>
/// An e-mail waiting to go out, written in the same transaction as the change it tells of, so the request never waits
/// for the SMTP server and a committed change never loses its e-mail (<see cref="MailOutbox"/> sends it).
/// </summary>
public sealed class OutboxMail
{
    public int Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Not sent before this time: the creation time, then later after each failed attempt (backoff).</summary>
    public DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The sender instance holding the mail and until when; after that another instance may take it over.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }
}
