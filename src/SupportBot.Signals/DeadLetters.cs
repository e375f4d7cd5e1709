using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Contracts;

namespace SupportBot.Signals;

public enum ReplayOutcome
{
    Replayed,
    NotFound,

    /// <summary>A `sent` for the draft was accepted since (a corrected retry): replaying would be a second one.</summary>
    AlreadySent,
}

/// <summary>The dead-letter stream: the worker moves events there, managers read and replay them through the API.</summary>
public sealed class DeadLetters(IConnectionMultiplexer redis, IOptions<SignalOptions> options)
{
    private readonly SignalOptions _options = options.Value;

    /// <summary>
    /// Adds the entry to the dead-letter stream and acknowledges it in one script, so it is never in
    /// both or neither. A dead `sent` also gives back its draft's sent marker (when the marker is
    /// still this event's), so a corrected reply is accepted instead of a 409 for a reply never recorded.
    /// </summary>
    public async Task MoveAsync(StreamEntry entry, SignalEvent? signal, string error, int attempts, DateTimeOffset now)
    {
        var marker = signal is { Type: SignalTypes.Sent } ? SentMarker(_options, signal.DraftId) : (RedisKey)"";
        await redis.GetDatabase().ScriptEvaluateAsync(
            MoveScript,
            [_options.DeadLetterStreamName, _options.StreamName, marker],
            [_options.MaxDeadLetters, entry.Id, SignalEvent.Field, entry[SignalEvent.Field], error, attempts, now.ToUnixTimeMilliseconds(), _options.GroupName, signal?.Id ?? ""]);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(
            _options.DeadLetterStreamName, minId: "-", maxId: "+", count: limit, messageOrder: Order.Descending);
        return [.. entries.Select(View)];
    }

    public async Task<DeadLetterView?> GetAsync(string id)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(_options.DeadLetterStreamName, minId: id, maxId: id, count: 1);
        return entries.Length == 1 ? View(entries[0]) : null;
    }

    /// <summary>
    /// Queues a dead event again (after the cause was fixed) and removes it from the dead-letter
    /// stream, atomically. It keeps its event id, so it is still written at most once. A `sent`
    /// takes its draft's marker again (SET NX) and is refused when another `sent` holds it.
    /// </summary>
    public async Task<ReplayOutcome> ReplayAsync(string id, SignalEvent signal)
    {
        var marker = signal.Type == SignalTypes.Sent ? SentMarker(_options, signal.DraftId) : (RedisKey)"";
        var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(
            ReplayScript,
            [_options.DeadLetterStreamName, _options.StreamName, marker],
            [id, SignalEvent.Field, signal.ToJson(), _options.MaxStreamLength, signal.Id, (long)_options.SentMarkerLifetime.TotalMilliseconds]);
        return result switch
        {
            1 => ReplayOutcome.Replayed,
            0 => ReplayOutcome.NotFound,
            _ => ReplayOutcome.AlreadySent,
        };
    }

    public static RedisKey SentMarker(SignalOptions options, Guid draftId) => options.SentMarkerPrefix + draftId.ToString("N");

    private static DeadLetterView View(StreamEntry e) => new(
        e.Id!,
        e["entry_id"]!,
        e[SignalEvent.Field],
        e["error"]!,
        (int)e["attempts"],
        DateTimeOffset.FromUnixTimeMilliseconds((long)e["at"]));

    // KEYS: dead stream, stream, sent marker ("" for none). ARGV: max dead letters, entry id, field,
    // payload, error, attempts, at, group, event id.
    private const string MoveScript =
        """
        redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'entry_id', ARGV[2], ARGV[3], ARGV[4], 'error', ARGV[5], 'attempts', ARGV[6], 'at', ARGV[7])
        redis.call('XACK', KEYS[2], ARGV[8], ARGV[2])
        if KEYS[3] ~= '' and redis.call('GET', KEYS[3]) == ARGV[9] then
          redis.call('DEL', KEYS[3])
        end
        return 1
        """;

    // KEYS: dead stream, stream, sent marker ("" for none). ARGV: dead-letter id, field, payload,
    // max stream length, event id, marker lifetime (ms). 1 replayed, 0 not found, -1 already sent.
    private const string ReplayScript =
        """
        if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then
          return 0
        end
        if KEYS[3] ~= '' and not redis.call('SET', KEYS[3], ARGV[5], 'NX', 'PX', ARGV[6]) then
          return -1
        end
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', ARGV[2], ARGV[3])
        redis.call('XDEL', KEYS[1], ARGV[1])
        return 1
        """;
}
