namespace SupportBot.Contracts;

/// <summary>Opens a conversation for a customer of the chat channel.</summary>
/// <param name="CustomerId">The channel's own id for the customer (required).</param>
/// <param name="Language">ISO code (en, de, fr, es, …); "en" when omitted.</param>
public sealed record StartConversationRequest(string? CustomerId, string? CustomerName, string? Language);

/// <summary>A customer message.</summary>
public sealed record CustomerMessageRequest(string? Text);

/// <summary>Closes a conversation; <paramref name="Resolved"/> is the customer's own answer when the channel asked.</summary>
public sealed record CloseConversationRequest(bool? Resolved);

/// <summary>A team member's reply written straight into a handed-off conversation.</summary>
public sealed record AgentMessageRequest(string? Text, string? AgentId);

/// <summary>A reason for a pause or a resume: it goes to the audit log.</summary>
public sealed record CategoryPauseRequest(string? Reason);

public static class ConversationOutcomes
{
    /// <summary>The bot answered.</summary>
    public const string Answered = "answered";

    /// <summary>This message handed the conversation to the team; the customer was told so.</summary>
    public const string HandedOff = "handed_off";

    /// <summary>The conversation was already with the team; the message waits for them.</summary>
    public const string WithTeam = "with_team";
}

public sealed record ConversationCitation(string Slug, int Version, string Url, string Title);

public sealed record ConversationMessageView(
    int Sequence,
    string Role,
    string Text,
    string? TraceId,
    IReadOnlyList<ConversationCitation> Citations,
    string? HandoffReason,
    DateTimeOffset CreatedAt);

/// <summary>What happened to a customer message.</summary>
/// <param name="Outcome"><see cref="ConversationOutcomes"/>.</param>
/// <param name="Reply">The bot's answer, or the hand-off notice the customer was shown; null when with the team.</param>
/// <param name="TicketId">The team's ticket, once handed off.</param>
public sealed record CustomerMessageResponse(
    Guid ConversationId,
    int Sequence,
    string Outcome,
    string? Category,
    ConversationMessageView? Reply,
    string? TraceId,
    string? HandoffReason,
    Guid? TicketId);

public sealed record ConversationSignalsView(bool AskedForHuman, int ReAsks, bool Reopened, bool Abandoned, bool? Resolved);

public sealed record ConversationView(
    Guid Id,
    string Channel,
    string CustomerId,
    string? CustomerName,
    string Language,
    string Status,
    string? Category,
    string? HandoffReason,
    Guid? TicketId,
    ConversationSignalsView Signals,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ConversationMessageView> Messages);

public sealed record CategoryPauseView(string Category, bool Paused, string? Reason, string? PausedBy, string? Source, DateTimeOffset? PausedAt);

public sealed record CategoryPauseChangeView(Guid Id, string Category, string Action, string Reason, string Actor, string Source, DateTimeOffset ChangedAt);

/// <summary>
/// One category's customer-facing resolution over its window. Rates are over <paramref name="Conversations"/> (those
/// with at least one customer message) and null without any.
/// </summary>
/// <param name="Containment">Finished by the bot alone: never handed off.</param>
/// <param name="VerifiedResolution">Contained, and no person asked for, no re-ask, not reopened, no monitor flag, not abandoned after a question.</param>
public sealed record ResolutionView(
    string Category,
    string Phase,
    bool Paused,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Conversations,
    int Contained,
    int Verified,
    int HandedOff,
    int ReAsked,
    int Reopened,
    int Abandoned,
    int Flagged,
    int CustomerResolvedYes,
    int CustomerResolvedNo,
    double? Containment,
    double? VerifiedResolution,
    double? HandoffRate,
    double? ReAskRate,
    double? ReopenRate,
    double? AbandonRate);

public sealed record CategoryPauseHistory(CategoryPauseView Current, IReadOnlyList<CategoryPauseChangeView> Changes);
