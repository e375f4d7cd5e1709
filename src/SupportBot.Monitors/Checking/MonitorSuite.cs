using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SupportBot.Contracts;

namespace SupportBot.Monitors.Checking;

/// <summary>
/// Runs every registered monitor on one reply — the same code for the worker and for the dry run of
/// `POST /api/monitors/check`, so both answer the same flags. A monitor that throws becomes one
/// <c>monitor_error</c> flag (its exception type, never the text) and the others still run.
/// </summary>
public sealed partial class MonitorSuite(IEnumerable<IReplyMonitor> monitors, MonitorMetrics metrics, ILogger<MonitorSuite> logger)
{
    public const string ErrorVersion = "1.0";

    private readonly IReadOnlyList<IReplyMonitor> _monitors = [.. monitors];

    public IReadOnlyList<string> MonitorNames => [.. _monitors.Select(m => m.Name)];

    public async Task<MonitorCheckResult> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken)
    {
        var flags = new List<MonitorFlag>();
        var run = new List<string>(_monitors.Count);
        var skipped = new List<string>();
        foreach (var monitor in _monitors)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var found = await monitor.CheckAsync(reply, cancellationToken);
                flags.AddRange(found);
                run.Add(monitor.Name);
            }
            catch (MonitorSkippedException skip)
            {
                skipped.Add(monitor.Name);
                metrics.Skipped(monitor.Name, skip.Reason);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogMonitorFailed(logger, ex, monitor.Name);
                metrics.Error(monitor.Name);
                run.Add(monitor.Name);
                flags.Add(new MonitorFlag(
                    Contracts.MonitorNames.MonitorError, ErrorVersion, FlagSeverities.Low, monitor.Name,
                    $"{monitor.Name} {monitor.Version} failed: {ex.GetType().Name}", new EvidenceSpan(0, 0, "")));
            }
            finally
            {
                metrics.MonitorDuration(monitor.Name, Stopwatch.GetElapsedTime(started));
            }
        }

        return new MonitorCheckResult(flags, run, skipped);
    }

    // The exception's message is left out: it may quote the reply.
    [LoggerMessage(Level = LogLevel.Error, Message = "Monitor {Monitor} failed on a reply; recorded as monitor_error, the other monitors still ran")]
    private static partial void LogMonitorFailed(ILogger logger, Exception exception, string monitor);
}

/// <summary>Thrown by a monitor that chose not to run (the judge past its daily budget): counted, not an error.</summary>
public sealed class MonitorSkippedException(string reason) : Exception($"skipped: {reason}")
{
    public string Reason { get; } = reason;
}
