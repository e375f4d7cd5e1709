using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportBot.Evaluation.Experiments;

/// <summary>
/// The eval worker's experiment loop: wakes on a queue message (or the periodic sweep), claims the
/// oldest claimable run of its pool from Postgres and runs it. One run at a time per worker; items
/// within a run go in parallel (<see cref="ExperimentOptions.Concurrency"/>).
/// </summary>
public sealed class ExperimentWorkerService(
    RedisRunDoorbell stream,
    ExperimentLeases leases,
    ExperimentRunner runner,
    IOptions<ExperimentOptions> options,
    TimeProvider clock,
    ILogger<ExperimentWorkerService> logger) : BackgroundService
{
    /// <summary>Unique per process: a restarted worker is a new owner and must wait for (or take over) its old lease like any other.</summary>
    public string WorkerId { get; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}@{Environment.MachineName}" is var id && id.Length > 200 ? id[..200] : id;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        var lastSweep = DateTimeOffset.MinValue;
        var lastHeartbeat = DateTimeOffset.MinValue;
        logger.LogInformation("Experiment worker {WorkerId} serving pool {Pool}", WorkerId, settings.Pool);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                if (now - lastHeartbeat >= RedisRunDoorbell.PoolHeartbeat / 3)
                {
                    await stream.HeartbeatAsync(settings.Pool);
                    lastHeartbeat = now;
                }

                var woken = (await stream.ReadAsync(settings.Pool, WorkerId)).Count > 0;
                if (woken || now - lastSweep >= TimeSpan.FromSeconds(settings.SweepSeconds))
                {
                    lastSweep = now;
                    while (!stoppingToken.IsCancellationRequested
                        && await leases.TryClaimAsync(settings.Pool, WorkerId, lease, stoppingToken) is { } runId)
                    {
                        await runner.RunAsync(runId, WorkerId, stoppingToken);
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(settings.PollMilliseconds), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Redis or Postgres away for a moment: keep the worker alive and try again.
                logger.LogWarning(ex, "Experiment worker loop error; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }
}
