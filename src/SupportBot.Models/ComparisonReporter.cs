using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.Models;
using SupportBot.Data.Scores;
using SupportBot.Drafting.Models;
using SupportBot.Evaluation.Experiments;
using SupportBot.Monitors;
using SupportBot.Monitors.Checking;

namespace SupportBot.Models;

/// <summary>
/// Builds a comparison's report from its finished runs: evaluator metrics paired by item, the monitors run on both
/// sides' outputs (through <see cref="MonitorSuite"/>, as on sent replies) as a 0/1 metric, latency and tokens from
/// the item results, cost from the configured prices, the judge's trust, and the non-inferiority verdict.
/// </summary>
public sealed class ComparisonReporter(
    SupportBotDbContext db, ExperimentReports reports, MonitorSuite monitors, ModelCatalog catalog, JudgeTrust judgeTrust)
{
    public async Task<ModelComparisonReport> BuildAsync(ModelComparison comparison, IReadOnlyList<ComparisonRun> runs, CancellationToken cancellationToken)
    {
        var margins = JsonSerializer.Deserialize<ComparisonOptions>(comparison.Margins, ModelComparisons.Json) ?? new ComparisonOptions();
        var baseline = await SideAsync(runs.Select(r => r.BaselineRunId), cancellationToken);
        var candidate = await SideAsync(runs.Select(r => r.CandidateRunId), cancellationToken);

        var deltas = PairedIntervals.Deltas(baseline.Metrics, candidate.Metrics);
        var judge = await judgeTrust.AssessAsync(deltas.Any(d => d.Metric == EvaluatorScoreDefinitions.JudgeCorrectness), margins, cancellationToken);
        var rules = NonInferiority.Rules(deltas, margins, judge);
        var passed = rules.Where(r => r.Votes).All(r => r.Passed);
        var pairs = baseline.Drafts.Keys.Intersect(candidate.Drafts.Keys).Count();
        return new ModelComparisonReport(
            baseline.Drafts.Count + baseline.Failed, pairs, PairedIntervals.Method, deltas,
            View(comparison.BaselineModel, baseline), View(comparison.CandidateModel, candidate), judge, rules, passed, NonInferiority.Verdict(rules));
    }

    private ModelSideView View(string model, Side side)
    {
        var definition = catalog.Contains(model) ? catalog.Definition(model) : null;
        var drafts = side.Drafts.Values.ToList();
        var latencies = drafts.Select(d => d.DraftMs).ToArray();
        var meanIn = drafts.Count == 0 ? 0 : drafts.Average(d => (double)d.InputTokens);
        var meanOut = drafts.Count == 0 ? 0 : drafts.Average(d => (double)d.OutputTokens);
        decimal? cost = definition is { InputPricePerMillion: { } pin, OutputPricePerMillion: { } pout }
            ? (((decimal)meanIn * pin) + ((decimal)meanOut * pout)) / 1_000_000m
            : null;
        return new ModelSideView(
            model, definition?.Summary ?? "no longer configured", drafts.Count, side.Failed, side.Flagged, drafts.Count == 0 ? 0 : (double)side.Flagged / drafts.Count,
            side.FlagsByMonitor, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Math.Round(meanIn, 1), Math.Round(meanOut, 1),
            drafts.Any(d => d.TokensCounted), cost is { } c ? Math.Round(c, 8) : null, cost is { } k ? Math.Round(k * 1000, 4) : null);
    }

    /// <summary>Linear interpolation between order statistics (R-7, as numpy and Excel do).</summary>
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return Math.Round(sorted[low] + ((rank - low) * (sorted[high] - sorted[low])), 2);
    }

    private sealed record DraftRow(Guid ItemId, string? Category, string Output, double DraftMs, int InputTokens, int OutputTokens, bool TokensCounted,
        string Subject, string Body, string Language, string? CustomerName, string? Citations);

    private sealed record Side(List<ItemMetric> Metrics, Dictionary<Guid, DraftRow> Drafts, int Failed, int Flagged, Dictionary<string, int> FlagsByMonitor);

    private async Task<Side> SideAsync(IEnumerable<Guid> runIds, CancellationToken cancellationToken)
    {
        var metrics = new List<ItemMetric>();
        var drafts = new Dictionary<Guid, DraftRow>();
        var failed = 0;
        foreach (var runId in runIds)
        {
            metrics.AddRange(await reports.MetricsAsync(runId, cancellationToken));
            var rows = await (from r in db.ExperimentItemResults.AsNoTracking()
                              join i in db.DatasetItems.AsNoTracking() on r.ItemId equals i.Id
                              join t in db.Traces.AsNoTracking() on r.TraceId equals t.Id into traces
                              from t in traces.DefaultIfEmpty()
                              where r.RunId == runId
                              select new { r, i.Subject, i.Body, i.Language, i.Metadata, Trace = t == null ? null : t.Metadata }).ToListAsync(cancellationToken);
            failed += rows.Count(x => x.r.Status != ExperimentItemStatuses.Succeeded);
            foreach (var x in rows.Where(x => x.r.Status == ExperimentItemStatuses.Succeeded))
            {
                drafts[x.r.ItemId] = new DraftRow(x.r.ItemId, x.r.Category, x.r.Output, x.r.DraftMs ?? x.r.DurationMs, x.r.InputTokens ?? 0, x.r.OutputTokens ?? 0,
                    x.r.TokensCounted, x.Subject, x.Body, x.Language, CustomerName(x.Metadata), x.Trace);
            }
        }

        // The monitors read each output as they would read a sent reply; a flagged draft is a 1 in monitor_flagged.
        var flagged = 0;
        var byMonitor = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var draft in drafts.Values)
        {
            var check = await monitors.CheckAsync(new ReplyToCheck($"{draft.Subject}\n{draft.Body}", draft.Output, draft.Category, draft.Language,
                draft.CustomerName, [], Citations(draft.Citations)), cancellationToken);
            var hit = check.Flags.Count > 0;
            flagged += hit ? 1 : 0;
            foreach (var monitor in check.Flags.Select(f => f.Monitor).Distinct(StringComparer.Ordinal))
            {
                byMonitor[monitor] = byMonitor.GetValueOrDefault(monitor) + 1;
            }

            metrics.Add(new ItemMetric(draft.ItemId, draft.Category, NonInferiority.FlaggedMetric, ScoreDataTypes.Boolean, hit ? 1 : 0));
        }

        return new Side(metrics, drafts, failed, flagged, byMonitor);
    }

    private static string? CustomerName(string? metadata)
    {
        if (string.IsNullOrEmpty(metadata))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(metadata);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("customerName", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString() : null;
    }

    private static List<CitedArticleRef> Citations(string? traceMetadata)
    {
        if (string.IsNullOrEmpty(traceMetadata))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(traceMetadata);
        if (!doc.RootElement.TryGetProperty("citations", out var citations) || citations.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. citations.EnumerateArray()
            .Where(c => c.TryGetProperty("slug", out _) && c.TryGetProperty("version", out _))
            .Select(c => new CitedArticleRef(c.GetProperty("slug").GetString() ?? "", c.GetProperty("version").GetInt32()))];
    }
}
