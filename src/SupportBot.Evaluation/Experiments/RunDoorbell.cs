using StackExchange.Redis;

namespace SupportBot.Evaluation.Experiments;

/// <summary>Tells workers that a run is waiting.</summary>
public interface IRunNotifier
{
    Task NotifyAsync(Guid runId, string pool, CancellationToken cancellationToken);

    /// <summary>Whether a live worker serves <paramref name="pool"/>: a run queued on a pool nobody serves would wait forever.</summary>
    Task<bool> IsServedAsync(string pool, CancellationToken cancellationToken);
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

    /// <summary>How long a worker's "I serve this pool" mark lasts; it renews it every third of that.</summary>
    public static readonly TimeSpan PoolHeartbeat = TimeSpan.FromMinutes(2);

    public static RedisKey StreamKey(string pool) => $"supportbot:experiments:{pool}";

    private static RedisKey HeartbeatKey(string pool) => $"supportbot:experiments:{pool}:served";

    /// <summary>
    /// Marks <paramref name="pool"/> as served for <see cref="PoolHeartbeat"/>. A key of its own, not
    /// the consumer group's idle times: Redis 7.0 does not refresh those on a read that returns nothing.
    /// </summary>
    public async Task HeartbeatAsync(string pool) =>
        await redis.GetDatabase().StringSetAsync(HeartbeatKey(pool), Environment.MachineName, PoolHeartbeat);

    public async Task NotifyAsync(Guid runId, string pool, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StreamAddAsync(StreamKey(pool), "run", runId.ToString(), maxLength: MaxLength, useApproximateMaxLength: true);

    /// <summary>
    /// The default pool always counts as served (its runs wait for the next worker to start, as
    /// before); another pool only while a worker's heartbeat for it is alive.
    /// </summary>
    public async Task<bool> IsServedAsync(string pool, CancellationToken cancellationToken)
    {
        if (pool == Data.Entities.ExperimentPools.Default)
        {
            return true;
        }

        return await redis.GetDatabase().KeyExistsAsync(HeartbeatKey(pool));
    }

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

    /// <summary>Without Redis no worker can be seen, so only the default pool (the CLI queues nowhere else).</summary>
    public Task<bool> IsServedAsync(string pool, CancellationToken cancellationToken) =>
        Task.FromResult(pool == Data.Entities.ExperimentPools.Default);
}
