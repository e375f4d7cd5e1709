using System.Diagnostics;
using Spectre.Console;
using SupportBot.Contracts;
using SupportBot.Data.Import;

namespace SupportBot.Cli.Commands;

/// <summary>
/// What an import shows: on a terminal a live progress bar and a summary table; when the output is
/// a file or a pipe, a plain progress line every few seconds and plain summary lines, easy to grep.
/// </summary>
internal sealed class ImportView(TextWriter output, string fileName, long? totalBytes)
{
    private const int SkippedRowsShown = 20;
    private static readonly TimeSpan PlainProgressEvery = TimeSpan.FromSeconds(5);

    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public async Task<ImportSummary> RunAsync(Func<IProgress<ImportProgress>, Task<ImportSummary>> import)
    {
        if (!_interactive)
        {
            var sinceLast = Stopwatch.StartNew();
            return await import(new Reporter(progress =>
            {
                if (sinceLast.Elapsed >= PlainProgressEvery)
                {
                    sinceLast.Restart();
                    output.WriteLine($"{fileName}: {Describe(progress)}");
                }
            }));
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(fileName), maxValue: Math.Max(totalBytes ?? 1, 1));
                task.IsIndeterminate = totalBytes is null;
                var summary = await import(new Reporter(progress =>
                {
                    task.Value = progress.BytesRead;
                    task.Description = Markup.Escape(
                        $"{fileName}: {progress.RowsRead:N0} read, {progress.Imported:N0} new, {progress.Updated:N0} updated, {progress.Skipped:N0} skipped");
                }));
                task.Value = task.MaxValue;
                return summary;
            });
    }

    public void WriteSummary(ImportSummary summary, TimeSpan elapsed)
    {
        (string Label, long Count)[] counts =
        [
            ("imported", summary.Imported),
            ("updated", summary.Updated),
            ("unchanged", summary.Unchanged),
            ("skipped", summary.Skipped),
            ("duplicates", summary.Duplicates),
        ];
        var timing = $"{summary.RowsRead:N0} rows in {elapsed.TotalSeconds:N1} s ({summary.RowsRead / Math.Max(elapsed.TotalSeconds, 0.001):N0} rows/s)";

        if (_interactive)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("result").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var (label, count) in counts)
            {
                table.AddRow(label, count.ToString("N0"));
            }

            AnsiConsole.Write(table);
        }
        else
        {
            foreach (var (label, count) in counts)
            {
                output.WriteLine($"{label,-11} {count}");
            }
        }

        output.WriteLine(timing);

        if (summary.Duplicates > 0)
        {
            output.WriteLine($"duplicates are rows whose id came again later in the same batch; the later row was kept");
        }

        if (summary.Errors.Count == 0)
        {
            return;
        }

        output.WriteLine(summary.Skipped > SkippedRowsShown ? $"skipped rows (first {SkippedRowsShown} of {summary.Skipped:N0}):" : "skipped rows:");
        foreach (var error in summary.Errors.Take(SkippedRowsShown))
        {
            output.WriteLine($"  line {error.Line}: {error.Reason}");
        }
    }

    private static string Describe(ImportProgress progress) =>
        $"read {progress.RowsRead:N0} rows{Percent(progress)}, imported {progress.Imported:N0}, updated {progress.Updated:N0}, " +
        $"unchanged {progress.Unchanged:N0}, skipped {progress.Skipped:N0}";

    private static string Percent(ImportProgress progress) =>
        progress.TotalBytes is > 0 and var total ? $" ({100.0 * progress.BytesRead / total:N0}%)" : "";

    /// <summary>Reports on the importer's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
