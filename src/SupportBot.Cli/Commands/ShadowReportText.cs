using SupportBot.Contracts;
using static SupportBot.Cli.Commands.ReportCells;

namespace SupportBot.Cli.Commands;

/// <summary>The human-readable shadow report (`supportbot model shadow`): the same table layout as the comparison report.</summary>
internal static class ShadowReportText
{
    public static void Write(TextWriter output, ShadowReportsView view)
    {
        if (view.Candidates.Count == 0)
        {
            output.WriteLine("no shadow drafts yet: configure Models:Shadow:Candidate (and SampleRate) on the worker; see docs/switching-models.md");
            return;
        }

        foreach (var report in view.Candidates)
        {
            Write(output, report);
            output.WriteLine();
        }
    }

    private static void Write(TextWriter output, ShadowReportView r)
    {
        output.WriteLine($"shadow candidate {r.Candidate} ({r.Summary}): {r.Tickets} live tickets sampled{(r.FirstDraftedAt is { } from ? $", drafted {from:u} .. {r.LastDraftedAt:u}" : "")}");
        output.WriteLine($"  drafted {r.Drafted}, failed {r.Failed}, in progress {r.Pending}; scored against the sent reply {r.Scored}");
        if (r.Deltas.Count > 0)
        {
            output.WriteLine($"deltas are shadow - production on the same tickets, 95% intervals: {r.IntervalMethod}");
            output.WriteLine(Row("metric", "category", "pairs", "production", "shadow", "delta", "95% interval", ""));
            foreach (var d in r.Deltas)
            {
                output.WriteLine(Row(d.Metric, d.Category ?? "overall", I(d.Pairs), F(d.MeanA), F(d.MeanB), S(d.Delta), $"[{S(d.Lower)}, {S(d.Upper)}]", d.Significant ? "*" : ""));
            }
        }

        output.WriteLine(Row("per category", "drafted (scored)", "side", "edit dist", "flag rate", "p50 ms", "p95 ms", "handoff"));
        foreach (var c in r.Categories.Prepend(r.Overall))
        {
            foreach (var (side, s) in new[] { ("production", c.Production), ("shadow", c.Shadow) })
            {
                output.WriteLine(Row(side == "production" ? c.Category ?? "overall" : "", side == "production" ? $"{c.Drafted} ({c.Scored})" : "", side,
                    s.MeanEditDistance is { } e ? F(e) : "-", $"{Pct(s.FlagRate)} ({s.Flagged})", s.LatencyP50Ms is { } p50 ? F1(p50) : "-",
                    s.LatencyP95Ms is { } p95 ? F1(p95) : "-", Pct(s.HandoffRate)));
            }
        }

        var monitors = r.Overall.Production.FlagsByMonitor.Keys.Union(r.Overall.Shadow.FlagsByMonitor.Keys).Order(StringComparer.Ordinal).ToList();
        foreach (var monitor in monitors)
        {
            output.WriteLine($"  flagged by {monitor}: production {r.Overall.Production.FlagsByMonitor.GetValueOrDefault(monitor)}, shadow {r.Overall.Shadow.FlagsByMonitor.GetValueOrDefault(monitor)}");
        }
    }

    private static readonly int[] Widths = [22, 24, 12, 10, 10, 9, 20, 1];

    private static string Row(params string[] cells) => ReportCells.Row(Widths, cells);
}
