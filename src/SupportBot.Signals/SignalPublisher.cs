using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Signals;

/// <summary>The API's side of the stream: appends accepted signals and guards against a second `sent`.</summary>
public sealed class SignalPublisher(IConnectionMultiplexer redis, IOptions<SignalOptions> options)
{
    private readonly SignalOptions _options = options.Value;

    /// <summary>XADD with MAXLEN ~ (approximate trimming is O(1) per add; exact trimming is not).</summary>
    public async Task PublishAsync(SignalEvent signal) =>
        await redis.GetDatabase().StreamAddAsync(
            _options.StreamName,
            [new NameValueEntry(SignalEvent.Field, signal.ToJson())],
            maxLength: _options.MaxStreamLength,
            useApproximateMaxLength: true);

    /// <summary>
    /// Claims the one `sent` a draft may have (SET NX) and queues the event, in one Lua script: atomic,
    /// so a marker never exists without its event, and one round trip. False when a `sent` for the
    /// draft was already accepted.
    /// </summary>
    public async Task<bool> TryPublishSentAsync(SignalEvent signal)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            PublishSentScript,
            [SentMarker(signal.DraftId), _options.StreamName],
            [signal.Id, (long)_options.SentMarkerLifetime.TotalMilliseconds, _options.MaxStreamLength, SignalEvent.Field, signal.ToJson()]);
        return (long)result == 1;
    }

    private const string PublishSentScript =
        """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', ARGV[4], ARGV[5])
          return 1
        end
        return 0
        """;

    private RedisKey SentMarker(Guid draftId) => DeadLetters.SentMarker(_options, draftId);
}
