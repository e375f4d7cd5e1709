using System.Diagnostics.Metrics;

namespace SupportBot.Models.Shadow;

/// <summary>
/// Meter "SupportBot.Models" (docs/metrics.md, shadow mode), recorded by the worker once per shadow draft: a claim
/// that inserted nothing (another worker, a repeat) records nothing.
/// </summary>
public sealed class ShadowMetrics : IDisposable
{
    public const string MeterName = "SupportBot.Models";

    private readonly Meter _meter;
    private readonly Counter<long> _drafts;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _scored;
    private readonly Histogram<double> _editDistance;
    private readonly Histogram<double> _duration;

    public ShadowMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _drafts = _meter.CreateCounter<long>("supportbot.shadow.drafts", "{draft}", "Shadow drafts a candidate made of live tickets (never shown or sent)");
        _failures = _meter.CreateCounter<long>("supportbot.shadow.failures", "{attempt}", "Shadow drafting attempts that threw");
        _scored = _meter.CreateCounter<long>("supportbot.shadow.scored", "{draft}", "Shadow drafts scored against the reply the team really sent");
        _editDistance = _meter.CreateHistogram<double>(
            "supportbot.shadow.edit_distance", null, "Normalized word edit distance between a shadow draft and the reply really sent",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1] });
        _duration = _meter.CreateHistogram<double>(
            "supportbot.shadow.draft.duration", "s", "Time a candidate took to draft one shadow draft",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    public void Drafted(string category, string candidate, double seconds)
    {
        _drafts.Add(1, new("category", category), new("candidate", candidate));
        _duration.Record(seconds, new KeyValuePair<string, object?>("candidate", candidate));
    }

    public void Failed(string candidate) => _failures.Add(1, new KeyValuePair<string, object?>("candidate", candidate));

    public void Scored(string category, string candidate, double wordEditDistance)
    {
        _scored.Add(1, new("category", category), new("candidate", candidate));
        _editDistance.Record(wordEditDistance, new("category", category), new("candidate", candidate));
    }

    public void Dispose() => _meter.Dispose();
}
