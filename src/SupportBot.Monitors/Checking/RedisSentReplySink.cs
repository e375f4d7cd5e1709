using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Contracts;
using SupportBot.Data.Replies;

namespace SupportBot.Monitors.Checking;

/// <summary>
/// Queues every reply that reached a customer on the Redis stream the worker's monitors read (one XADD, fire-and-forget
/// on the wire). Never throws: if Redis is away the reply is logged (by id, never its text) and goes unchecked — a
/// watcher must never block or fail the reply itself.
/// </summary>
public sealed partial class RedisSentReplySink(IConnectionMultiplexer redis, IOptions<MonitorOptions> options, ILogger<RedisSentReplySink> logger) : ISentReplySink
{
    public async ValueTask ReplySentAsync(SentReply reply, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().StreamAddAsync(
                options.Value.StreamName, SentReplyJson.Field, SentReplyJson.Serialize(reply),
                maxLength: options.Value.MaxStreamLength, useApproximateMaxLength: true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogQueueFailed(logger, ex.GetType().Name, reply.ReplyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue sent reply {ReplyId} for the monitors ({Error}); it will not be checked")]
    private static partial void LogQueueFailed(ILogger logger, string error, Guid replyId);
}
