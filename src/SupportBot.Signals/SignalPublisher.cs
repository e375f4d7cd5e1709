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

    /// <summary>Atomically claims the one `sent` a draft may have (SET NX); false when one was already accepted.</summary>
    public Task<bool> TryMarkSentAsync(Guid draftId, string eventId) =>
        redis.GetDatabase().StringSetAsync(SentMarker(draftId), eventId, _options.SentMarkerLifetime, When.NotExists);

    /// <summary>Releases the marker when the event could not be queued, so the agent can post it again.</summary>
    public Task UnmarkSentAsync(Guid draftId) => redis.GetDatabase().KeyDeleteAsync(SentMarker(draftId));

    private RedisKey SentMarker(Guid draftId) => _options.SentMarkerPrefix + draftId.ToString("N");
}
