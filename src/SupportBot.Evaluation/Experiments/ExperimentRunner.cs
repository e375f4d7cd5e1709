using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Drafting.Pipeline;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Evaluation.Experiments;

/// <summary>
/// Executes one claimed run: every item of the pinned dataset version (and category) that has no
/// result yet goes through the same drafting pipeline as live traffic, then the grader; the result
/// row and its scores are written together, once per (run, item). A resumed run therefore skips
/// what is done and redoes only items whose result was never committed.
/// </summary>
public sealed class ExperimentRunner(
    IServiceScopeFactory scopes,
    ExperimentLeases leases,
    ExperimentTelemetry telemetry,
    IOptions<ExperimentOptions> options,
    TimeProvider clock,
    ILogger<ExperimentRunner> logger)
{
    public const string ItemTraceName = "experiment-item";

    private readonly ConcurrentDictionary<string, bool> _knownDefinitions = new();
    private readonly ConcurrentDictionary<(Guid Run, string Metric), bool> _notedSkips = new();

    public async Task RunAsync(Guid runId, string owner, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = KeepLeaseAsync(runId, owner, lease, leaseLost);
        try
        {
            ExperimentRun run;
            List<DatasetItem> pending;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
                var store = scope.ServiceProvider.GetRequiredService<DatasetStore>();
                run = await db.ExperimentRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
                var done = db.ExperimentItemResults.Where(r => r.RunId == runId).Select(r => r.ItemId);
                pending = await ExperimentItems.Of(store, run)
                    .Where(i => !done.Contains(i.Id))
                    .OrderBy(i => i.Id)
                    .ToListAsync(cancellationToken);
            }

            logger.LogInformation("Experiment run {RunId}: {Pending} of {Total} items to do", runId, pending.Count, run.TotalItems);
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency), CancellationToken = leaseLost.Token },
                async (item, ct) =>
                {
                    if (!await RunItemAsync(run, item, ct))
                    {
                        // Cancelled by a manager: stop at once rather than at the next lease renewal.
                        await leaseLost.CancelAsync();
                    }
                });

            await leases.FinishAsync(runId, owner, ExperimentStatuses.Completed, null, cancellationToken);
            telemetry.RunFinished(ExperimentStatuses.Completed);
            logger.LogInformation("Experiment run {RunId} completed", runId);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Experiment run {RunId}: lease lost (the run was cancelled, or another worker took it over); stopped", runId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Experiment run {RunId} failed", runId);
            await leases.FinishAsync(runId, owner, ExperimentStatuses.Failed, ex.Message, CancellationToken.None);
            telemetry.RunFinished(ExperimentStatuses.Failed);
        }
        finally
        {
            await leaseLost.CancelAsync();
            await renewal;
        }
    }

    private async Task KeepLeaseAsync(Guid runId, string owner, TimeSpan lease, CancellationTokenSource work)
    {
        using var timer = new PeriodicTimer(lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(work.Token))
            {
                if (!await leases.RenewAsync(runId, owner, lease, work.Token))
                {
                    await work.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended (or the worker is stopping): nothing to renew.
        }
        catch (NpgsqlException ex)
        {
            // A database blip: the lease runs out and another worker (or this one, later) resumes.
            logger.LogWarning(ex, "Experiment run {RunId}: lease renewal failed", runId);
        }
    }

    /// <summary>Drafts, grades and stores one item; false when the run is no longer running (cancelled).</summary>
    private async Task<bool> RunItemAsync(ExperimentRun run, DatasetItem item, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var stopwatch = Stopwatch.StartNew();
        ExperimentItemResult result;
        IReadOnlyList<MetricScore> metrics = [];
        try
        {
            var draft = await services.GetRequiredService<DraftingPipeline>().DraftAsync(
                ExperimentItems.ToDraftInput(item),
                new DraftOptions(run.PromptName, PromptVersion: run.PromptVersion)
                {
                    TraceName = ItemTraceName, Model = run.Model, ModelConfiguration = run.ModelConfiguration,
                },
                cancellationToken);
            metrics = await services.GetRequiredService<DraftGrader>().GradeAsync(
                new GradingCase(item.Subject, item.Body, item.Category, item.Language, item.ExpectedOutput, item.ExpectedHandoff, item.ExpectedArticleSlug),
                GradedDraft.From(draft),
                cancellationToken);
            result = NewResult(run, item, ExperimentItemStatuses.Succeeded, stopwatch);
            result.TraceId = draft.TraceId;
            result.Output = draft.Text;
            result.Handoff = draft.Handoff;
            result.DraftMs = draft.DurationMs;
            result.InputTokens = draft.Usage.InputTokens;
            result.OutputTokens = draft.Usage.OutputTokens;
            result.TokensCounted = draft.Usage.Counted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failing item is a result too (counted, shown with its error); it is not retried forever.
            logger.LogWarning(ex, "Experiment run {RunId}: item {ItemId} failed", run.Id, item.Id);
            result = NewResult(run, item, ExperimentItemStatuses.Failed, stopwatch);
            result.Error = ex.Message.Length > 2_000 ? ex.Message[..2_000] : ex.Message;
        }

        result.DurationMs = stopwatch.Elapsed.TotalMilliseconds;
        await NoteSkippedAsync(services.GetRequiredService<SupportBotDbContext>(), run.Id, metrics, cancellationToken);
        if (!await SaveAsync(services.GetRequiredService<SupportBotDbContext>(), run, result, metrics, cancellationToken))
        {
            return false;
        }

        telemetry.ItemFinished(item.Category, result.Status, result.DurationMs / 1000);
        return true;
    }

    private ExperimentItemResult NewResult(ExperimentRun run, DatasetItem item, string status, Stopwatch stopwatch) => new()
    {
        RunId = run.Id,
        ItemId = item.Id,
        Category = item.Category,
        Status = status,
        DurationMs = stopwatch.Elapsed.TotalMilliseconds,
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>False when the run is no longer running (cancelled): nothing is written then.</summary>
    private async Task<bool> SaveAsync(
        SupportBotDbContext db, ExperimentRun run, ExperimentItemResult result, IReadOnlyList<MetricScore> metrics, CancellationToken cancellationToken)
    {
        var graded = result.TraceId is null ? [] : metrics.Where(m => !m.Skipped).ToList();
        await EnsureDefinitionsAsync(db, graded, cancellationToken);
        var running = true;
        await db.InTransactionAsync(async ct =>
        {
            // Written once per (run, item): a second writer (a worker that lost its lease) changes nothing,
            // and nothing is added to a run that was cancelled meanwhile.
            var inserted = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO experiment_item_results (run_id, item_id, trace_id, category, output, handoff, status, error, duration_ms, created_at,
                                                     draft_ms, input_tokens, output_tokens, tokens_counted)
                SELECT {result.RunId}, {result.ItemId}, {result.TraceId}, {result.Category}, {result.Output}, {result.Handoff}, {result.Status}, {result.Error}, {result.DurationMs}, {result.CreatedAt},
                       {result.DraftMs}, {result.InputTokens}, {result.OutputTokens}, {result.TokensCounted}
                WHERE EXISTS (SELECT 1 FROM experiment_runs WHERE id = {result.RunId} AND status = 'running')
                ON CONFLICT (run_id, item_id) DO NOTHING
                """, ct);
            running = inserted == 1
                || await db.ExperimentRuns.AnyAsync(r => r.Id == result.RunId && r.Status == ExperimentStatuses.Running, ct);
            if (inserted == 1)
            {
                db.Scores.AddRange(graded.Select(m => new Score
                {
                    Id = Guid.CreateVersion7(),
                    TraceId = result.TraceId!,
                    Name = m.Name,
                    DataType = m.DataType,
                    NumericValue = m.NumericValue,
                    StringValue = m.StringValue,
                    Comment = m.Reason,
                    Source = ScoreSources.Evaluator,
                    ExperimentRunId = run.Id,
                    IdempotencyKey = $"{run.Id}:{result.ItemId}:{m.Name}",
                    CreatedAt = result.CreatedAt,
                }));
                await db.SaveChangesAsync(ct);
            }
        }, cancellationToken);
        return running;
    }

    /// <summary>Records once per run and metric why an evaluator skipped itself (first reason wins).</summary>
    private async Task NoteSkippedAsync(SupportBotDbContext db, Guid runId, IReadOnlyList<MetricScore> metrics, CancellationToken cancellationToken)
    {
        foreach (var metric in metrics.Where(m => m.Skipped && _notedSkips.TryAdd((runId, m.Name), true)))
        {
            var reason = metric.Reason ?? "skipped by its evaluator";
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE experiment_runs SET skipped_metrics = skipped_metrics || jsonb_build_object({metric.Name}::text, {reason}::text)
                WHERE id = {runId} AND NOT skipped_metrics ? {metric.Name}
                """, cancellationToken);
        }
    }

    /// <summary>Scores reference a definition; evaluators' metrics get one the first time they are seen.</summary>
    private async Task EnsureDefinitionsAsync(SupportBotDbContext db, IReadOnlyList<MetricScore> metrics, CancellationToken cancellationToken)
    {
        foreach (var metric in metrics.Where(m => !_knownDefinitions.ContainsKey(m.Name)))
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO score_definitions (name, data_type, description) VALUES ({metric.Name}, {metric.DataType}, {"Evaluator metric " + metric.Name})
                ON CONFLICT (name) DO NOTHING
                """, cancellationToken);
            _knownDefinitions[metric.Name] = true;
        }
    }
}
