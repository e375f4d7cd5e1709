using System.ComponentModel.DataAnnotations;
namespace SupportBot.Contracts;

/// <summary>What happened to a draft: the reply sent (with its edit measures) and the thumbs. Null fields: not sent yet.</summary>
public sealed record DraftOutcomeView(
    DateTimeOffset? SentAt,
    string? SentText,
    string? AgentId,
    double? WordEditDistance,
    double? CharEditDistance,
    string? EditType,
    int ThumbsUp,
    int ThumbsDown,
    string? LastComment,
    string? ReviewStatus);

/// <summary>Draft states to filter lists by.</summary>
public static class DraftStatuses
{
    /// <summary>Drafted, no sent reply recorded yet.</summary>
    public const string AwaitingSend = "awaiting-send";

    public const string Sent = "sent";

    public static IReadOnlyList<string> All { get; } = [AwaitingSend, Sent];
}

public sealed record DraftSummary(
    Guid Id, Guid TicketId, string TicketExternalId, string TraceId, string Category, bool Handoff, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? EditType);

public sealed record TicketSummary(
    Guid Id, string ExternalId, string Source, string? Category, string Subject, string Language, DateTimeOffset CreatedAt, Guid? LatestDraftId, DateTimeOffset? SentAt);

/// <summary>One page of a list: <see cref="Total"/> counts every match, not only this page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Limit, int Offset);

/// <param name="Draft">The draft as written (GET /api/drafts/{id}: text).</param>
/// <param name="Sent">The reply the agent is about to send.</param>
public sealed record ClassifyEditRequest([Required] string? Draft, [Required] string? Sent);

/// <summary>What sending <c>Sent</c> for <c>Draft</c> would record; nothing is recorded.</summary>
public sealed record EditClassification(string EditType, double WordEditDistance, double CharEditDistance);
