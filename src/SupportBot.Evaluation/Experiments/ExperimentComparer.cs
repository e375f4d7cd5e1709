using System.Globalization;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Evaluation.Experiments;

/// <summary>The graded outcome of one run, as the comparer needs it.</summary>
public sealed record RunOutcome(ExperimentRunView Run, IReadOnlyList<ItemMetric> Metrics, IReadOnlyDictionary<Guid, (string Subject, string Output)> Items);

/// <summary>
/// B against A on the dataset items both runs graded. Deltas are paired (per item, B − A), so item
/// difficulty cancels out: the 95% interval is Student's t on the per-item differences (for boolean
/// metrics too — the differences are −1/0/+1 and the t interval on their mean is the usual paired
/// approximation). A delta is significant when its interval excludes zero.
/// </summary>
public static class ExperimentComparer
{
    /// <summary>How far one item's numeric metric must move to be listed as improved or regressed.</summary>
    public const double ItemThreshold = 0.1;

    public static ExperimentComparison Compare(RunOutcome a, RunOutcome b)
    {
        var left = a.Metrics.ToDictionary(m => (m.ItemId, m.Metric));
        var pairs = b.Metrics
            .Where(m => left.ContainsKey((m.ItemId, m.Metric)))
            .Select(m => (B: m, A: left[(m.ItemId, m.Metric)]))
            .ToList();

        var deltas = new List<MetricDelta>();
        foreach (var metric in pairs.GroupBy(p => p.B.Metric).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            deltas.Add(Delta(metric.Key, null, [.. metric]));
            deltas.AddRange(metric.GroupBy(p => p.B.Category ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Delta(metric.Key, g.Key, [.. g])));
        }

        var changes = pairs
            .Where(p => Math.Abs(p.B.Value - p.A.Value) >= (p.B.DataType == ScoreDataTypes.Boolean ? 1 : ItemThreshold))
            .Select(p => new ItemChange(p.B.ItemId, b.Items.GetValueOrDefault(p.B.ItemId).Subject ?? "", p.B.Category, p.B.Metric, p.A.Value, p.B.Value,
                a.Items.GetValueOrDefault(p.B.ItemId).Output ?? "", b.Items.GetValueOrDefault(p.B.ItemId).Output ?? ""))
            .OrderBy(c => c.Metric, StringComparer.Ordinal).ThenByDescending(c => Math.Abs(c.B - c.A))
            .ToList();

        return new ExperimentComparison(a.Run, b.Run, deltas, [.. changes.Where(c => c.B > c.A)], [.. changes.Where(c => c.B < c.A)], Verdict(deltas));
    }

    private static MetricDelta Delta(string metric, string? category, List<(ItemMetric B, ItemMetric A)> pairs)
    {
        var interval = ConfidenceIntervals.StudentT([.. pairs.Select(p => p.B.Value - p.A.Value)]);
        var significant = interval.N > 1 && (interval.Lower > 0 || interval.Upper < 0);
        return new MetricDelta(metric, category, pairs.Count, pairs.Average(p => p.A.Value), pairs.Average(p => p.B.Value),
            interval.Mean, interval.Lower, interval.Upper, significant);
    }

    /// <summary>e.g. "B better on grounding (+0.21 ±0.08); no significant regressions".</summary>
    public static string Verdict(IReadOnlyList<MetricDelta> deltas)
    {
        var overall = deltas.Where(d => d.Category is null && d.Significant).ToList();
        var better = overall.Where(d => d.Delta > 0).Select(Describe).ToList();
        var worse = overall.Where(d => d.Delta < 0).Select(Describe).ToList();
        var parts = new List<string>();
        parts.Add(better.Count > 0 ? $"B better on {string.Join(", ", better)}" : "no significant improvements");
        parts.Add(worse.Count > 0 ? $"B worse on {string.Join(", ", worse)}" : "no significant regressions");
        return string.Join("; ", parts);
    }

    private static string Describe(MetricDelta d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Metric} ({d.Delta:+0.00;-0.00} ±{(d.Upper - d.Lower) / 2:0.00})");
}
