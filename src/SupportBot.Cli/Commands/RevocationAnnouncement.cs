using StackExchange.Redis;
using SupportBot.Contracts;
using SupportBot.Data.ApiKeys;

namespace SupportBot.Cli.Commands;

/// <summary>
/// Announces a revocation the way the API does (<see cref="ApiKeyRevocationChannel"/>), so a key revoked
/// from the CLI stops working on every API instance at once. Without Redis the instances' 30-second
/// caches still expire it; the revocation itself is already committed either way.
/// </summary>
internal static class RevocationAnnouncement
{
    public static async Task<string> PublishAsync(string? option, string keyHash, CancellationToken cancellationToken)
    {
        if (Resolve(option) is not { } connectionString)
        {
            return "API instances refuse it within 30 s (no Redis given to announce it on: --redis, ConnectionStrings__cache or a stack)";
        }

        try
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 5000;
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            cancellationToken.ThrowIfCancellationRequested();
            var listeners = await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(ApiKeyRevocationChannel.Name), keyHash);
            return $"announced to {listeners} API instance(s), which refuse it at once";
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ArgumentException)
        {
            return $"API instances refuse it within 30 s (could not announce it on Redis: {ex.Message})";
        }
    }

    private static string? Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        if (Environment.GetEnvironmentVariable($"ConnectionStrings__{ConnectionNames.Cache}") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return StackLocator.ReadMap("connections.json") is { } connections
            && connections.TryGetValue(ConnectionNames.Cache, out var fromStack)
                ? fromStack
                : null;
    }
}
