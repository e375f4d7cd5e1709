using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SupportBot.Drafting;

/// <summary>
/// The drafting pipeline's spans and metrics. Tags carry ids, categories, prompt versions and
/// counts, never ticket or reply text.
/// </summary>
public sealed class DraftingTelemetry : IDisposable
{
    public const string Name = "SupportBot.Drafting";
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _draftsCreated;
    private readonly Histogram<double> _duration;

    public DraftingTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _draftsCreated = _meter.CreateCounter<long>("supportbot.drafts.created", unit: "{draft}",
            description: "Drafts the agent wrote, by category and whether it handed off to a human.");
        _duration = _meter.CreateHistogram<double>("supportbot.draft.duration", unit: "s",
            description: "Time to draft a reply end to end (retrieval, classification, model, trace write).");
    }

    public void DraftCreated(string category, bool handoff, double seconds)
    {
        var tags = new TagList { { "category", category }, { "handoff", handoff ? "true" : "false" } };
        _draftsCreated.Add(1, tags);
        _duration.Record(seconds, new TagList { { "category", category } });
    }

    public void Dispose() => _meter.Dispose();
}
