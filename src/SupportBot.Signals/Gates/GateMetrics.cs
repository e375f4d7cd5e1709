using System.Diagnostics.Metrics;
using SupportBot.Contracts;

namespace SupportBot.Signals.Gates;

/// <summary>
/// Meter "SupportBot.Gates": the gates as gauges, labelled by category. The callbacks only read
/// the snapshot <see cref="GateSnapshotRefresher"/> keeps fresh, so a scrape never touches the database.
/// </summary>
public sealed class GateMetrics
{
    public const string MeterName = "SupportBot.Gates";

    public GateMetrics(IMeterFactory meters, GateSnapshotHolder snapshot)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("supportbot.gate.edited_share", () => Values(snapshot, GateMath.EditedShare),
            description: "Share of sent drafts the team edited in any way, over the category's gate window");
        meter.CreateObservableGauge("supportbot.gate.corrected_share", () => Values(snapshot, GateMath.CorrectedShare),
            description: "Share of sent drafts the team corrected, over the gate window");
        meter.CreateObservableGauge("supportbot.gate.mean_edit_distance", () => Values(snapshot, GateMath.MeanEditDistance),
            description: "Mean normalized word edit distance between draft and sent reply, over the gate window");
        meter.CreateObservableGauge("supportbot.gate.thumbs_up_share", () => Values(snapshot, GateMath.ThumbsUpShare),
            description: "Thumbs up over all thumbs, over the gate window");
        meter.CreateObservableGauge("supportbot.gate.sample_size", () => SampleSizes(snapshot),
            description: "Sent drafts (kind=sent) and thumbs (kind=feedback) in the gate window");
        meter.CreateObservableGauge("supportbot.gate.ready", () => snapshot.Current.Gates.Select(g => new Measurement<int>(g.Ready ? 1 : 0, Category(g.Category))),
            description: "1 when the category's gate for customer-facing holds, else 0");
        meter.CreateObservableGauge("supportbot.category.phase", () => Phases(snapshot),
            description: "1 for the category's current phase, 0 for the other phases");
        meter.CreateObservableGauge("supportbot.review_queue.size", () => snapshot.Current.ReviewQueue.Select(q => new Measurement<int>(q.Value, Category(q.Key))),
            description: "Sent drafts waiting for review: corrected, heavily edited or thumbed down, not yet reviewed");
    }

    // No value at all without a sample: a 0 would read as "perfect" on a dashboard.
    private static IEnumerable<Measurement<double>> Values(GateSnapshotHolder snapshot, string check) =>
        from gate in snapshot.Current.Gates
        from c in gate.Checks
        where c.Name == check && c.Value is not null
        select new Measurement<double>(c.Value!.Value, Category(gate.Category));

    private static IEnumerable<Measurement<int>> SampleSizes(GateSnapshotHolder snapshot) =>
        snapshot.Current.Gates.SelectMany(g => new[]
        {
            new Measurement<int>(g.Sent, Category(g.Category), new("kind", SignalTypes.Sent)),
            new Measurement<int>(g.Feedback, Category(g.Category), new("kind", SignalTypes.Feedback)),
        });

    private static IEnumerable<Measurement<int>> Phases(GateSnapshotHolder snapshot) =>
        from gate in snapshot.Current.Gates
        from phase in PhaseRules.Ordered
        select new Measurement<int>(gate.Phase == phase ? 1 : 0, Category(gate.Category), new("phase", phase));

    private static KeyValuePair<string, object?> Category(string category) => new("category", category);
}
