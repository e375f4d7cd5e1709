using System.Text;
using System.Text.Json;

namespace SupportBot.Drafting.Models;

/// <summary>
/// What the model is given besides the instructions: the ticket and the retrieved knowledge. It
/// travels inside the user message as a JSON block, so a hosted model and the embedded one read
/// exactly the same input, and the response cache keys on it.
/// </summary>
public sealed record DraftingContext(
    ContextTicket Ticket,
    IReadOnlyList<ContextSimilarTicket> SimilarTickets,
    IReadOnlyList<ContextArticle> Articles);

public sealed record ContextTicket(string Subject, string Body, string Language, string? CustomerName, string Category);

/// <summary>A similar resolved ticket; its reply has had the previous customer's identity removed (IdentityScrubber).</summary>
public sealed record ContextSimilarTicket(string Id, string Subject, string Reply, bool Escalated, double Score);

public sealed record ContextArticle(string Slug, int Version, string Title, string Url, string Excerpt, double Score);

public static class DraftingContextFormat
{
    private const string Open = "<context>";
    private const string Close = "</context>";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string ToUserMessage(DraftingContext context)
    {
        var text = new StringBuilder()
            .AppendLine("Customer ticket")
            .AppendLine($"Subject: {context.Ticket.Subject}")
            .AppendLine($"Customer name: {context.Ticket.CustomerName ?? "unknown"}")
            .AppendLine()
            .AppendLine(context.Ticket.Body)
            .AppendLine()
            .AppendLine("Similar resolved tickets and relevant help articles (JSON):")
            .AppendLine(Open)
            .AppendLine(JsonSerializer.Serialize(context, Json))
            .AppendLine(Close)
            .AppendLine()
            .Append("Write the reply now.");
        return text.ToString();
    }

    public static DraftingContext? TryParse(string userMessage)
    {
        var start = userMessage.LastIndexOf(Open, StringComparison.Ordinal);
        var end = userMessage.LastIndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DraftingContext>(userMessage.AsSpan(start + Open.Length, end - start - Open.Length).Trim(), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
