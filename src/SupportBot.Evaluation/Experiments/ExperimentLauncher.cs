using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Drafting.Prompts;

namespace SupportBot.Evaluation.Experiments;

/// <summary>Either the queued run, or field errors saying why it cannot run.</summary>
public sealed record ExperimentLaunch(ExperimentRun? Run, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Checks an experiment request against the database (dataset, version, prompt, label, items) and
/// queues the run. The API and the CLI both start runs through here.
/// </summary>
public sealed class ExperimentLauncher(
    SupportBotDbContext db, DatasetStore datasets, PromptStore prompts, IRunNotifier notifier, TimeProvider clock, Drafting.Models.ModelCatalog? models = null)
{
    public async Task<ExperimentLaunch> LaunchAsync(CreateExperimentRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var promptName = string.IsNullOrWhiteSpace(request.Prompt) ? PromptLabels.DefaultPromptName : request.Prompt;
        if (request.Version is not null && request.Label is not null)
        {
            errors["version"] = ["Give a prompt version or a label, not both."];
        }

        if (request.Model is { Length: > 200 })
        {
            errors["model"] = ["The model id may be at most 200 characters."];
        }

        if (request.ModelConfiguration is { } named && models is not null && !models.Contains(named))
        {
            errors["modelConfiguration"] = [$"No model configuration '{named}'; configured: {string.Join(", ", models.Definitions.Keys)}."];
        }

        var pool = request.Pool ?? ExperimentPools.Default;
        if (pool is not { Length: > 0 and <= 100 } || !pool.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors["pool"] = ["A pool is 1 to 100 letters, digits, dashes or underscores."];
        }
        else if (!await notifier.IsServedAsync(pool, cancellationToken))
        {
            errors["pool"] = [$"No worker serves pool '{pool}' (a worker's pool is its Experiments__Pool setting; '{ExperimentPools.Default}' is always accepted)."];
        }

        var dataset = await FindDatasetAsync(request.Dataset, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.Dataset))
        {
            errors["dataset"] = ["A dataset (name or id) is required."];
        }
        else if (dataset is null)
        {
            errors["dataset"] = [$"No dataset '{request.Dataset}'."];
        }
        else if (dataset.ArchivedAt is not null)
        {
            errors["dataset"] = [$"Dataset '{dataset.Name}' is archived."];
        }

        var version = request.DatasetVersion ?? dataset?.CurrentVersion ?? 0;
        if (dataset is not null && (version < 1 || version > dataset.CurrentVersion))
        {
            errors["datasetVersion"] = [$"Dataset '{dataset.Name}' has versions 1 to {dataset.CurrentVersion}."];
        }

        PromptVersion? prompt = null;
        if (!errors.ContainsKey("version"))
        {
            try
            {
                prompt = await prompts.ResolveAsync(promptName, request.Label, request.Version, cancellationToken);
            }
            catch (PromptNotFoundException ex)
            {
                errors[request.Version is not null ? "version" : request.Label is not null ? "label" : "prompt"] = [ex.Message];
            }
        }

        var total = 0;
        if (dataset is not null && !errors.ContainsKey("dataset") && !errors.ContainsKey("datasetVersion"))
        {
            total = await ExperimentItems.Of(datasets, dataset.Id, version, request.Category).CountAsync(cancellationToken);
            if (total == 0)
            {
                errors[request.Category is null ? "dataset" : "category"] = [request.Category is null
                    ? $"Dataset '{dataset.Name}' version {version} has no items."
                    : $"Dataset '{dataset.Name}' version {version} has no items in category '{request.Category}'."];
            }
        }

        if (errors.Count > 0)
        {
            return new ExperimentLaunch(null, errors);
        }

        var run = new ExperimentRun
        {
            Id = Guid.CreateVersion7(),
            DatasetId = dataset!.Id,
            DatasetVersion = version,
            Category = request.Category,
            PromptName = prompt!.Name,
            PromptLabel = request.Version is null ? request.Label ?? PromptLabels.Production : null,
            PromptVersion = prompt.Version,
            Model = string.IsNullOrWhiteSpace(request.Model) ? null : request.Model,
            ModelConfiguration = string.IsNullOrWhiteSpace(request.ModelConfiguration) ? null : request.ModelConfiguration,
            Pool = pool,
            Status = ExperimentStatuses.Queued,
            TotalItems = total,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ExperimentRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(run.Id, run.Pool, cancellationToken);
        return new ExperimentLaunch(run, errors);
    }

    private async Task<Dataset?> FindDatasetAsync(string? nameOrId, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(nameOrId) ? null
        : Guid.TryParse(nameOrId, out var id) ? await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
        : await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Name == nameOrId, cancellationToken);
}
