using SupportBot.Contracts;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Models;

/// <summary>
/// Paired deltas (candidate − baseline on the same dataset item) with a 95% Student's t interval on the mean of the
/// per-item differences — the method `supportbot experiment compare` uses, so the two commands agree to the digit.
///
/// Why paired t and not a paired bootstrap: the comparison pools every dataset, so n is the number of items (tens
/// to thousands), where the mean of differences is close to normal and t is accurate; t is deterministic (no seed,
/// the same report every time it is read back), costs nothing, and is what the rest of the project reports. The
/// bootstrap's advantage — no normality assumption — matters for small, skewed samples, i.e. small categories; its
/// percentile interval is also too narrow there, so it would not rescue them. For 0/1 metrics (flags, handoff) the
/// differences are −1/0/+1 and t on their mean is the usual paired approximation; with no discordant pair the
/// interval is [0, 0], which is exact. With one pair the interval is the value (no spread to estimate).
/// </summary>
public static class PairedIntervals
{
    public const string Method = "paired Student's t on per-item differences, 95%";

    /// <summary>Overall and per-category deltas of every metric both sides graded on the same item.</summary>
    public static List<MetricDelta> Deltas(IReadOnlyList<ItemMetric> baseline, IReadOnlyList<ItemMetric> candidate)
    {
        var left = baseline.ToDictionary(m => (m.ItemId, m.Metric));
        var pairs = candidate.Where(m => left.ContainsKey((m.ItemId, m.Metric))).Select(m => (B: m, A: left[(m.ItemId, m.Metric)])).ToList();
        var deltas = new List<MetricDelta>();
        foreach (var metric in pairs.GroupBy(p => p.B.Metric).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            deltas.Add(Delta(metric.Key, null, [.. metric]));
            deltas.AddRange(metric.GroupBy(p => p.B.Category ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Delta(metric.Key, g.Key, [.. g])));
        }

        return deltas;
    }

    private static MetricDelta Delta(string metric, string? category, List<(ItemMetric B, ItemMetric A)> pairs)
    {
        var interval = ConfidenceIntervals.StudentT([.. pairs.Select(p => p.B.Value - p.A.Value)]);
        var significant = interval.N > 1 && (interval.Lower > 0 || interval.Upper < 0);
        return new MetricDelta(metric, category, pairs.Count, pairs.Average(p => p.A.Value), pairs.Average(p => p.B.Value),
            interval.Mean, interval.Lower, interval.Upper, significant);
    }
}
