namespace SupportBot.Data.Monitors;

/// <summary>
/// One conversation (or ticket, or lone reply) whose sent replies the monitors flagged: the team follows up with the
/// customer. At most one open entry per <see cref="ConversationKey"/> (a partial unique index); later flags in the same
/// conversation raise its severity and add monitors instead of queueing it twice.
/// </summary>
public sealed class FollowUp
{
    public Guid Id { get; set; }

    /// <summary>"conversation:{id}", "ticket:{id}" or "reply:{id}": what "the same conversation" means for this entry.</summary>
    public required string ConversationKey { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? TicketId { get; set; }
    public Guid LatestReplyId { get; set; }
    public required string TraceId { get; set; }
    public required string Category { get; set; }

    /// <summary>1 low, 2 medium, 3 high: the highest of its flags; the queue is ordered by it, then by age.</summary>
    public int SeverityRank { get; set; }
    public string[] Monitors { get; set; } = [];
    public int FlagCount { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset FirstFlaggedAt { get; set; }
    public DateTimeOffset LastFlaggedAt { get; set; }
    public string? TakenBy { get; set; }
    public DateTimeOffset? TakenAt { get; set; }
    public string? Outcome { get; set; }
    public string? Note { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>A sent reply the monitors have checked: the idempotency record (one per reply) and the flags it got, as JSON.</summary>
public sealed class CheckedReply
{
    public Guid ReplyId { get; set; }
    public required string TraceId { get; set; }
    public required string Source { get; set; }
    public required string Category { get; set; }
    public required string ConversationKey { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public int FlagCount { get; set; }

    /// <summary>JSON array of MonitorFlag (monitor, version, severity, kind, reason, evidence span).</summary>
    public required string Flags { get; set; }
}
