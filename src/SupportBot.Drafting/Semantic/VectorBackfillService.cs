using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Data;

namespace SupportBot.Drafting.Semantic;

/// <summary>
/// Runs <see cref="VectorBackfill"/> in the worker: after the migrations, whenever tickets have been
/// quiet for a moment (an import finished) and something lacks a vector. Drafting does not wait for it:
/// until vectors exist, retrieval is full-text alone. With several worker replicas one backfills at a time.
/// </summary>
public sealed partial class VectorBackfillService(
    VectorBackfill backfill, MigrationState migrations, IOptions<VectorBackfillOptions> options, ILogger<VectorBackfillService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (migrations.IsComplete && await backfill.IsQuietAsync(stoppingToken))
                {
                    await backfill.RunAloneAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever was stored stays stored; the next pass carries on from there.
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector backfill pass failed; it resumes on the next pass")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
