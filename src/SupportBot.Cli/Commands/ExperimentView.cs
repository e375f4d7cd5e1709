using System.Globalization;
using Spectre.Console;
using SupportBot.Contracts;

namespace SupportBot.Cli.Commands;

/// <summary>Spectre tables for experiment reports and comparisons.</summary>
internal static class ExperimentView
{
    private const int ItemsShown = 15;

    public static void WriteReport(IAnsiConsole console, ExperimentReport report)
    {
        var run = report.Run;
        console.WriteLine($"run {run.Id}: {run.Status}, {run.Completed}/{run.Total} items ({run.Failed} failed)");
        console.WriteLine($"dataset {run.DatasetName} v{run.DatasetVersion}{(run.Category is null ? "" : $" category {run.Category}")}, " +
            $"prompt {run.PromptName}@{run.PromptVersion}{(run.PromptLabel is null ? "" : $" ({run.PromptLabel})")}{(run.Model is null ? "" : $", model {run.Model}")}");
        var table = CliConsole.NewTable(console).AddColumns("metric", "scope", "n", "mean", "95% interval", "method");
        foreach (var a in report.Aggregates)
        {
            table.AddRow(Markup.Escape(a.Metric), Markup.Escape(a.Scope == "overall" ? "overall" : a.Group ?? "-"), a.N.ToString(CultureInfo.InvariantCulture),
                F(a.Mean), $"[[{F(a.Lower)}, {F(a.Upper)}]]", a.Method);
        }

        console.Write(table);
        foreach (var (metric, reason) in report.SkippedMetrics.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            console.WriteLine($"skipped {metric}: {reason}");
        }
    }

    public static void WriteComparison(IAnsiConsole console, ExperimentComparison comparison)
    {
        console.WriteLine($"A = {comparison.A.Id} ({comparison.A.PromptName}@{comparison.A.PromptVersion})");
        console.WriteLine($"B = {comparison.B.Id} ({comparison.B.PromptName}@{comparison.B.PromptVersion})");
        var table = CliConsole.NewTable(console).AddColumns("metric", "category", "pairs", "A", "B", "B − A", "95% interval", "");
        foreach (var d in comparison.Deltas)
        {
            var delta = d.Delta.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
            table.AddRow(Markup.Escape(d.Metric), Markup.Escape(d.Category ?? "overall"), d.Pairs.ToString(CultureInfo.InvariantCulture), F(d.MeanA), F(d.MeanB),
                d.Significant ? (d.Delta > 0 ? $"[green]{delta}[/]" : $"[red]{delta}[/]") : delta,
                $"[[{F(d.Lower)}, {F(d.Upper)}]]", d.Significant ? "significant" : "");
        }

        console.Write(table);
        WriteItems(console, "improved", comparison.Improved);
        WriteItems(console, "regressed", comparison.Regressed);
        console.WriteLine($"verdict: {comparison.Verdict}");
    }

    private static void WriteItems(IAnsiConsole console, string title, IReadOnlyList<ItemChange> items)
    {
        if (items.Count == 0)
        {
            console.WriteLine($"{title}: none");
            return;
        }

        var table = CliConsole.NewTable(console).Title($"{title} ({items.Count})").AddColumns("item", "metric", "A", "B", "subject");
        foreach (var item in items.Take(ItemsShown))
        {
            table.AddRow(item.ItemId.ToString()[..8], Markup.Escape(item.Metric), F(item.A), F(item.B), Markup.Escape(DatasetCommands.Shorten(item.Subject, 50)));
        }

        console.Write(table);
        if (items.Count > ItemsShown)
        {
            console.WriteLine($"… and {items.Count - ItemsShown} more (--json lists all, with both outputs)");
        }
    }

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
