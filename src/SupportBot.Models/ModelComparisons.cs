using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.Models;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Prompts;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Models;

/// <summary>
/// Starts a comparison (two experiment runs per dataset version: production prompt with the production model, and
/// with the candidate; the worker executes them like any run) and reads it back; the first read after the last run
/// finished writes the report, so the verdict is computed once and the switch can rely on it.
/// </summary>
public sealed class ModelComparisons(
    SupportBotDbContext db,
    ExperimentLauncher launcher,
    ExperimentReports reports,
    PromptStore prompts,
    ModelCatalog catalog,
    ProductionModels production,
    ComparisonReporter reporter,
    IOptions<ComparisonOptions> options,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ComparisonStart> StartAsync(CreateModelComparisonRequest request, string? createdBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var promptName = string.IsNullOrWhiteSpace(request.Prompt) ? PromptLabels.DefaultPromptName : request.Prompt;
        if (string.IsNullOrWhiteSpace(request.Candidate))
        {
            errors["candidate"] = [$"A candidate model configuration is required; configured: {string.Join(", ", catalog.Definitions.Keys)}."];
        }
        else if (!catalog.Contains(request.Candidate))
        {
            errors["candidate"] = [$"No model configuration '{request.Candidate}'; configured: {string.Join(", ", catalog.Definitions.Keys)} (Models:Candidates:<name>)."];
        }

        Data.Entities.PromptVersion? baselinePrompt = null;
        Data.Entities.PromptVersion? candidatePrompt = null;
        try
        {
            baselinePrompt = await prompts.ResolveAsync(promptName, PromptLabels.Production, null, cancellationToken);
            candidatePrompt = request.CandidatePromptVersion is { } v ? await prompts.ResolveAsync(promptName, null, v, cancellationToken) : baselinePrompt;
        }
        catch (PromptNotFoundException ex)
        {
            errors[baselinePrompt is null ? "prompt" : "candidatePromptVersion"] = [ex.Message];
        }

        var selected = request.Datasets is null || request.Datasets.Count == 0 || request.Datasets is ["all"] ? null : request.Datasets;
        var datasets = await db.Datasets.AsNoTracking().Where(d => d.ArchivedAt == null).OrderBy(d => d.Name).ToListAsync(cancellationToken);
        if (selected is not null)
        {
            var unknown = selected.Where(s => !datasets.Any(d => d.Name == s || d.Id.ToString() == s)).ToList();
            if (unknown.Count > 0)
            {
                errors["datasets"] = [$"No active dataset {string.Join(", ", unknown.Select(u => $"'{u}'"))}."];
            }

            datasets = [.. datasets.Where(d => selected.Contains(d.Name) || selected.Contains(d.Id.ToString()))];
        }

        var baselineModel = await production.CurrentAsync(promptName, cancellationToken);
        if (request.Candidate == baselineModel && candidatePrompt?.Version == baselinePrompt?.Version && !errors.ContainsKey("candidate"))
        {
            errors["candidate"] = [$"'{request.Candidate}' with version {baselinePrompt?.Version} is already production for '{promptName}'."];
        }

        if (errors.Count > 0)
        {
            return new ComparisonStart(null, errors);
        }

        // Runs per dataset at its current version; a dataset without items (all removed) has nothing to compare.
        var runs = new List<ComparisonRun>();
        foreach (var dataset in datasets)
        {
            var baseline = await launcher.LaunchAsync(new CreateExperimentRequest(dataset.Id.ToString(), promptName, Version: baselinePrompt!.Version,
                DatasetVersion: dataset.CurrentVersion, Pool: request.Pool, ModelConfiguration: baselineModel), cancellationToken);
            if (baseline.Run is null)
            {
                if (baseline.Errors.ContainsKey("dataset") && selected is null)
                {
                    continue;
                }

                return new ComparisonStart(null, baseline.Errors.ToDictionary(e => e.Key == "dataset" ? "datasets" : e.Key, e => e.Value));
            }

            var candidate = await launcher.LaunchAsync(new CreateExperimentRequest(dataset.Id.ToString(), promptName, Version: candidatePrompt!.Version,
                DatasetVersion: dataset.CurrentVersion, Pool: request.Pool, ModelConfiguration: request.Candidate), cancellationToken);
            runs.Add(new ComparisonRun(dataset.Id, dataset.Name, dataset.CurrentVersion, baseline.Run.Id, candidate.Run!.Id));
        }

        if (runs.Count == 0)
        {
            return new ComparisonStart(null, new Dictionary<string, string[]> { ["datasets"] = ["No active dataset has items: create one (supportbot datasets create) first."] });
        }

        var comparison = new ModelComparison
        {
            Id = Guid.CreateVersion7(),
            PromptName = promptName,
            BaselinePromptVersion = baselinePrompt!.Version,
            CandidatePromptVersion = candidatePrompt!.Version,
            BaselineModel = baselineModel,
            CandidateModel = request.Candidate!,
            Scope = selected is null ? ModelComparisonScopes.All : ModelComparisonScopes.Selected,
            Runs = JsonSerializer.Serialize(runs, Json),
            Margins = JsonSerializer.Serialize(options.Value, Json),
            Status = ModelComparisonStatuses.Running,
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ModelComparisons.Add(comparison);
        await db.SaveChangesAsync(cancellationToken);
        return new ComparisonStart(comparison, errors);
    }

    public async Task<List<ModelComparisonView>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.ModelComparisons.AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(limit).ToListAsync(cancellationToken);
        var views = new List<ModelComparisonView>(rows.Count);
        foreach (var row in rows)
        {
            views.Add(await ViewAsync(row, withReport: false, cancellationToken));
        }

        return views;
    }

    /// <summary>Null when unknown. Writes the report the first time every run has finished.</summary>
    public async Task<ModelComparisonView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.ModelComparisons.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (row.Status == ModelComparisonStatuses.Running)
        {
            var runs = RunsOf(row);
            var views = await RunViewsAsync(runs, cancellationToken);
            if (views.Values.All(v => ExperimentLeases.IsFinished(v.Status)))
            {
                if (views.Values.Any(v => v.Status == ExperimentStatuses.Failed))
                {
                    row.Status = ModelComparisonStatuses.Failed;
                    row.Verdict = "runs failed: " + string.Join(", ", views.Values.Where(v => v.Status == ExperimentStatuses.Failed).Select(v => $"{v.Id} ({v.Error})"));
                }
                else
                {
                    var report = await reporter.BuildAsync(row, runs, cancellationToken);
                    row.Report = JsonSerializer.Serialize(report, Json);
                    row.Passed = report.Passed;
                    row.Verdict = report.Verdict;
                    row.Status = ModelComparisonStatuses.Completed;
                }

                row.CompletedAt = clock.GetUtcNow();
                // Two readers may finish it at once; the report is deterministic, so either write is the same.
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return await ViewAsync(row, withReport: true, cancellationToken);
    }

    internal static List<ComparisonRun> RunsOf(ModelComparison row) => JsonSerializer.Deserialize<List<ComparisonRun>>(row.Runs, Json) ?? [];

    private async Task<Dictionary<Guid, ExperimentRunView>> RunViewsAsync(List<ComparisonRun> runs, CancellationToken cancellationToken)
    {
        var views = new Dictionary<Guid, ExperimentRunView>();
        foreach (var id in runs.SelectMany(r => new[] { r.BaselineRunId, r.CandidateRunId }))
        {
            views[id] = (await reports.RunAsync(id, cancellationToken))!;
        }

        return views;
    }

    private async Task<ModelComparisonView> ViewAsync(ModelComparison row, bool withReport, CancellationToken cancellationToken)
    {
        var runs = RunsOf(row);
        var views = await RunViewsAsync(runs, cancellationToken);
        var runViews = runs.Select(r => new ComparisonRunView(r.DatasetId, r.Name, r.Version, r.BaselineRunId, r.CandidateRunId,
            views[r.BaselineRunId].Status, views[r.CandidateRunId].Status, views[r.BaselineRunId].Completed, views[r.CandidateRunId].Completed,
            views[r.BaselineRunId].Total)).ToList();
        var report = withReport && row.Report is { } json ? JsonSerializer.Deserialize<ModelComparisonReport>(json, Json) : null;
        return new ModelComparisonView(row.Id, row.Status, row.PromptName, row.BaselinePromptVersion, row.CandidatePromptVersion, row.BaselineModel,
            row.CandidateModel, row.Scope, runViews, runViews.Sum(r => r.BaselineCompleted + r.CandidateCompleted), runViews.Sum(r => 2 * r.Total),
            row.Passed, row.Verdict, report, row.CreatedAt, row.CompletedAt);
    }
}
