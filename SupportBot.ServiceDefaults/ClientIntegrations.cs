using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Stand-ins for Aspire's client integrations (Aspire.Npgsql's AddNpgsqlDataSource and
/// Aspire.StackExchange.Redis's AddRedisClient), which the package source here does not carry.
/// Same names, same connection-string convention, so a real Aspire AppHost works unchanged.
/// </summary>
public static class ClientIntegrations
{
    public static IHostApplicationBuilder AddNpgsqlDataSource(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        var connectionString = RequireConnectionString(builder.Configuration, connectionName);
        // No auto-prepare: a prepared full-text query gets a generic plan that cannot see how selective
        // its tsquery is, and Postgres then ranks the whole table (100 ms instead of 10 at 100k tickets).
        builder.Services.AddNpgsqlDataSource(connectionString, dataSource => configure?.Invoke(dataSource));
        builder.Services.AddHealthChecks().AddNpgSql(name: "postgres", tags: [HealthTags.Ready]);
        return builder;
    }

    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var options = ConfigurationOptions.Parse(RequireConnectionString(builder.Configuration, connectionName));
        // Keep retrying in the background instead of failing start-up: /health reports the outage.
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddRedis(
            sp => sp.GetRequiredService<IConnectionMultiplexer>(), name: "redis", tags: [HealthTags.Ready]);
        return builder;
    }

    public static string RequireConnectionString(IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName}, " +
                "or start the service through SupportBot.AppHost, which sets it.");
}
