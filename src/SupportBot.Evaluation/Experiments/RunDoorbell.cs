using StackExchange.Redis;

namespace SupportBot.Evaluation.Experiments;

/// <summary>Tells workers that a run is waiting.</summary>
public interface IRunNotifier
{
    Task NotifyAsync(Guid runId, string pool, CancellationToken cancellationToken);
}

/// <summary>
/// A Redis stream per worker pool with one consumer group ("evalworker"). Why a stream and not a
/// list: the group hands each message to one worker (no thundering herd), entries survive Redis
/// restarts with persistence, and XINFO/XPENDING show what is queued. The stream is the doorbell,
/// not the record: Postgres holds the run and its lease, so a message lost with a crashed worker
/// costs nothing; the worker's periodic sweep finds queued or abandoned runs anyway.
/// </summary>
public sealed class RedisRunDoorbell(IConnectionMultiplexer redis) : IRunNotifier
{
    public const string Group = "evalworker";
    private const int MaxLength = 10_000;

    public static RedisKey StreamKey(string pool) => $"supportbot:experiments:{pool}";

    public async Task NotifyAsync(Guid runId, string pool, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StreamAddAsync(StreamKey(pool), "run", runId.ToString(), maxLength: MaxLength, useApproximateMaxLength: true);

    /// <summary>New messages for this consumer, acknowledged at once (the lease in Postgres does the rest).</summary>
    public async Task<IReadOnlyList<Guid>> ReadAsync(string pool, string consumer)
    {
        var database = redis.GetDatabase();
        var key = StreamKey(pool);
        StreamEntry[] entries;
        try
        {
            entries = await database.StreamReadGroupAsync(key, Group, consumer, ">", count: 10);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            await EnsureGroupAsync(database, key);
            return [];
        }

        if (entries.Length == 0)
        {
            return [];
        }

        await database.StreamAcknowledgeAsync(key, Group, [.. entries.Select(e => e.Id)]);
        return [.. entries.Select(e => Guid.TryParse((string?)e["run"], out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
    }

    private static async Task EnsureGroupAsync(IDatabase database, RedisKey key)
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(key, Group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another worker created it first.
        }
    }
}

/// <summary>For callers without Redis (the CLI): the worker's sweep picks the run up within seconds.</summary>
public sealed class SweepOnlyRunNotifier : IRunNotifier
{
    public Task NotifyAsync(Guid runId, string pool, CancellationToken cancellationToken) => Task.CompletedTask;
}
