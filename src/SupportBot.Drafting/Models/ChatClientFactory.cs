using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace SupportBot.Drafting.Models;

/// <summary>The innermost chat client, chosen by configuration; the pipeline around it is the same for every provider.</summary>
public static class ChatClientFactory
{
    public static IChatClient CreateInner(DraftingOptions options, IOptions<EmbeddedModelOptions> embedded) =>
        options.Provider.ToLowerInvariant() switch
        {
            DraftingProviders.Embedded => new EmbeddedDrafterChatClient(embedded, options.Privacy),
            DraftingProviders.OpenAI => CreateOpenAICompatible(options.OpenAI),
            var other => throw new InvalidOperationException(
                $"Drafting:Provider '{other}' is unknown; use '{DraftingProviders.Embedded}' or '{DraftingProviders.OpenAI}'."),
        };

    public static IChatClient CreateOpenAICompatible(OpenAICompatibleOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl) || !Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException("Drafting:OpenAI:BaseUrl must be an absolute URL (e.g. http://localhost:11434/v1) when Drafting:Provider is 'openai'.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException("Drafting:OpenAI:Model must be set when Drafting:Provider is 'openai'.");
        }

        // Local servers (Ollama, vLLM) accept any key; the SDK insists on one.
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIClient(credential, new OpenAIClientOptions { Endpoint = endpoint })
            .GetChatClient(options.Model)
            .AsIChatClient();
    }
}
