using System.Collections.Concurrent;

namespace SupportBot.Web.Inbox;

/// <summary>
/// Tickets this console sent a reply for in the last minutes. The API records a sent reply asynchronously (202: the
/// worker writes it), so for a few seconds the API still lists the ticket as awaiting a reply; the inbox skips these
/// meanwhile, so "next ticket" never offers the one just sent.
/// </summary>
public sealed class RecentlySent(TimeProvider clock)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _sent = new();

    public void Add(Guid ticketId)
    {
        var now = clock.GetUtcNow();
        _sent[ticketId] = now;
        foreach (var (id, at) in _sent)
        {
            if (now - at > Remember)
            {
                _sent.TryRemove(id, out _);
            }
        }
    }

    public bool Contains(Guid ticketId) => _sent.TryGetValue(ticketId, out var at) && clock.GetUtcNow() - at <= Remember;
}
