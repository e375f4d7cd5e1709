using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SupportBot.Evaluation.Experiments;

/// <summary>Experiment throughput for dashboards: items and runs by status, item latency. No text, no ids.</summary>
public sealed class ExperimentTelemetry : IDisposable
{
    public const string Name = "SupportBot.Experiments";

    private readonly Meter _meter;
    private readonly Counter<long> _items;
    private readonly Histogram<double> _itemDuration;
    private readonly Counter<long> _runs;

    public ExperimentTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _items = _meter.CreateCounter<long>("supportbot.experiment.items", unit: "{item}",
            description: "Experiment items drafted and graded, by category and status (succeeded, failed).");
        _itemDuration = _meter.CreateHistogram<double>("supportbot.experiment.item.duration", unit: "s",
            description: "Time to draft and grade one experiment item.");
        _runs = _meter.CreateCounter<long>("supportbot.experiment.runs", unit: "{run}",
            description: "Experiment runs finished, by status (completed, failed).");
    }

    public void ItemFinished(string? category, string status, double seconds)
    {
        var bounded = category ?? "uncategorized";
        _items.Add(1, new TagList { { "category", bounded }, { "status", status } });
        _itemDuration.Record(seconds, new TagList { { "category", bounded } });
    }

    public void RunFinished(string status) => _runs.Add(1, new TagList { { "status", status } });

    public void Dispose() => _meter.Dispose();
}
