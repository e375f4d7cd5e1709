using System.Diagnostics.Metrics;

namespace SupportBot.Drafting.Semantic;

/// <summary>
/// Meter "SupportBot.Vectors" (docs/metrics.md): how many vectors the backfill computed and how many
/// items still wait for one. No category label: the backfill works through the history in id order.
/// </summary>
public sealed class VectorMetrics : IDisposable
{
    public const string Name = "SupportBot.Vectors";

    private readonly Meter _meter;
    private readonly Counter<long> _computed;
    private long _pendingTickets;
    private long _pendingArticles;

    public VectorMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _computed = _meter.CreateCounter<long>("supportbot.vectors.computed", unit: "{vector}",
            description: "Sentence embeddings the backfill computed and stored, by kind (question, reply, article_chunk).");
        _meter.CreateObservableGauge("supportbot.vectors.pending", () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref _pendingTickets), new KeyValuePair<string, object?>("kind", "ticket")),
            new Measurement<long>(Interlocked.Read(ref _pendingArticles), new KeyValuePair<string, object?>("kind", "article")),
        }, unit: "{item}", description: "Historical tickets and help articles still without vectors of the current model.");
    }

    public void Computed(string kind, long count) => _computed.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Pending(long tickets, long articles)
    {
        Interlocked.Exchange(ref _pendingTickets, tickets);
        Interlocked.Exchange(ref _pendingArticles, articles);
    }

    public void Dispose() => _meter.Dispose();
}
