using System.Net.Http.Headers;
using System.Text.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Conversations;

/// <summary>The transcript as server-sent events: replay, live messages, and Last-Event-ID.</summary>
public sealed class ConversationEventsTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_event_stream_replays_the_transcript_then_delivers_new_messages_as_they_happen()
    {
        var world = await ConversationWorld.CreateAsync(stack);
        using var channel = stack.ApiClient(Roles.Channel);
        var conversation = await ConversationWorld.StartAsync(channel);
        await ConversationWorld.SendAsync(channel, conversation.Id, world.Question);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/conversations/{conversation.Id}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("Last-Event-ID", "1");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var response = await channel.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var replayed = await NextEventAsync(reader, timeout.Token);
        await ConversationWorld.SendAsync(channel, conversation.Id, "I want to talk to a human");
        var live = new List<(string Id, string Type, ConversationMessageView Message)>();
        while (live.Count < 3)
        {
            live.Add(await NextEventAsync(reader, timeout.Token));
        }

        Assert.Equal(("2", "bot"), (replayed.Id, replayed.Type));
        Assert.Equal(["3", "4", "5"], live.Select(e => e.Id));
        Assert.Equal(["customer", "status", "bot"], live.Select(e => e.Type));
        Assert.Equal("I want to talk to a human", live[0].Message.Text);
        Assert.StartsWith("asked_for_human", live[2].Message.HandoffReason);
    }

    private static async Task<(string Id, string Type, ConversationMessageView Message)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                return (id!, type!, JsonSerializer.Deserialize<ConversationMessageView>(data, JsonSerializerOptions.Web)!);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..];
            value = value.StartsWith(' ') ? value[1..] : value;
            (id, type, data) = line[..colon] switch
            {
                "id" => (value, type, data),
                "event" => (id, value, data),
                "data" => (id, type, value),
                _ => (id, type, data),
            };
        }

        throw new InvalidOperationException("The event stream ended.");
    }
}
