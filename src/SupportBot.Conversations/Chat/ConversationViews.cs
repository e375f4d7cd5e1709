using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Data.Conversations;

namespace SupportBot.Conversations.Chat;

public static class ConversationViews
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ConversationMessageView ToView(ConversationMessage message) => new(
        message.Sequence, message.Role, message.Text, message.TraceId, Citations(message.Citations), message.HandoffReason, message.CreatedAt);

    public static ConversationView ToView(Conversation c, IEnumerable<ConversationMessage> messages) => new(
        c.Id, c.Channel, c.CustomerExternalId, c.CustomerName, c.Language, c.Status, c.Category, c.HandoffReason, c.TicketId,
        new ConversationSignalsView(c.AskedForHuman, c.ReAsks, c.Reopened, c.Abandoned, c.ResolvedByCustomer),
        c.CreatedAt, c.ClosedAt, [.. messages.OrderBy(m => m.Sequence).Select(ToView)]);

    public static string CitationsJson(IEnumerable<ConversationCitation> citations) => JsonSerializer.Serialize(citations, Json);

    private static List<ConversationCitation> Citations(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ConversationCitation>>(json, Json) ?? [];
}
