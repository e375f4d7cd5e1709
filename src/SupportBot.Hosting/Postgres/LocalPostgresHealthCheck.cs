using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace SupportBot.Hosting.Postgres;

/// <summary>Healthy once the application database accepts a connection and answers a query.</summary>
internal sealed class LocalPostgresHealthCheck(LocalPostgresResource resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Connecting while the postmaster still starts (or recovers) makes Postgres log a FATAL "the
        // database system is starting up" line; its pid file says when it accepts connections, as pg_ctl -w reads it.
        if (PostmasterStatus() is var status && status != "ready")
        {
            return HealthCheckResult.Unhealthy($"postgres is {status ?? "not running"}");
        }

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

    /// <summary>The 8th line of postmaster.pid: starting, stopping, ready or standby (Postgres 10 and later).</summary>
    private string? PostmasterStatus()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(resource.WorkingDirectory, "data", "postmaster.pid"));
            return lines.Length > 7 ? lines[7].Trim() : "starting";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
