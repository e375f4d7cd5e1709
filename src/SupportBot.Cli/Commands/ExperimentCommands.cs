using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Spectre.Console;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Drafting.Prompts;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Cli.Commands;

/// <summary>
/// `supportbot experiment run|status|compare`. `run` queues the run for the eval worker (it picks
/// it up on its next sweep) and, with --wait or any threshold, follows it and applies the gate.
/// </summary>
public static class ExperimentCommands
{
    /// <summary>An aggregate fell below a --fail-below / thresholds-file threshold.</summary>
    public const int GateFailed = 3;

    /// <summary>The run itself failed, or did not finish within --timeout.</summary>
    public const int RunFailed = 4;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        return new Command("experiment", "Run prompt versions on datasets, compare runs, gate CI on thresholds.")
        {
            BuildRun(output, json),
            BuildStatus(output, json),
            BuildCompare(output, json),
            BuildCancel(output),
            BuildList(output, json),
            ExperimentReviewCommands.Build(output, json),
        };
    }

    private static Command BuildRun(TextWriter output, Option<bool> json)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset name or id.", Required = true };
        var datasetVersion = new Option<int?>("--dataset-version") { Description = "Dataset version (default: current)." };
        var category = new Option<string?>("--category") { Description = "Only the items of this category." };
        var prompt = new Option<string>("--prompt") { Description = "Prompt name.", DefaultValueFactory = _ => PromptLabels.DefaultPromptName };
        var label = new Option<string?>("--label") { Description = "Prompt label (default: production)." };
        var version = new Option<int?>("--version") { Description = "Prompt version (instead of a label)." };
        var model = new Option<string?>("--model") { Description = "Model id overriding the prompt's." };
        var failBelow = new Option<string[]>("--fail-below") { Description = "metric=threshold: exit 3 when the overall mean is below it. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var thresholds = new Option<FileInfo?>("--thresholds") { Description = "YAML file with `thresholds: {metric: value}` (e.g. eval/thresholds.yml); --fail-below wins." };
        var wait = new Option<bool>("--wait") { Description = "Follow the run with a progress bar until it finishes (implied by thresholds)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the run.", DefaultValueFactory = _ => 1800 };

        var run = new Command("run", "Queues an experiment run; with --wait or thresholds, follows it and applies the gate.")
        {
            dataset, datasetVersion, category, prompt, label, version, model, failBelow, thresholds, wait, timeout, json,
        };
        run.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            // Thresholds are checked before anything is queued: a typo must not cost a whole run.
            var gate = ReadThresholds(parse.GetValue(failBelow) ?? [], parse.GetValue(thresholds));
            if (gate.Count > 0)
            {
                // Every metric is a score definition; a misspelt one would fail the gate only after the whole run.
                var known = await db.ScoreDefinitions.Select(d => d.Name).OrderBy(n => n).ToListAsync(cancellationToken);
                if (gate.Keys.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
                {
                    throw new CliException($"unknown metric '{unknown}' in the thresholds; known: {string.Join(", ", known)}");
                }
            }
            var request = new CreateExperimentRequest(parse.GetValue(dataset), parse.GetValue(prompt), parse.GetValue(label), parse.GetValue(version),
                parse.GetValue(model), parse.GetValue(datasetVersion), parse.GetValue(category));
            var launch = await Launcher(db).LaunchAsync(request, cancellationToken);
            if (launch.Run is not { } queued)
            {
                throw new CliException(string.Join("; ", launch.Errors.SelectMany(e => e.Value.Select(m => $"{OptionName(e.Key)}: {m}"))));
            }

            var reports = new ExperimentReports(db);
            if (!parse.GetValue(wait) && gate.Count == 0)
            {
                if (parse.GetValue(json))
                {
                    // The same document as `experiment status --json`, so scripts read the id as .run.id either way.
                    await output.WriteLineAsync(JsonSerializer.Serialize(await reports.ReportAsync(queued.Id, cancellationToken), Json));
                    return CliExitCodes.Ok;
                }

                await output.WriteLineAsync($"queued run {queued.Id} ({queued.TotalItems} items); follow it with `supportbot experiment status {queued.Id}`");
                return CliExitCodes.Ok;
            }

            // With --json, stdout is the report alone (for jq); progress and the gate's verdict go to stderr.
            var messages = parse.GetValue(json) ? parse.InvocationConfiguration.Error : output;
            var finished = await FollowAsync(messages, reports, queued, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            var report = (await reports.ReportAsync(queued.Id, cancellationToken))!;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
            }
            else
            {
                ExperimentView.WriteReport(CliConsole.For(output), report);
            }

            if (finished is null || finished.Status != ExperimentStatuses.Completed)
            {
                await messages.WriteLineAsync(finished is null ? $"run {queued.Id} did not finish within the timeout" : $"run {queued.Id} {finished.Status}: {finished.Error}");
                return RunFailed;
            }

            var failures = RegressionGate.Check(gate, report.Aggregates);
            foreach (var failure in failures)
            {
                await messages.WriteLineAsync($"FAIL {failure}");
            }

            if (gate.Count > 0 && failures.Count == 0)
            {
                await messages.WriteLineAsync($"gate passed ({gate.Count} thresholds)");
            }

            return failures.Count > 0 ? GateFailed : CliExitCodes.Ok;
        }));
        return run;
    }

    private static Command BuildStatus(TextWriter output, Option<bool> json)
    {
        var id = new Argument<Guid>("run") { Description = "The run id." };
        var status = new Command("status", "A run's progress and aggregates.") { id, json };
        status.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var report = await new ExperimentReports(db).ReportAsync(parse.GetValue(id), cancellationToken)
                ?? throw new CliException($"no experiment run {parse.GetValue(id)}");
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
            }
            else
            {
                ExperimentView.WriteReport(CliConsole.For(output), report);
            }

            return CliExitCodes.Ok;
        }));
        return status;
    }

    private static Command BuildCompare(TextWriter output, Option<bool> json)
    {
        var a = new Argument<Guid>("a") { Description = "The baseline run." };
        var b = new Argument<Guid>("b") { Description = "The candidate run." };
        var compare = new Command("compare", "B against A: deltas with 95% intervals per metric and category, items that moved, a verdict.") { a, b, json };
        compare.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var comparison = await new ExperimentReports(db).CompareAsync(parse.GetValue(a), parse.GetValue(b), cancellationToken)
                ?? throw new CliException($"no experiment run {parse.GetValue(a)} or {parse.GetValue(b)}");
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(comparison, Json));
            }
            else
            {
                ExperimentView.WriteComparison(CliConsole.For(output), comparison);
            }

            return CliExitCodes.Ok;
        }));
        return compare;
    }

    private static Command BuildList(TextWriter output, Option<bool> json)
    {
        var limit = new Option<int>("--limit") { Description = "At most this many runs, newest first (1 to 500).", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "Recent runs, newest first: status, progress, dataset and prompt.") { limit, json };
        list.SetAction((parse, cancellationToken) => SupportBotCli.WithDatabaseAsync(parse, async db =>
        {
            var count = parse.GetValue(limit);
            if (count is < 1 or > 500)
            {
                throw new CliException("--limit: from 1 to 500");
            }

            var runs = await new ExperimentReports(db).ListAsync(null, count, cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(runs, Json));
                return CliExitCodes.Ok;
            }

            foreach (var run in runs)
            {
                await output.WriteLineAsync(
                    $"{run.Id}  {run.CreatedAt:yyyy-MM-dd HH:mm}  {run.Status,-9} {run.Completed,5}/{run.Total,-5}  {run.DatasetName} v{run.DatasetVersion}  {run.PromptName}@{run.PromptVersion}{(run.Model is null ? "" : " model " + run.Model)}");
            }

            if (runs.Count == 0)
            {
                await output.WriteLineAsync("no experiment runs yet");
            }

            return CliExitCodes.Ok;
        }));
        return list;
    }

    private static Command BuildCancel(TextWriter output)
    {
        var id = new Argument<Guid>("run") { Description = "The run id." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept as the run's error)." };
        var cancel = new Command("cancel", "Stops a queued or running run; what is done stays in its report.") { id, reason };
        cancel.SetAction((parse, cancellationToken) => SupportBotCli.WithDataSourceAsync(parse, async dataSource =>
        {
            var runId = parse.GetValue(id);
            var why = parse.GetValue(reason);
            if (why is { Length: > ExperimentLeases.MaxCancelReasonLength })
            {
                throw new CliException($"--reason: at most {ExperimentLeases.MaxCancelReasonLength} characters");
            }

            if (!await new ExperimentLeases(dataSource).CancelAsync(runId, $"{Environment.UserName} (cli)", why, cancellationToken))
            {
                throw new CliException($"run {runId} is not queued or running (unknown, or already finished)");
            }

            await output.WriteLineAsync($"run {runId} cancelled");
            return CliExitCodes.Ok;
        }));
        return cancel;
    }

    private static Dictionary<string, double> ReadThresholds(string[] options, FileInfo? file)
    {
        try
        {
            string? yaml = null;
            if (file is not null)
            {
                yaml = file.Exists ? File.ReadAllText(file.FullName) : throw new CliException($"--thresholds: no file {file.FullName}");
            }

            return RegressionGate.Parse(options, yaml);
        }
        catch (ThresholdFormatException ex)
        {
            throw new CliException($"malformed threshold: {ex.Message}");
        }
    }

    /// <summary>Polls the run; a live progress bar on a terminal, a line every few seconds otherwise. Null on timeout.</summary>
    private static async Task<ExperimentRunView?> FollowAsync(TextWriter output, ExperimentReports reports, ExperimentRun run, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        async Task<ExperimentRunView?> PollAsync(Action<ExperimentRunView> show)
        {
            while (DateTimeOffset.UtcNow < deadline)
            {
                var view = (await reports.RunAsync(run.Id, cancellationToken))!;
                show(view);
                if (ExperimentLeases.IsFinished(view.Status))
                {
                    return view;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }

            return null;
        }

        if (!CliConsole.IsInteractive(output))
        {
            var last = -1;
            return await PollAsync(view =>
            {
                if (view.Completed != last && (view.Completed - last >= Math.Max(1, view.Total / 10) || ExperimentLeases.IsFinished(view.Status)))
                {
                    last = view.Completed;
                    output.WriteLine($"run {view.Id}: {view.Status} {view.Completed}/{view.Total}");
                }
            });
        }

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"run {run.Id:N}"[..12], maxValue: Math.Max(1, run.TotalItems));
                return await PollAsync(view =>
                {
                    task.Value = view.Completed;
                    task.Description = Markup.Escape($"{view.Status} {view.Completed}/{view.Total}");
                });
            });
    }

    private static ExperimentLauncher Launcher(SupportBotDbContext db)
    {
        var prompts = new PromptStore(db, new MemoryCache(new MemoryCacheOptions()), TimeProvider.System);
        return new ExperimentLauncher(db, new DatasetStore(db, TimeProvider.System), prompts, new SweepOnlyRunNotifier(), TimeProvider.System);
    }

    private static string OptionName(string field) => field switch
    {
        "datasetVersion" => "--dataset-version",
        _ => "--" + field,
    };
}
