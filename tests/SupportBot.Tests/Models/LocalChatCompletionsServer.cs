using System.Text.Json;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Models;

/// <summary>
/// An OpenAI-compatible endpoint inside the test process: POST /v1/chat/completions with the real request and
/// response shapes (choices, finish_reason, usage), so the OpenAI SDK behind the candidate talks to it exactly as
/// to a hosted model. No real language model can run here: the machines have no accelerator, no internet and no
/// model weights, and the suite must not download any. It answers every drafting request with one fixed reply and
/// reports fixed usage (321 prompt, 12 completion tokens), so the report's tokens and cost can be checked exactly.
/// </summary>
public sealed class LocalChatCompletionsServer : IAsyncDisposable
{
    public const int PromptTokens = 321;
    public const int CompletionTokens = 12;
    public const string Reply = "Hi,\n\nYou can export your tasks as CSV from the project menu.\n\nThe Tasklane team";

    private readonly FakeChatCompletions _server;
    private readonly List<(string? Authorization, JsonElement Body)> _requests;

    private LocalChatCompletionsServer(FakeChatCompletions server, List<(string? Authorization, JsonElement Body)> requests) =>
        (_server, _requests) = (server, requests);

    public string Url => _server.Url;

    public IReadOnlyList<JsonElement> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests.Select(r => r.Body)];
            }
        }
    }

    public static async Task<LocalChatCompletionsServer> StartAsync()
    {
        List<(string? Authorization, JsonElement Body)> requests = [];
        var server = await FakeChatCompletions.StartAsync(requests, body =>
            body.GetProperty("messages")[0].GetProperty("content").GetString() is { } system && system.StartsWith("Classify", StringComparison.Ordinal)
                ? """{"category": "how-to", "confidence": 0.9}"""
                : Reply,
            PromptTokens, CompletionTokens);
        return new LocalChatCompletionsServer(server, requests);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
