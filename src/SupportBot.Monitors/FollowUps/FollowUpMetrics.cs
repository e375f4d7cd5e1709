using System.Diagnostics.Metrics;

namespace SupportBot.Monitors.FollowUps;

/// <summary>
/// Time to follow-up (meter "SupportBot.Monitors", recorded where an entry is resolved: the API): from the conversation's
/// first flag to the entry's resolution, by category and outcome. The queue's promise is a quick follow-up with the
/// customer, so this is the number SREs and team leads watch beside the backlog gauges.
/// </summary>
public sealed class FollowUpMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Histogram<double> _timeToResolve;

    public FollowUpMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Checking.MonitorMetrics.MeterName);
        // Minutes to a working day: a follow-up is a person contacting a customer, not a machine step.
        _timeToResolve = _meter.CreateHistogram<double>("supportbot.follow_up.duration", "s", "Time from a conversation's first flag to its follow-up entry being resolved",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200] });
    }

    public void Resolved(string category, string outcome, TimeSpan sinceFirstFlag) =>
        _timeToResolve.Record(Math.Max(0, sinceFirstFlag.TotalSeconds), new("category", category), new("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
