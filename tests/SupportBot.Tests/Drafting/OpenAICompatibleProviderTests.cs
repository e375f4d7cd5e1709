using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportBot.Drafting.Pipeline;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// The OpenAI-compatible provider against an in-test HTTP endpoint that answers like
/// /v1/chat/completions: checks the request the pipeline sends and how the answer comes back.
/// </summary>
public sealed class OpenAICompatibleProviderTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string DraftReply = "HANDOFF: needs a human\nHi Ana,\n\nA teammate will follow up.";

    [Fact]
    public async Task Pipeline_sends_a_chat_completion_request_and_records_model_and_usage()
    {
        var requests = new List<(string Path, string? Authorization, JsonElement Body)>();
        await using var server = await StartFakeServerAsync(requests, DraftReply, """{"category": "billing", "confidence": 0.87}""");
        var result = await DraftAsync(server, "Please refund my monthly plan");

        var (path, authorization, body) = Assert.Single(requests, r => SystemPrompt(r.Body).Contains("HANDOFF:", StringComparison.Ordinal));
        Assert.Equal("/v1/chat/completions", path);
        Assert.Equal("Bearer sk-test-123", authorization);
        Assert.Equal("test-model-1", body.GetProperty("model").GetString());
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("HANDOFF:", messages[0].GetProperty("content").GetString());
        Assert.Contains("<context>", messages[1].GetProperty("content").GetString());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble(), 3);

        Assert.True(result.Handoff);
        Assert.Equal("needs a human", result.HandoffReason);
        Assert.Equal("Hi Ana,\n\nA teammate will follow up.", result.Text);
        Assert.Equal("test-model-1", result.Model);
    }

    [Fact]
    public async Task With_a_model_configured_the_model_classifies_among_the_known_categories()
    {
        var requests = new List<(string Path, string? Authorization, JsonElement Body)>();
        await using var server = await StartFakeServerAsync(requests, DraftReply, """{"category": "billing", "confidence": 0.87}""");

        var result = await DraftAsync(server, string.Join(' ', Enumerable.Range(0, 5).Select(_ => "qm" + Guid.NewGuid().ToString("N")[..8])));

        Assert.Equal("billing", result.Category.Category);
        Assert.Equal(0.87, result.Category.Confidence, 3);
        Assert.Equal("model", result.Category.Source);
        var classification = Assert.Single(requests, r => SystemPrompt(r.Body).StartsWith("Classify", StringComparison.Ordinal));
        Assert.Contains("billing", SystemPrompt(classification.Body));
    }

    [Fact]
    public async Task A_category_the_model_invents_is_ignored_in_favour_of_the_neighbour_vote()
    {
        var requests = new List<(string Path, string? Authorization, JsonElement Body)>();
        await using var server = await StartFakeServerAsync(requests, DraftReply, """{"category": "free-pizza", "confidence": 1}""");

        var result = await DraftAsync(server, string.Join(' ', Enumerable.Range(0, 5).Select(_ => "qm" + Guid.NewGuid().ToString("N")[..8])));

        Assert.NotEqual("free-pizza", result.Category.Category);
        Assert.Equal("classified", result.Category.Source);
    }

    private async Task<DraftResult> DraftAsync(FakeServer server, string body)
    {
        await using var host = new DraftingHost(stack, new Dictionary<string, string?>
        {
            ["Drafting:Provider"] = "openai",
            ["Drafting:OpenAI:BaseUrl"] = server.Url + "/v1",
            ["Drafting:OpenAI:Model"] = "test-model-1",
            ["Drafting:OpenAI:ApiKey"] = "sk-test-123",
            // Off, so every request reaches the fake server.
            ["Drafting:ResponseCache"] = "false",
        });
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DraftingPipeline>().DraftAsync(
            new DraftInput("Refund", $"{body} {Guid.NewGuid():N}", "en", null, "Ana"), new DraftOptions(), Ct);
    }

    private static string SystemPrompt(JsonElement body) =>
        body.GetProperty("messages")[0].GetProperty("content").GetString() ?? "";

    [Fact]
    public void A_missing_base_url_is_a_clear_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SupportBot.Drafting.Models.ChatClientFactory.CreateOpenAICompatible(new() { Model = "m" }));

        Assert.Contains("Drafting:OpenAI:BaseUrl", error.Message);
    }

    /// <summary>Answers classification requests with <paramref name="classification"/> and drafting requests with <paramref name="reply"/>.</summary>
    private static async Task<FakeServer> StartFakeServerAsync(List<(string, string?, JsonElement)> requests, string reply, string classification)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            lock (requests)
            {
                requests.Add((context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
            }

            var content = SystemPrompt(body).StartsWith("Classify", StringComparison.Ordinal) ? classification : reply;

            return Results.Json(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "test-model-1",
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 321, completion_tokens = 12, total_tokens = 333 },
            });
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeServer(app, url);
    }

    private sealed record FakeServer(WebApplication App, string Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
