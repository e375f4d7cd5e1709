using StackExchange.Redis;
using SupportBot.Data.ApiKeys;

namespace SupportBot.Api.Auth;

/// <summary>
/// Makes a revocation immediate on every API instance: the revoking instance publishes the key's
/// hash on a Redis channel, and each instance drops it from its <see cref="ApiKeyStore"/> cache.
/// Pub/sub is fire-and-forget; an instance that misses the message (Redis away) still stops
/// accepting the key when its cache entry expires (30 s), as before.
/// </summary>
internal sealed class ApiKeyRevocations(IConnectionMultiplexer redis, ApiKeyStore store, ILogger<ApiKeyRevocations> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(ApiKeyRevocationChannel.Name);

    public async Task PublishAsync(string keyHash)
    {
        store.Forget(keyHash);
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, keyHash);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not announce a key revocation to the other API instances ({Error}); their caches drop it within 30 s", ex.Message);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, hash) =>
        {
            if (!hash.IsNullOrEmpty)
            {
                store.Forget(hash!);
            }
        });

    public async Task StopAsync(CancellationToken cancellationToken) => await redis.GetSubscriber().UnsubscribeAsync(Channel);
}
