using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportBot.Data;

/// <summary>
/// Applies EF Core migrations before the host starts serving: hosted services start before Kestrel
/// begins listening, so no request sees an old schema. API and worker both run it, one at a time
/// (<see cref="ExclusiveMigration"/>), so concurrent starts are safe.
/// </summary>
internal sealed class MigrationHostedService(
    IServiceProvider services,
    MigrationState state,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        try
        {
            var pending = await db.Database.PendingMigrationsAsync(cancellationToken);
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateExclusivelyAsync(cancellationToken);
            }

            var last = await db.Database.LastAppliedMigrationAsync(cancellationToken) ?? "(none)";
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
}
