using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A local endpoint speaking the OpenAI chat-completions wire protocol (POST /v1/chat/completions), for judges and
/// models under test: it records each request (Authorization header and JSON body) and answers with <c>content</c>,
/// the request's model and fixed usage.
/// </summary>
public sealed record FakeChatCompletions(WebApplication App, string Url) : IAsyncDisposable
{
    public static async Task<FakeChatCompletions> StartAsync(
        List<(string? Authorization, JsonElement Body)> requests, Func<JsonElement, string> content, int promptTokens = 200, int completionTokens = 20)
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
                requests.Add((context.Request.Headers.Authorization.ToString(), body));
            }

            return Results.Json(new
            {
                id = "chatcmpl-local",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = body.TryGetProperty("model", out var model) ? model.GetString() : null,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = content(body) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
            });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new FakeChatCompletions(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
