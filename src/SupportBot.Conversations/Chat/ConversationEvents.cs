using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;
using SupportBot.Contracts;

namespace SupportBot.Conversations.Chat;

/// <summary>
/// A conversation's messages as they happen, across processes: whoever writes a message (the API for customer, bot
/// and team messages, the worker for "abandoned") publishes it on the conversation's Redis channel, and every
/// server-sent-events stream of that conversation, in any API instance, receives it. Redis pub/sub does not keep
/// messages, so a stream starts by replaying the stored transcript after the client's Last-Event-ID.
/// </summary>
public sealed class ConversationEvents(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RedisChannel ChannelFor(Guid conversationId) => RedisChannel.Literal($"supportbot:conversation:{conversationId:N}");

    /// <remarks>
    /// Fire and forget: the message is already stored, and one connection keeps the order of its commands, so waiting
    /// for Redis's reply would only add a round trip to every customer message. A stream that missed an event (Redis
    /// away) gets it from Postgres when it reconnects with Last-Event-ID.
    /// </remarks>
    public Task PublishAsync(Guid conversationId, ConversationMessageView message) =>
        redis.GetSubscriber().PublishAsync(ChannelFor(conversationId), JsonSerializer.Serialize(message, Json), CommandFlags.FireAndForget);

    /// <summary>Subscribes first, so nothing published between the caller's replay and the live stream is lost (duplicates are dropped by sequence).</summary>
    public async Task<IAsyncEnumerable<ConversationMessageView>> SubscribeAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ConversationMessageView>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var subscriber = redis.GetSubscriber();
        var queue = await subscriber.SubscribeAsync(ChannelFor(conversationId));
        queue.OnMessage(message =>
        {
            if (message.Message.HasValue && JsonSerializer.Deserialize<ConversationMessageView>(message.Message.ToString(), Json) is { } view)
            {
                channel.Writer.TryWrite(view);
            }
        });
        return Read(channel.Reader, queue, cancellationToken);
    }

    private static async IAsyncEnumerable<ConversationMessageView> Read(
        ChannelReader<ConversationMessageView> reader, ChannelMessageQueue queue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                while (reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
