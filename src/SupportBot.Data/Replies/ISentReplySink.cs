using SupportBot.Contracts;

namespace SupportBot.Data.Replies;

/// <summary>
/// Told of every reply that reached a customer: the conversations library calls it for bot answers and team
/// replies delivered into a conversation, the signals path for sent drafts. The monitors register one that queues
/// the reply for checking. It must be quick and must not throw for a reply it cannot handle (log it instead):
/// a watcher never blocks or fails the reply itself.
/// </summary>
public interface ISentReplySink
{
    ValueTask ReplySentAsync(SentReply reply, CancellationToken cancellationToken);
}
