using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Models;
using SupportBot.Drafting.Models;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Models.Shadow;

/// <summary>
/// Production against a shadow candidate on the same live tickets (docs/switching-models.md, shadow mode). Deltas are
/// shadow − production per ticket with the paired t interval of the offline comparison (<see cref="PairedIntervals"/>),
/// so the two kinds of evidence read the same way. Reads numbers only: no ticket or reply text leaves the table.
/// </summary>
public sealed class ShadowReporter(SupportBotDbContext db, ModelCatalog catalog)
{
    public const string EditDistanceMetric = "edit_distance";
    public const string FlaggedMetric = "monitor_flagged";
    public const string LatencyMetric = "latency_ms";

    private sealed record Row(
        string Candidate, string Category, string Status, bool Scored, double? EditDistance, double? ProductionEditDistance,
        string[] Flags, string[] ProductionFlags, double? LatencyMs, double? ProductionLatencyMs, bool Handoff, bool ProductionHandoff,
        DateTimeOffset? DraftedAt);

    /// <summary>Every candidate with shadow drafts since <paramref name="since"/> (all time when null), or only <paramref name="candidate"/>.</summary>
    public async Task<ShadowReportsView> ReportAsync(string? candidate, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var query = from s in db.ShadowDrafts.AsNoTracking()
                    join d in db.Drafts on s.ProductionDraftId equals d.Id
                    select new { s, ProductionHandoff = d.Handoff, d.CreatedAt };
        if (!string.IsNullOrWhiteSpace(candidate))
        {
            query = query.Where(x => x.s.Candidate == candidate);
        }

        if (since is { } from)
        {
            query = query.Where(x => x.CreatedAt >= from);
        }

        var rows = await query
            .Select(x => new Row(x.s.Candidate, x.s.Category, x.s.Status, x.s.ScoredAt != null, x.s.EditDistance, x.s.ProductionEditDistance,
                x.s.Flags, x.s.ProductionFlags, x.s.LatencyMs, x.s.ProductionLatencyMs, x.s.Handoff, x.ProductionHandoff, x.s.DraftedAt))
            .ToListAsync(cancellationToken);
        var reports = rows.GroupBy(r => r.Candidate).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Report(g.Key, [.. g])).ToList();
        if (reports.Count == 0 && !string.IsNullOrWhiteSpace(candidate) && catalog.Contains(candidate))
        {
            reports.Add(Report(candidate, []));
        }

        return new ShadowReportsView(since, reports);
    }

    private ShadowReportView Report(string candidate, List<Row> rows)
    {
        var drafted = rows.Where(r => r.Status == ShadowDraftStatuses.Drafted).ToList();
        var deltas = new List<MetricDelta>();
        AddDeltas(deltas, EditDistanceMetric, drafted.Where(r => r.Scored && r.EditDistance is not null && r.ProductionEditDistance is not null)
            .Select(r => (r.Category, Production: r.ProductionEditDistance!.Value, Shadow: r.EditDistance!.Value)));
        AddDeltas(deltas, FlaggedMetric, drafted.Select(r => (r.Category, Production: r.ProductionFlags.Length > 0 ? 1.0 : 0, Shadow: r.Flags.Length > 0 ? 1.0 : 0)));
        AddDeltas(deltas, LatencyMetric, drafted.Where(r => r.LatencyMs is not null && r.ProductionLatencyMs is not null)
            .Select(r => (r.Category, Production: r.ProductionLatencyMs!.Value, Shadow: r.LatencyMs!.Value)));
        var draftedTimes = drafted.Where(r => r.DraftedAt is not null).Select(r => r.DraftedAt!.Value).ToList();
        return new ShadowReportView(
            candidate,
            catalog.Contains(candidate) ? catalog.Definition(candidate).Summary : "no longer configured",
            rows.Count,
            drafted.Count,
            rows.Count(r => r.Status == ShadowDraftStatuses.Failed),
            rows.Count(r => r.Status == ShadowDraftStatuses.Drafting),
            drafted.Count(r => r.Scored),
            PairedIntervals.Method,
            deltas,
            Category(null, drafted),
            [.. drafted.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Category(g.Key, [.. g]))],
            draftedTimes.Count == 0 ? null : draftedTimes.Min(),
            draftedTimes.Count == 0 ? null : draftedTimes.Max());
    }

    /// <summary>Overall, then per category, as the offline comparison lists them.</summary>
    private static void AddDeltas(List<MetricDelta> deltas, string metric, IEnumerable<(string Category, double Production, double Shadow)> pairs)
    {
        var all = pairs.ToList();
        if (all.Count == 0)
        {
            return;
        }

        deltas.Add(Delta(metric, null, all));
        deltas.AddRange(all.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Delta(metric, g.Key, [.. g])));
    }

    private static MetricDelta Delta(string metric, string? category, List<(string Category, double Production, double Shadow)> pairs)
    {
        var interval = ConfidenceIntervals.StudentT([.. pairs.Select(p => p.Shadow - p.Production)]);
        var significant = interval.N > 1 && (interval.Lower > 0 || interval.Upper < 0);
        return new MetricDelta(metric, category, pairs.Count, pairs.Average(p => p.Production), pairs.Average(p => p.Shadow),
            interval.Mean, interval.Lower, interval.Upper, significant);
    }

    private static ShadowCategoryView Category(string? category, List<Row> drafted) => new(
        category,
        drafted.Count,
        drafted.Count(r => r.Scored),
        Side(drafted, r => r.ProductionEditDistance, r => r.ProductionFlags, r => r.ProductionLatencyMs, r => r.ProductionHandoff),
        Side(drafted, r => r.EditDistance, r => r.Flags, r => r.LatencyMs, r => r.Handoff));

    private static ShadowSideView Side(
        List<Row> drafted, Func<Row, double?> editDistance, Func<Row, string[]> flags, Func<Row, double?> latency, Func<Row, bool> handoff)
    {
        var distances = drafted.Where(r => r.Scored).Select(editDistance).OfType<double>().ToList();
        var latencies = drafted.Select(latency).OfType<double>().Order().ToArray();
        var flagged = drafted.Count(r => flags(r).Length > 0);
        var byMonitor = drafted.SelectMany(flags).GroupBy(m => m).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ShadowSideView(
            distances.Count == 0 ? null : Math.Round(distances.Average(), 4),
            flagged,
            drafted.Count == 0 ? 0 : Math.Round((double)flagged / drafted.Count, 4),
            byMonitor,
            latencies.Length == 0 ? null : Math.Round(ComparisonReporter.Percentile(latencies, 0.50), 1),
            latencies.Length == 0 ? null : Math.Round(ComparisonReporter.Percentile(latencies, 0.95), 1),
            drafted.Count == 0 ? 0 : Math.Round((double)drafted.Count(handoff) / drafted.Count, 4));
    }
}
