using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SupportBot.Drafting.Privacy;

namespace SupportBot.Drafting.Models;

/// <summary>
/// The default model: no network, no weights, deterministic. It is an extractive drafter, not a
/// language model: it takes the reply that resolved the most similar historical ticket, re-addresses
/// it to the new customer, cites the most relevant help article, and hands off to a human when no
/// resolved ticket is close enough or the closest one had to be escalated. It reads the same
/// messages a hosted model would (instructions + the JSON context block) and follows the same
/// HANDOFF convention. Production deployments configure a real model.
/// </summary>
public sealed class EmbeddedDrafterChatClient(IOptions<EmbeddedModelOptions> options, PrivacyOptions? privacy = null) : IChatClient
{
    private readonly EmbeddedModelOptions _options = options.Value;
    private readonly PrivacyOptions _privacy = privacy ?? new PrivacyOptions();
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

        var hosts = context.Articles.Select(a => Uri.TryCreate(a.Url, UriKind.Absolute, out var url) ? url.Host : "").Where(h => h.Length > 0);
        var scrubbed = IdentityScrubber.Scrub(best.Reply, ticket.Language, [], _privacy.WithContextHosts(hosts));
        if (scrubbed.IsEmpty)
        {
            return Handoff(ticket, $"nothing of the most similar reply ({best.Id}) is left once the previous customer's details are removed");
        }

        var body = Readdress(scrubbed.Body, ticket);
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

    /// <summary>The scrubbed body (no greeting, sign-off or anyone's identity), addressed to the new customer and signed by the team.</summary>
    private static string Readdress(string body, ContextTicket ticket) =>
        $"{ReplyLocalization.Greeting(ticket.Language, ticket.CustomerName)}\n\n{body}\n\n{ReplyLocalization.SignOff(ticket.Language)}";

    private static string InsertBeforeSignOff(string body, string sentence, string language)
    {
        var signOff = ReplyLocalization.SignOff(language);
        return body.EndsWith(signOff, StringComparison.Ordinal)
            ? $"{body[..^signOff.Length].TrimEnd()}\n\n{sentence}\n\n{signOff}"
            : $"{body}\n\n{sentence}";
    }
}
