using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Data;

namespace SupportBot.Signals.Gates;

/// <summary>Re-evaluates every gate and counts the review queue every few seconds for <see cref="GateMetrics"/>.</summary>
public sealed partial class GateSnapshotRefresher(
    IServiceScopeFactory scopes, GateSnapshotHolder snapshot, IOptionsMonitor<GateOptions> options, IOptionsMonitor<ReviewQueueOptions> reviewQueue,
    MigrationState migrations, ILogger<GateSnapshotRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (migrations.IsComplete)
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep the last snapshot: stale gauges beat none while the database blips.
                    LogRefreshFailed(logger, ex);
                }
            }

            try
            {
                await Task.Delay(options.CurrentValue.GaugeRefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var gates = await scope.ServiceProvider.GetRequiredService<GateEvaluator>().EvaluateAllAsync(cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
        // The review queue's one definition, shared with GET /api/review-queue (docs/signals.md).
        var queue = await ReviewQueueQuery.CountByCategoryAsync(db, reviewQueue.CurrentValue, cancellationToken);
        // Every category gets a queue size, 0 included, so the panel shows all of them.
        var sizes = gates.ToDictionary(g => g.Category, g => queue.GetValueOrDefault(g.Category));
        snapshot.Replace(new GateSnapshot(gates, sizes));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the gate gauges failed; keeping the previous values")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
