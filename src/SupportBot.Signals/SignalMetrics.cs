using System.Diagnostics.Metrics;

namespace SupportBot.Signals;

/// <summary>
/// Meter "SupportBot.Signals" (docs/metrics.md, phase 2). Recorded by the worker once per event,
/// on first processing only: a redelivered duplicate moves only signal.events{outcome=duplicate}.
/// </summary>
public sealed class SignalMetrics : IDisposable
{
    public const string MeterName = "SupportBot.Signals";

    private readonly Meter _meter;
    private readonly Counter<long> _draftsSent;
    private readonly Histogram<double> _editDistance;
    private readonly Counter<long> _feedback;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _lag;

    public SignalMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _draftsSent = _meter.CreateCounter<long>("supportbot.drafts.sent", "{draft}", "Drafts the team sent, by how they edited them");
        _editDistance = _meter.CreateHistogram<double>(
            "supportbot.draft.edit_distance", null, "Normalized word-level edit distance between draft and sent reply",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1] });
        _feedback = _meter.CreateCounter<long>("supportbot.feedback", "{thumb}", "Thumbs on drafts");
        _events = _meter.CreateCounter<long>("supportbot.signal.events", "{event}", "Signal events the worker handled, by outcome");
        _lag = _meter.CreateHistogram<double>(
            "supportbot.signal.lag", "s", "Time from the API accepting a signal to the worker committing it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    public void Sent(string category, string editType, double wordEditDistance)
    {
        _draftsSent.Add(1, new("category", category), new("edit_type", editType));
        _editDistance.Record(wordEditDistance, new KeyValuePair<string, object?>("category", category));
    }

    public void Feedback(string category, string thumb) => _feedback.Add(1, new("category", category), new("thumb", thumb));

    public void Event(string type, string outcome) => _events.Add(1, new("type", type), new("outcome", outcome));

    public void Lag(TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds));

    public void Dispose() => _meter.Dispose();
}

public static class SignalOutcomes
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string DeadLettered = "dead_lettered";
    public const string Failed = "failed";
}
