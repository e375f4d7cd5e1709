using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Data;

internal sealed class MigrationHealthCheck(MigrationState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state switch
        {
            { IsComplete: true } => HealthCheckResult.Healthy($"schema at {state.AppliedMigration}"),
            { Error: not null } => HealthCheckResult.Unhealthy("migration failed; see the service log"),
            _ => HealthCheckResult.Degraded("migrations have not run yet"), // starting: /health answers 503 all the same,
        });
}
