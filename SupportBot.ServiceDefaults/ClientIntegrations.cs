using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The project's defaults for Aspire's client integrations (Aspire.Npgsql, Aspire.StackExchange.Redis):
/// their health checks (in /health), tracing and metrics stay on; only what SupportBot needs differently is set here.
/// </summary>
public static class ClientIntegrations
{
    /// <summary>Aspire.Npgsql's data source for <paramref name="connectionName"/> (ConnectionStrings__{name}).</summary>
    public static IHostApplicationBuilder AddSupportBotNpgsqlDataSource(
        this IHostApplicationBuilder builder, string connectionName, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        RequireConnectionString(builder.Configuration, connectionName);
        // No auto-prepare: a prepared full-text query gets a generic plan that cannot see how selective
        // its tsquery is, and Postgres then ranks the whole table (100 ms instead of 10 at 100k tickets).
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource => configure?.Invoke(dataSource));
        return builder;
    }

    /// <summary>Aspire.StackExchange.Redis's IConnectionMultiplexer for <paramref name="connectionName"/>.</summary>
    public static IHostApplicationBuilder AddSupportBotRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        RequireConnectionString(builder.Configuration, connectionName);
        // Keep retrying in the background instead of failing start-up: /health reports the outage.
        builder.AddRedisClient(connectionName, configureOptions: options => options.AbortOnConnectFail = false);
        return builder;
    }

    /// <summary>Fails with the variable to set, before Aspire's longer message about its configuration sections.</summary>
    public static string RequireConnectionString(IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName}, " +
                "or start the service through SupportBot.AppHost, which sets it.");
}
