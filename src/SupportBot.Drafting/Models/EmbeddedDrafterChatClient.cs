using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace SupportBot.Drafting.Models;

/// <summary>
/// The default model: no network, no weights, deterministic. It is an extractive drafter, not a
/// language model: it takes the reply that resolved the most similar historical ticket, re-addresses
/// it to the new customer, cites the most relevant help article, and hands off to a human when no
/// resolved ticket is close enough or the closest one had to be escalated. It reads the same
/// messages a hosted model would (instructions + the JSON context block) and follows the same
/// HANDOFF convention. Production deployments configure a real model.
/// </summary>
public sealed class EmbeddedDrafterChatClient(IOptions<EmbeddedModelOptions> options) : IChatClient
{
    private readonly EmbeddedModelOptions _options = options.Value;
    private static readonly ChatClientMetadata Metadata = new("supportbot-embedded", defaultModelId: EmbeddedModelOptions.ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var lastUser = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var context = DraftingContextFormat.TryParse(lastUser);
        var text = context is null ? "HANDOFF: no drafting context in the request\n" + ReplyLocalization.Handoff("en") : Draft(context);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = EmbeddedModelOptions.ModelId,
            FinishReason = ChatFinishReason.Stop,
            ResponseId = Guid.NewGuid().ToString("N"),
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    internal string Draft(DraftingContext context)
    {
        var ticket = context.Ticket;
        var best = context.SimilarTickets.OrderByDescending(t => t.Score).FirstOrDefault();
        if (best is null || best.Score < _options.MinTicketScore)
        {
            return Handoff(ticket, best is null ? "no similar resolved ticket" : $"closest resolved ticket is too different (similarity {best.Score:0.00})");
        }

        if (best.Escalated)
        {
            return Handoff(ticket, $"the most similar ticket ({best.Id}) needed an escalation");
        }

        var body = Readdress(best.Reply, ticket);
        var article = context.Articles
            .Where(a => a.Score >= _options.MinArticleScore)
            .OrderByDescending(a => a.Score)
            .FirstOrDefault();
        if (article is not null && !body.Contains(article.Url, StringComparison.Ordinal))
        {
            body = InsertBeforeSignOff(body, ReplyLocalization.MoreDetails(ticket.Language, article.Url), ticket.Language);
        }

        return body;
    }

    private static string Handoff(ContextTicket ticket, string reason) =>
        $"HANDOFF: {reason}\n{ReplyLocalization.Greeting(ticket.Language, ticket.CustomerName)}\n\n" +
        $"{ReplyLocalization.Handoff(ticket.Language)}\n\n{ReplyLocalization.SignOff(ticket.Language)}";

    /// <summary>Swaps the old customer's greeting for one to the new customer, and the old agent's signature for the team's.</summary>
    private static string Readdress(string reply, ContextTicket ticket)
    {
        var lines = reply.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        if (lines.Count > 0 && ReplyLocalization.WithoutInlineGreeting(lines[0].Trim()) is { } text)
        {
            lines[0] = text;
        }
        else if (lines.Count > 0 && ReplyLocalization.IsGreeting(lines[0].Trim()))
        {
            lines.RemoveAt(0);
        }

        var signOff = lines.FindLastIndex(l => ReplyLocalization.IsSignOff(l.Trim()));
        if (signOff >= 0 && signOff >= lines.Count - 4)
        {
            lines.RemoveRange(signOff, lines.Count - signOff);
        }
        else if (lines.Count > 0 && ReplyLocalization.WithoutInlineSignOff(lines[^1].Trim()) is { } rest)
        {
            lines[^1] = rest;
        }

        var middle = string.Join('\n', lines).Trim();
        return $"{ReplyLocalization.Greeting(ticket.Language, ticket.CustomerName)}\n\n{middle}\n\n{ReplyLocalization.SignOff(ticket.Language)}";
    }

    private static string InsertBeforeSignOff(string body, string sentence, string language)
    {
        var signOff = ReplyLocalization.SignOff(language);
        return body.EndsWith(signOff, StringComparison.Ordinal)
            ? $"{body[..^signOff.Length].TrimEnd()}\n\n{sentence}\n\n{signOff}"
            : $"{body}\n\n{sentence}";
    }
}
