using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportBot.Monitors.FollowUps;

/// <summary>
/// Gauges over the follow-up queue, re-read from Postgres every <see cref="MonitorOptions.GaugeRefreshInterval"/> (a scrape
/// only reads the last snapshot): backlog size and oldest open entry's age per category, and measured precision per monitor.
/// </summary>
public sealed partial class FollowUpGauges : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly IOptions<MonitorOptions> _options;
    private readonly ILogger<FollowUpGauges> _logger;
    private volatile IReadOnlyList<(string Category, long Open, double OldestSeconds)> _backlog = [];
    private volatile IReadOnlyList<(string Monitor, double Precision)> _precision = [];

    public FollowUpGauges(IMeterFactory meters, NpgsqlDataSource dataSource, IServiceScopeFactory scopes, TimeProvider clock, IOptions<MonitorOptions> options, ILogger<FollowUpGauges> logger)
    {
        (_dataSource, _scopes, _clock, _options, _logger) = (dataSource, scopes, clock, options, logger);
        var meter = meters.Create(Checking.MonitorMetrics.MeterName);
        meter.CreateObservableGauge("supportbot.follow_up.backlog", () => _backlog.Select(b => new Measurement<long>(b.Open, new KeyValuePair<string, object?>("category", b.Category))),
            "{entry}", "Open and taken follow-up entries per category");
        meter.CreateObservableGauge("supportbot.follow_up.oldest_age", () => _backlog.Select(b => new Measurement<double>(b.OldestSeconds, new KeyValuePair<string, object?>("category", b.Category))),
            "s", "Age of the oldest unresolved follow-up entry per category");
        meter.CreateObservableGauge("supportbot.monitor.precision", () => _precision.Select(p => new Measurement<double>(p.Precision, new KeyValuePair<string, object?>("monitor", p.Monitor))),
            null, "Measured precision per monitor: resolved follow-ups not marked false positive / resolved");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(_logger, ex.GetType().Name);
            }

            await Task.Delay(_options.Value.GaugeRefreshInterval, _clock, stoppingToken);
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var backlog = new List<(string, long, double)>();
        await using (var command = _dataSource.CreateCommand(
            "SELECT category, count(*), extract(epoch FROM (now() - min(first_flagged_at)))::float8 FROM follow_ups WHERE status <> 'resolved' GROUP BY category"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                backlog.Add((reader.GetString(0), reader.GetInt64(1), Math.Max(0, reader.GetDouble(2))));
            }
        }

        // Categories whose queue emptied report 0, so the backlog alert clears instead of keeping the last value.
        foreach (var (category, _, _) in _backlog)
        {
            if (!backlog.Any(b => b.Item1 == category))
            {
                backlog.Add((category, 0, 0));
            }
        }

        _backlog = backlog;
        await using var scope = _scopes.CreateAsyncScope();
        var precision = await scope.ServiceProvider.GetRequiredService<FollowUpStore>().PrecisionAsync(cancellationToken);
        _precision = [.. precision.Where(p => p.Precision is not null).Select(p => (p.Monitor, p.Precision!.Value))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up gauges not refreshed ({Error}); keeping the last values")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}
