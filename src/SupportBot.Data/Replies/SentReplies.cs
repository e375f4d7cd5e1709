using Microsoft.Extensions.Logging;
using SupportBot.Contracts;

namespace SupportBot.Data.Replies;

/// <summary>Fans a sent reply out to every registered <see cref="ISentReplySink"/>; one failing sink never stops the others or the caller.</summary>
public sealed partial class SentReplies(IEnumerable<ISentReplySink> sinks, ILogger<SentReplies> logger)
{
    public async ValueTask PublishAsync(SentReply reply, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await sink.ReplySentAsync(reply, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSinkFailed(logger, ex, sink.GetType().Name, reply.ReplyId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sent-reply sink {Sink} failed for reply {ReplyId}")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, Guid replyId);
}
