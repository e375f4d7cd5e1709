namespace SupportBot.Contracts;

/// <summary>Who wrote a reply that reached a customer.</summary>
public static class ReplySources
{
    /// <summary>The bot answered a customer directly (phase 3).</summary>
    public const string Bot = "bot";

    /// <summary>A support team member sent it (phase 2, or a handed-off conversation).</summary>
    public const string Team = "team";
}

/// <summary>
/// A reply that reached a customer, handed to everything that watches sent replies (the monitors). Carries the
/// text because the watchers must read it; it never goes into logs or telemetry.
/// </summary>
/// <param name="ReplyId">Unique per reply: the bot message id, or the draft id for a team reply.</param>
/// <param name="TraceId">The trace the reply's scores (flags) go on.</param>
/// <param name="CustomerMessage">The customer's message this reply answers.</param>
/// <param name="CustomerContext">Everything this customer wrote or was shown earlier in the conversation (names,
/// handles, emails there are theirs and not a leak), oldest first; empty for a single ticket.</param>
/// <param name="CitedArticles">Help-article slugs and versions the reply cites.</param>
public sealed record SentReply(
    Guid ReplyId,
    string TraceId,
    string Source,
    string? Category,
    string Language,
    Guid? ConversationId,
    Guid? TicketId,
    string? CustomerName,
    string CustomerMessage,
    string Reply,
    IReadOnlyList<string> CustomerContext,
    IReadOnlyList<CitedArticleRef> CitedArticles,
    DateTimeOffset SentAt);

public sealed record CitedArticleRef(string Slug, int Version);
