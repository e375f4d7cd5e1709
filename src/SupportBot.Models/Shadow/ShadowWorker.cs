using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportBot.Models.Shadow;

/// <summary>
/// The worker's shadow loop: claim and draft sampled live tickets (when a candidate is configured), then score shadow
/// drafts whose ticket's reply was sent (always: drafts of an earlier candidate still get their score). Postgres is
/// the system of record for both (the production draft and the sent reply are committed there before anything else
/// sees them), so the loop polls it rather than a stream: nothing is added to the API's request path.
/// </summary>
public sealed partial class ShadowWorker(ShadowDrafter drafter, ShadowScorer scorer, IOptions<ShadowOptions> options, ILogger<ShadowWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        if (settings.Enabled)
        {
            LogEnabled(logger, settings.Candidate!, settings.SampleRate);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var drafted = await drafter.RunOnceAsync(stoppingToken);
                var scored = await scorer.RunOnceAsync(Math.Max(settings.BatchSize, 50), stoppingToken);
                if (drafted == 0 && scored == 0)
                {
                    await Task.Delay(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Postgres away or a bug: the claims stay in the table, so nothing is lost; try again later.
                LogPaused(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shadow mode: {Candidate} drafts a share {SampleRate} of live tickets (never shown or sent)")]
    private static partial void LogEnabled(ILogger logger, string candidate, double sampleRate);

    // Failures of the SQL here name ids at most; drafting failures (which could quote a ticket) are caught per draft.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow loop paused for 5 s")]
    private static partial void LogPaused(ILogger logger, Exception exception);
}
