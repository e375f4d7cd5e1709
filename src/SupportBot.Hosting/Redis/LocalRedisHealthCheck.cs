using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace SupportBot.Hosting.Redis;

/// <summary>Healthy once the server answers PING with the password.</summary>
internal sealed class LocalRedisHealthCheck(LocalRedisResource resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var options = ConfigurationOptions.Parse(await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? "");
            options.ConnectTimeout = 2000;
            options.AbortOnConnectFail = true;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
