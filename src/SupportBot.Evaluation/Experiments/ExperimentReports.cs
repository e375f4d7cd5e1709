using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Evaluation.Experiments;

/// <summary>One graded metric of one item of a run.</summary>
/// <param name="FailureMode">The failure mode the item was added to its dataset for (error analysis), if any.</param>
public sealed record ItemMetric(Guid ItemId, string? Category, string Metric, string DataType, double Value, string? FailureMode = null);

/// <summary>Reads runs back: progress, per-item results, aggregates with intervals, comparisons.</summary>
public sealed class ExperimentReports(SupportBotDbContext db)
{
    public async Task<ExperimentRunView?> RunAsync(Guid runId, CancellationToken cancellationToken) =>
        (await ViewsAsync(db.ExperimentRuns.Where(r => r.Id == runId), cancellationToken)).SingleOrDefault();

    public Task<List<ExperimentRunView>> ListAsync(Guid? datasetId, int limit, CancellationToken cancellationToken) =>
        ViewsAsync(db.ExperimentRuns.Where(r => datasetId == null || r.DatasetId == datasetId).OrderByDescending(r => r.CreatedAt).Take(limit), cancellationToken);

    public async Task<ExperimentReport?> ReportAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await RunAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var aggregates = Aggregate(await MetricsAsync(runId, cancellationToken));
        // Only metrics no item got: one skipped on some items (the expected article where none is known) still has its aggregate.
        var skipped = (JsonSerializer.Deserialize<Dictionary<string, string>>(
                await db.ExperimentRuns.Where(r => r.Id == runId).Select(r => r.SkippedMetrics).SingleAsync(cancellationToken)) ?? [])
            .Where(s => !aggregates.Any(a => a.Metric == s.Key))
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return new ExperimentReport(run, aggregates, skipped);
    }

    public async Task<List<ExperimentItemView>> ItemsAsync(Guid runId, CancellationToken cancellationToken)
    {
        var rows = await (from r in db.ExperimentItemResults.AsNoTracking()
                          join i in db.DatasetItems.AsNoTracking() on r.ItemId equals i.Id
                          where r.RunId == runId
                          orderby r.ItemId
                          select new { r, i.Subject }).ToListAsync(cancellationToken);
        var scores = (await MetricsAsync(runId, cancellationToken)).ToLookup(m => m.ItemId);
        return [.. rows.Select(x => new ExperimentItemView(x.r.ItemId, x.Subject, x.r.Category, x.r.Status, x.r.TraceId, x.r.Output, x.r.Handoff, x.r.Error, x.r.DurationMs,
            scores[x.r.ItemId].ToDictionary(m => m.Metric, m => (double?)m.Value)))];
    }

    /// <summary>Null when either run is unknown.</summary>
    public async Task<ExperimentComparison?> CompareAsync(Guid a, Guid b, CancellationToken cancellationToken)
    {
        var left = await OutcomeAsync(a, cancellationToken);
        var right = await OutcomeAsync(b, cancellationToken);
        return left is null || right is null ? null : ExperimentComparer.Compare(left, right);
    }

    private async Task<RunOutcome?> OutcomeAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await RunAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var items = await (from r in db.ExperimentItemResults.AsNoTracking()
                           join i in db.DatasetItems.AsNoTracking() on r.ItemId equals i.Id
                           where r.RunId == runId
                           select new { r.ItemId, i.Subject, r.Output }).ToDictionaryAsync(x => x.ItemId, x => (x.Subject, x.Output), cancellationToken);
        return new RunOutcome(run, await MetricsAsync(runId, cancellationToken), items);
    }

    /// <summary>Every numeric/boolean evaluator score of a run, keyed by dataset item (skipped metrics have no row).</summary>
    public async Task<List<ItemMetric>> MetricsAsync(Guid runId, CancellationToken cancellationToken)
    {
        var metrics = await (from s in db.Scores.AsNoTracking()
                             join r in db.ExperimentItemResults.AsNoTracking() on s.TraceId equals r.TraceId
                             where s.ExperimentRunId == runId && r.RunId == runId && s.NumericValue != null
                             select new ItemMetric(r.ItemId, r.Category, s.Name, s.DataType, s.NumericValue!.Value, null)).ToListAsync(cancellationToken);
        var failureModes = await FailureModesAsync(runId, cancellationToken);
        return failureModes.Count == 0 ? metrics : [.. metrics.Select(m => m with { FailureMode = failureModes.GetValueOrDefault(m.ItemId) })];
    }

    /// <summary>Items added from a reviewed trace keep its failure mode in their metadata (<c>failureMode</c>).</summary>
    private async Task<Dictionary<Guid, string>> FailureModesAsync(Guid runId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<TaggedItem>($"""
            SELECT d.id AS item_id, d.metadata ->> 'failureMode' AS failure_mode
            FROM experiment_item_results e JOIN dataset_items d ON d.id = e.item_id
            WHERE e.run_id = {runId} AND jsonb_typeof(d.metadata -> 'failureMode') = 'string'
            """).ToListAsync(cancellationToken))
        .ToDictionary(t => t.ItemId, t => t.FailureMode);

    private sealed record TaggedItem(Guid ItemId, string FailureMode);

    /// <summary>
    /// Overall (a run covers one dataset version, so this is the per-dataset figure), per category, and per failure
    /// mode for items that came from a reviewed trace: did the fix for "cites outdated article" work?
    /// </summary>
    public static List<MetricAggregate> Aggregate(IReadOnlyList<ItemMetric> metrics)
    {
        var aggregates = new List<MetricAggregate>();
        foreach (var metric in metrics.GroupBy(m => (m.Metric, m.DataType)).OrderBy(g => g.Key.Metric, StringComparer.Ordinal))
        {
            aggregates.Add(ToAggregate(metric.Key.Metric, metric.Key.DataType, "overall", null, metric));
            aggregates.AddRange(metric.GroupBy(m => m.Category ?? "")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => ToAggregate(metric.Key.Metric, metric.Key.DataType, "category", g.Key, g)));
            aggregates.AddRange(metric.Where(m => m.FailureMode is not null).GroupBy(m => m.FailureMode!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => ToAggregate(metric.Key.Metric, metric.Key.DataType, "failure_mode", g.Key, g)));
        }

        return aggregates;
    }

    private static MetricAggregate ToAggregate(string metric, string dataType, string scope, string? group, IEnumerable<ItemMetric> values)
    {
        var interval = ConfidenceIntervals.For(dataType, [.. values.Select(v => v.Value)]);
        return new MetricAggregate(metric, dataType, scope, group, interval.N, interval.Mean, interval.Lower, interval.Upper, interval.Method);
    }

    private async Task<List<ExperimentRunView>> ViewsAsync(IQueryable<ExperimentRun> runs, CancellationToken cancellationToken) =>
        await (from r in runs.AsNoTracking()
               join d in db.Datasets.AsNoTracking() on r.DatasetId equals d.Id
               select new ExperimentRunView(
                   r.Id, r.DatasetId, d.Name, r.DatasetVersion, r.Category, r.PromptName, r.PromptLabel, r.PromptVersion, r.Model, r.Status, r.TotalItems,
                   db.ExperimentItemResults.Count(x => x.RunId == r.Id),
                   db.ExperimentItemResults.Count(x => x.RunId == r.Id && x.Status == ExperimentItemStatuses.Failed),
                   r.Error, r.CreatedAt, r.StartedAt, r.FinishedAt, r.ModelConfiguration)).ToListAsync(cancellationToken);
}
