using System.Globalization;
using SupportBot.Contracts;
using static SupportBot.Cli.Commands.ReportCells;

namespace SupportBot.Cli.Commands;

/// <summary>The human-readable comparison report: plain text, so it reads the same in a terminal, a CI log and the docs.</summary>
internal static class ModelComparisonText
{
    public static void Write(TextWriter output, ModelComparisonView view)
    {
        output.WriteLine($"comparison {view.Id}: {view.Status}");
        output.WriteLine($"prompt {view.Prompt}: baseline {view.BaselineModel} @{view.BaselinePromptVersion}, candidate {view.CandidateModel} @{view.CandidatePromptVersion}; scope {view.Scope}");
        foreach (var run in view.Runs)
        {
            output.WriteLine($"  dataset {run.Dataset} v{run.Version}: {run.Total} items, baseline run {run.BaselineRunId} {run.BaselineStatus}, candidate run {run.CandidateRunId} {run.CandidateStatus}");
        }

        if (view.Report is not { } report)
        {
            output.WriteLine(view.Verdict is null ? $"progress {view.Completed}/{view.Total} drafts" : view.Verdict);
            return;
        }

        output.WriteLine();
        output.WriteLine($"{report.Pairs} paired items of {report.Items}; deltas are candidate - baseline, 95% intervals: {report.IntervalMethod}");
        output.WriteLine(Row("metric", "category", "pairs", "baseline", "candidate", "delta", "95% interval", ""));
        foreach (var d in report.Deltas)
        {
            output.WriteLine(Row(d.Metric, d.Category ?? "overall", I(d.Pairs), F(d.MeanA), F(d.MeanB), S(d.Delta), $"[{S(d.Lower)}, {S(d.Upper)}]", d.Significant ? "*" : ""));
        }

        output.WriteLine();
        output.WriteLine(Row("per draft", "baseline", "candidate", "", "", "", "", ""));
        var (a, b) = (report.Baseline, report.Candidate);
        output.WriteLine(Row("model", a.Model, b.Model, "", "", "", "", ""));
        output.WriteLine(Row("drafts (failed)", $"{a.Drafts} ({a.FailedItems})", $"{b.Drafts} ({b.FailedItems})", "", "", "", "", ""));
        output.WriteLine(Row("monitor flag rate", $"{Pct(a.FlagRate)} ({a.Flagged})", $"{Pct(b.FlagRate)} ({b.Flagged})", "", "", "", "", ""));
        output.WriteLine(Row("latency p50 ms", F1(a.LatencyP50Ms), F1(b.LatencyP50Ms), "", "", "", "", ""));
        output.WriteLine(Row("latency p95 ms", F1(a.LatencyP95Ms), F1(b.LatencyP95Ms), "", "", "", "", ""));
        output.WriteLine(Row("input tokens", F1(a.MeanInputTokens) + (a.TokensCounted ? " (counted)" : ""), F1(b.MeanInputTokens) + (b.TokensCounted ? " (counted)" : ""), "", "", "", "", ""));
        output.WriteLine(Row("output tokens", F1(a.MeanOutputTokens) + (a.TokensCounted ? " (counted)" : ""), F1(b.MeanOutputTokens) + (b.TokensCounted ? " (counted)" : ""), "", "", "", "", ""));
        output.WriteLine(Row("cost per 1000 drafts", Cost(a.CostPer1000Drafts), Cost(b.CostPer1000Drafts), "", "", "", "", ""));
        foreach (var monitor in a.FlagsByMonitor.Keys.Union(b.FlagsByMonitor.Keys).Order(StringComparer.Ordinal))
        {
            output.WriteLine(Row($"  flagged by {monitor}", I(a.FlagsByMonitor.GetValueOrDefault(monitor)), I(b.FlagsByMonitor.GetValueOrDefault(monitor)), "", "", "", "", ""));
        }

        output.WriteLine();
        output.WriteLine(report.Judge.Present ? $"judge: {(report.Judge.Votes ? "votes" : "does not vote")} ({report.Judge.Reason})" : $"judge: {report.Judge.Reason}");
        foreach (var rule in report.Rules)
        {
            output.WriteLine($"{(rule.Votes ? rule.Passed ? "PASS" : "FAIL" : "info")} {rule.Rule}: {rule.Reason}");
        }

        output.WriteLine($"verdict: {report.Verdict}");
    }

    private static readonly int[] Widths = [30, 18, 14, 10, 10, 8, 18, 1];

    private static string Row(params string[] cells) => ReportCells.Row(Widths, cells);

    private static string Cost(decimal? v) => v is { } c ? c.ToString("0.####", CultureInfo.InvariantCulture) : "price not configured";
}
