using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Contracts;

namespace SupportBot.Signals;

/// <summary>The dead-letter stream: the worker moves events there, managers read them through the API.</summary>
public sealed class DeadLetters(IConnectionMultiplexer redis, IOptions<SignalOptions> options)
{
    private readonly SignalOptions _options = options.Value;

    /// <summary>Adds the entry to the dead-letter stream and acknowledges it in one MULTI, so it is never in both or neither.</summary>
    public async Task MoveAsync(StreamEntry entry, string error, int attempts, DateTimeOffset now)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.StreamAddAsync(
            _options.DeadLetterStreamName,
            [
                new NameValueEntry("entry_id", entry.Id),
                new NameValueEntry(SignalEvent.Field, entry[SignalEvent.Field]),
                new NameValueEntry("error", error),
                new NameValueEntry("attempts", attempts),
                new NameValueEntry("at", now.ToUnixTimeMilliseconds()),
            ],
            maxLength: _options.MaxDeadLetters,
            useApproximateMaxLength: true);
        _ = transaction.StreamAcknowledgeAsync(_options.StreamName, _options.GroupName, entry.Id);
        await transaction.ExecuteAsync();
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(
            _options.DeadLetterStreamName, minId: "-", maxId: "+", count: limit, messageOrder: Order.Descending);
        return [.. entries.Select(e => new DeadLetterView(
            e.Id!,
            e["entry_id"]!,
            e[SignalEvent.Field],
            e["error"]!,
            (int)e["attempts"],
            DateTimeOffset.FromUnixTimeMilliseconds((long)e["at"])))];
    }
}
