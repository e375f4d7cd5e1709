namespace SupportBot.Data.Conversations;

/// <summary>
/// A customer's chat with the company (phase 3). The bot answers in customer-facing, unpaused categories; everything
/// else, and every explicit request for a person, hands the conversation to the team. The implicit signals are rolled
/// up here so the resolution rates are one indexed scan, not a join over messages and scores.
/// </summary>
public sealed class Conversation
{
    public Guid Id { get; set; }

    /// <summary>Name of the API key of the chat channel that opened it.</summary>
    public required string Channel { get; set; }

    public required string CustomerExternalId { get; set; }
    public string? CustomerName { get; set; }
    public required string Language { get; set; }
    public string Status { get; set; } = ConversationStatuses.Open;

    /// <summary>The category of the first customer message: the conversation's topic, and the key of its resolution rates.</summary>
    public string? Category { get; set; }

    /// <summary>Messages so far; the next message's sequence number is this plus one.</summary>
    public int MessageCount { get; set; }

    public int CustomerMessages { get; set; }
    public int BotAnswers { get; set; }

    public DateTimeOffset? HandedOffAt { get; set; }
    public string? HandoffReason { get; set; }

    /// <summary>The ticket the team works the handed-off conversation on.</summary>
    public Guid? TicketId { get; set; }

    public bool AskedForHuman { get; set; }
    public int ReAsks { get; set; }
    public bool Reopened { get; set; }
    public bool Abandoned { get; set; }

    /// <summary>The customer's own answer when closing: resolved yes/no; null when not given.</summary>
    public bool? ResolvedByCustomer { get; set; }

    /// <summary>Set when the last bot answer asked or offered something and the customer has not written since.</summary>
    public DateTimeOffset? AwaitingCustomerSince { get; set; }

    /// <summary>The trace of the latest bot answer: the one the next signal judges.</summary>
    public string? LastBotTraceId { get; set; }

    // --- The review queue: a conversation with a failed signal waits here until a reviewer decides ---

    /// <summary>"added" (to a dataset) or "dismissed"; null while it waits (or has nothing to review).</summary>
    public string? ReviewStatus { get; set; }

    public string? ReviewNote { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? ReopenedAt { get; set; }
}

/// <summary>One message of a conversation, numbered from 1.</summary>
public sealed class ConversationMessage
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public int Sequence { get; set; }

    /// <summary><see cref="ConversationRoles"/>.</summary>
    public required string Role { get; set; }

    public required string Text { get; set; }

    /// <summary>The trace of a bot answer.</summary>
    public string? TraceId { get; set; }

    /// <summary>The draft a team reply was sent for.</summary>
    public Guid? DraftId { get; set; }

    /// <summary>Who sent a team reply (agent id), or the channel for customer messages.</summary>
    public string? Author { get; set; }

    /// <summary>JSON array of the help articles a bot answer cites (slug, version, url, title).</summary>
    public string? Citations { get; set; }

    public string? HandoffReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class ConversationStatuses
{
    /// <summary>The bot answers (in cleared categories).</summary>
    public const string Open = "open";

    /// <summary>The team answers; the bot stays silent until the conversation closes.</summary>
    public const string HandedOff = "handed_off";

    public const string Closed = "closed";
}

public static class ConversationRoles
{
    public const string Customer = "customer";
    public const string Bot = "bot";
    public const string Agent = "agent";

    /// <summary>What happened (handed off, closed, reopened, abandoned), for the transcript and the event stream.</summary>
    public const string Status = "status";
}
