using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SupportBot.Hosting.Postgres;

/// <summary>Healthy once the application database accepts a connection and answers a query.</summary>
internal sealed class LocalPostgresHealthCheck(LocalPostgresResource resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(await resource.ConnectionStringExpression.GetValueAsync(cancellationToken))
            {
                Pooling = false,
                Timeout = 3,
            };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
