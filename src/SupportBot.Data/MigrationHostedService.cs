using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportBot.Data;

/// <summary>
/// Applies EF Core migrations before the host starts serving: hosted services start before Kestrel
/// begins listening, so no request sees an old schema. API and worker both run it at the same time
/// on a fresh database. EF Core's own migration lock on Postgres holds only per migration
/// transaction, and both processes were seen applying the same migration ("relation already
/// exists"), so the whole check-and-migrate step runs under a Postgres advisory lock.
/// </summary>
internal sealed class MigrationHostedService(
    IServiceProvider services,
    MigrationState state,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    /// <summary>Any fixed number, the same in every process that migrates this database.</summary>
    private const long AdvisoryLockKey = 0x5375_7070_6f72_7442; // "SupportB"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        try
        {
            // A session lock on a connection of its own: released on unlock, or by Postgres if we die.
            await using var lockConnection = await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
            await AdvisoryLockAsync(lockConnection, "pg_advisory_lock", cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }

            var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
            var last = applied.LastOrDefault() ?? "(none)";
            await AdvisoryLockAsync(lockConnection, "pg_advisory_unlock", cancellationToken);
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
        await using var command = new NpgsqlCommand($"SELECT {function}($1)", connection) { Parameters = { new() { Value = AdvisoryLockKey } } };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
