namespace SupportBot.Contracts;

/// <summary>
/// One ticket as the support team reads it before replying: the customer's message with its latest draft.
/// Carries ticket text, so it is served to the team only and never logged.
/// </summary>
public sealed record TicketView(
    Guid Id,
    string ExternalId,
    string Source,
    string? Category,
    string Subject,
    string Body,
    string Language,
    string? CustomerName,
    string? Priority,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    Guid? LatestDraftId,
    DateTimeOffset? SentAt);
