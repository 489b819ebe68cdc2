namespace BulkImport.Core.Alerts;

/// <summary>Where an outbox message stands.</summary>
public enum OutboxStatus
{
    /// <summary>Not sent yet: waiting for its first attempt or for the next one after a failure the server may recover from.</summary>
    Pending,
    /// <summary>Accepted by the mail server (250), or written to the mail folder.</summary>
    Sent,
    /// <summary>Refused for good by the mail server (a 5xx answer); not tried again.</summary>
    Failed,
}

/// <summary>
/// One e-mail to one recipient about one ending of one import, written in the same transaction as the status change
/// that ended it (DESIGN section 6, "Durable side effects through an outbox") and sent later by the outbox sender.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public int ImportId { get; set; }
    /// <summary>Which ending of the import (1 for the first; a replay that ends again is the next).</summary>
    public int Ending { get; set; }
    /// <summary>The import's status at that ending.</summary>
    public required string EndingStatus { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>The Message-ID (without angle brackets), the same on every attempt, so a receiver can drop a repeat.</summary>
    public required string MessageId { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
}
