using SupportBot.Contracts;

namespace SupportBot.Monitors;

/// <summary>What every monitor reads: the reply, what the customer wrote, and what is theirs (names, emails in their own conversation).</summary>
public sealed record ReplyToCheck(
    string CustomerMessage,
    string Reply,
    string? Category,
    string Language,
    string? CustomerName,
    IReadOnlyList<string> CustomerContext,
    IReadOnlyList<CitedArticleRef> CitedArticles)
{
    /// <summary>Everything the customer wrote or was shown: what appears here is theirs, not a leak, and links in it are not invented.</summary>
    public string CustomerText { get; } = string.Join('\n', CustomerContext.Prepend(CustomerMessage).Append(CustomerName ?? ""));

    public static ReplyToCheck From(SentReply reply) => new(
        reply.CustomerMessage, reply.Reply, reply.Category, string.IsNullOrWhiteSpace(reply.Language) ? "en" : reply.Language,
        reply.CustomerName, reply.CustomerContext ?? [], reply.CitedArticles ?? []);

    public static ReplyToCheck From(MonitorCheckRequest request) => new(
        request.CustomerMessage ?? "", request.Reply ?? "", request.Category, string.IsNullOrWhiteSpace(request.Language) ? "en" : request.Language!,
        request.CustomerName, request.CustomerContext ?? [], request.CitedArticles ?? []);
}
