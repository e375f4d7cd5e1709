using System.Diagnostics.Metrics;

namespace SupportBot.Monitors.Checking;

/// <summary>Meter "SupportBot.Monitors" (docs/metrics.md, phase 3): checked replies, flags, errors, skips, check lag.</summary>
public sealed class MonitorMetrics : IDisposable
{
    public const string MeterName = "SupportBot.Monitors";

    private readonly Meter _meter;
    private readonly Counter<long> _checked;
    private readonly Counter<long> _flags;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _skipped;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _duration;

    public MonitorMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _checked = _meter.CreateCounter<long>("supportbot.replies.checked", "{reply}", "Sent replies the monitors checked (first check only)");
        _flags = _meter.CreateCounter<long>("supportbot.monitor.flags", "{flag}", "Flags raised on sent replies, by monitor and severity");
        _errors = _meter.CreateCounter<long>("supportbot.monitor.errors", "{error}", "Monitor runs that threw (recorded as monitor_error)");
        _skipped = _meter.CreateCounter<long>("supportbot.monitor.skipped", "{check}", "Monitor runs skipped (the judge past its daily budget)");
        _lag = _meter.CreateHistogram<double>("supportbot.monitor.check.lag", "s", "Time from a reply being sent to its flags being committed",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 300] });
        _duration = _meter.CreateHistogram<double>("supportbot.monitor.duration", "s", "Time one monitor took on one reply",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5] });
    }

    public void Checked(string category, IEnumerable<(string Monitor, string Severity)> flags, TimeSpan lag)
    {
        _checked.Add(1, new KeyValuePair<string, object?>("category", category));
        foreach (var (monitor, severity) in flags)
        {
            _flags.Add(1, new("category", category), new("monitor", monitor), new("severity", severity));
        }

        _lag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("category", category));
    }

    public void Error(string monitor) => _errors.Add(1, new KeyValuePair<string, object?>("monitor", monitor));

    public void Skipped(string monitor, string reason) => _skipped.Add(1, new("monitor", monitor), new("reason", reason));

    public void MonitorDuration(string monitor, TimeSpan duration) => _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("monitor", monitor));

    public void Dispose() => _meter.Dispose();
}
