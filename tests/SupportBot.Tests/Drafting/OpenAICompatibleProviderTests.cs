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

    [Fact]
    public async Task Pipeline_sends_a_chat_completion_request_and_records_model_and_usage()
    {
        var requests = new List<(string Path, string? Authorization, JsonElement Body)>();
        await using var server = await StartFakeServerAsync(requests, "HANDOFF: needs a human\nHi Ana,\n\nA teammate will follow up.");
        await using var host = new DraftingHost(stack, new Dictionary<string, string?>
        {
            ["Drafting:Provider"] = "openai",
            ["Drafting:OpenAI:BaseUrl"] = server.Url + "/v1",
            ["Drafting:OpenAI:Model"] = "test-model-1",
            ["Drafting:OpenAI:ApiKey"] = "sk-test-123",
            // A different body each run would miss the cache anyway; off, so the request is always seen.
            ["Drafting:ResponseCache"] = "false",
        });

        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<DraftingPipeline>().DraftAsync(
            new DraftInput("Refund", $"Please refund my monthly plan {Guid.NewGuid():N}", "en", null, "Ana"), new DraftOptions(), Ct);

        var (path, authorization, body) = Assert.Single(requests);
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
    public void A_missing_base_url_is_a_clear_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SupportBot.Drafting.Models.ChatClientFactory.CreateOpenAICompatible(new() { Model = "m" }));

        Assert.Contains("Drafting:OpenAI:BaseUrl", error.Message);
    }

    private static async Task<FakeServer> StartFakeServerAsync(List<(string, string?, JsonElement)> requests, string reply)
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

            return Results.Json(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "test-model-1",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
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
