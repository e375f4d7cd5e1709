using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportBot.Data;

/// <summary>
/// Applies EF Core migrations before the host starts serving: hosted services start before Kestrel
/// begins listening, so no request sees an old schema. API and worker both run it when they start
/// together, so it holds a Postgres advisory lock: the second one waits, then finds nothing to do.
/// </summary>
internal sealed class MigrationHostedService(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    MigrationState state,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    /// <summary>Any constant both services agree on; "SupportBo" in ASCII.</summary>
    private const long MigrationLockKey = 0x53_75_70_70_6F_72_74_42;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        try
        {
            await using (var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                await AdvisoryLockAsync(lockConnection, "pg_advisory_lock", cancellationToken);
                try
                {
                    var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                    if (pending.Count > 0)
                    {
                        logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                        await db.Database.MigrateAsync(cancellationToken);
                    }
                }
                finally
                {
                    // Explicitly: a pooled connection keeps its session, and with it the lock, after Dispose.
                    await AdvisoryLockAsync(lockConnection, "pg_advisory_unlock", CancellationToken.None);
                }
            }

            var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
            var last = applied.LastOrDefault() ?? "(none)";
            state.Completed(last);
            logger.LogInformation("Database schema is current at {Migration}", last);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state.Failed(ex.Message);
            logger.LogCritical(ex, "Database migration failed");
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        // Waiting for another service's migrations is expected; do not let the default command timeout cut it short.
        await using var command = new NpgsqlCommand($"SELECT {function}($1)", connection) { CommandTimeout = 0, Parameters = { new() { Value = MigrationLockKey } } };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
