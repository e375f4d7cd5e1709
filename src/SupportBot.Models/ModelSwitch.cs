using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Models;
using SupportBot.Drafting.Models;
using SupportBot.Drafting.Prompts;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Models;

/// <summary>How a switch ended: done (with the audit row), refused with reasons (409), or bad input (400).</summary>
public sealed record SwitchOutcome(ModelChangeView? Change, IReadOnlyList<string> Refusals, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// The audited switch of a prompt's production model and/or production version. It needs a passing comparison of
/// exactly this change — baseline = what is production now, candidate = what is asked for — whose datasets are all
/// still at the versions compared (and, by default, that covered every active dataset); or force with a reason.
/// Model row, prompt label and audit row commit together, under a per-prompt lock, so two switches cannot both
/// start from the same production.
/// </summary>
public sealed class ModelSwitch(
    SupportBotDbContext db, PromptStore prompts, ProductionModels production, ModelCatalog catalog, DatasetStore datasets,
    IOptions<ComparisonOptions> options, TimeProvider clock)
{
    public async Task<ProductionModelView> CurrentAsync(string promptName, CancellationToken cancellationToken)
    {
        var model = await production.CurrentAsync(promptName, cancellationToken);
        var version = (await prompts.ResolveAsync(promptName, PromptLabels.Production, null, cancellationToken)).Version;
        var changes = await db.ModelChanges.AsNoTracking().Where(c => c.PromptName == promptName).OrderByDescending(c => c.ChangedAt).Take(50)
            .ToListAsync(cancellationToken);
        return new ProductionModelView(promptName, model, version, catalog.Contains(model) ? catalog.Definition(model).Summary : "no longer configured",
            [.. changes.Select(ToView)]);
    }

    public Task<SwitchOutcome> SwitchAsync(SwitchProductionModelRequest request, string? changedBy, CancellationToken cancellationToken) =>
        SwitchCoreAsync(request, keepModel: false, changedBy, cancellationToken);

    /// <summary>
    /// Moving a prompt's production label (PUT /api/prompts/{name}/labels/production) is a switch of the production
    /// version with the production model kept: the same rule (a passing comparison of that version with the production
    /// model on the current dataset versions, or force with a reason), the same audit row naming the comparison.
    /// </summary>
    public Task<SwitchOutcome> MoveProductionLabelAsync(string promptName, int version, bool force, string? reason, string? changedBy, CancellationToken cancellationToken) =>
        SwitchCoreAsync(new SwitchProductionModelRequest(null, promptName, version, force, reason), keepModel: true, changedBy, cancellationToken);

    private async Task<SwitchOutcome> SwitchCoreAsync(SwitchProductionModelRequest request, bool keepModel, string? changedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var promptName = string.IsNullOrWhiteSpace(request.Prompt) ? PromptLabels.DefaultPromptName : request.Prompt;
        // keepModel: the model stays whatever is production once the lock is held.
        if (!keepModel && string.IsNullOrWhiteSpace(request.Model))
        {
            errors["model"] = ["A model configuration name is required."];
        }
        else if (!keepModel && !catalog.Contains(request.Model!))
        {
            errors["model"] = [$"No model configuration '{request.Model}'; configured: {string.Join(", ", catalog.Definitions.Keys)}."];
        }

        if (request.Force && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["A forced switch needs a reason."];
        }
        else if (request.Reason is { Length: > 1000 })
        {
            errors["reason"] = ["The reason may be at most 1000 characters."];
        }

        Data.Entities.PromptVersion? current = null;
        try
        {
            current = await prompts.ResolveAsync(promptName, PromptLabels.Production, null, cancellationToken);
            if (request.PromptVersion is { } v)
            {
                await prompts.ResolveAsync(promptName, null, v, cancellationToken);
            }
        }
        catch (PromptNotFoundException ex)
        {
            errors[current is null ? "prompt" : "promptVersion"] = [ex.Message];
        }

        if (errors.Count > 0)
        {
            return new SwitchOutcome(null, [], errors);
        }

        return await db.InTransactionAsync(async ct =>
        {
            // One switch per prompt at a time: the second waits and then sees the first one's production.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"model-switch:" + promptName}))", ct);
            production.Forget(promptName);
            var fromModel = await production.CurrentAsync(promptName, ct);
            var fromVersion = (await prompts.ResolveAsync(promptName, PromptLabels.Production, null, ct)).Version;
            var toVersion = request.PromptVersion ?? fromVersion;
            var toModel = keepModel ? fromModel : request.Model!;
            if (fromModel == toModel && fromVersion == toVersion)
            {
                return new SwitchOutcome(null, [$"'{toModel}' with version {toVersion} already is production for '{promptName}'."], errors);
            }

            var (comparison, refusals) = await PassingComparisonAsync(promptName, fromModel, fromVersion, toModel, toVersion, ct);
            if (comparison is null && !request.Force)
            {
                return new SwitchOutcome(null, refusals, errors);
            }

            var now = clock.GetUtcNow();
            var row = await db.ProductionModels.SingleOrDefaultAsync(p => p.PromptName == promptName, ct);
            if (row is null)
            {
                db.ProductionModels.Add(new ProductionModel { PromptName = promptName, Model = toModel, ChangedAt = now, ChangedBy = changedBy });
            }
            else
            {
                (row.Model, row.ChangedAt, row.ChangedBy) = (toModel, now, changedBy);
            }

            var change = new ModelChange
            {
                Id = Guid.CreateVersion7(),
                PromptName = promptName,
                FromModel = fromModel,
                ToModel = toModel,
                FromPromptVersion = fromVersion,
                ToPromptVersion = toVersion,
                Forced = comparison is null,
                Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
                ComparisonId = comparison?.Id,
                ChangedBy = changedBy,
                ChangedAt = now,
            };
            db.ModelChanges.Add(change);
            await db.SaveChangesAsync(ct);
            if (toVersion != fromVersion)
            {
                await prompts.MoveLabelAsync(promptName, PromptLabels.Production, toVersion, ct);
            }

            production.Forget(promptName);
            return new SwitchOutcome(ToView(change), [], errors);
        }, cancellationToken);
    }

    /// <summary>The newest passing comparison of exactly this change that still holds, or why none does.</summary>
    private async Task<(ModelComparison? Comparison, List<string> Refusals)> PassingComparisonAsync(
        string promptName, string fromModel, int fromVersion, string toModel, int toVersion, CancellationToken cancellationToken)
    {
        var candidates = await db.ModelComparisons.AsNoTracking()
            .Where(c => c.PromptName == promptName && c.CandidateModel == toModel && c.CandidatePromptVersion == toVersion
                        && c.BaselineModel == fromModel && c.BaselinePromptVersion == fromVersion)
            .OrderByDescending(c => c.CreatedAt).Take(20).ToListAsync(cancellationToken);
        var change = $"'{toModel}' (version {toVersion}) against production '{fromModel}' (version {fromVersion}) of '{promptName}'";
        if (candidates.Count == 0)
        {
            return (null, [$"no comparison of {change}: run `supportbot model compare --candidate {toModel}` first, or force with a reason"]);
        }

        var active = await db.Datasets.AsNoTracking().Where(d => d.ArchivedAt == null).ToDictionaryAsync(d => d.Id, cancellationToken);
        var refusals = new List<string>();
        foreach (var comparison in candidates)
        {
            var why = new List<string>();
            if (comparison.Status != ModelComparisonStatuses.Completed)
            {
                why.Add($"it is {comparison.Status}");
            }
            else if (comparison.Passed != true)
            {
                why.Add($"it failed ({comparison.Verdict})");
            }

            var runs = ModelComparisons.RunsOf(comparison);
            foreach (var run in runs)
            {
                if (!active.TryGetValue(run.DatasetId, out var dataset))
                {
                    why.Add($"dataset '{run.Name}' is archived");
                }
                else if (dataset.CurrentVersion != run.Version)
                {
                    why.Add($"dataset '{run.Name}' is at version {dataset.CurrentVersion}, compared at {run.Version}");
                }
            }

            if (options.Value.RequireEveryActiveDataset)
            {
                if (comparison.Scope != ModelComparisonScopes.All)
                {
                    why.Add("it compared selected datasets, not every active one");
                }

                foreach (var dataset in active.Values.Where(d => runs.All(r => r.DatasetId != d.Id)))
                {
                    if (await ExperimentItems.Of(datasets, dataset.Id, dataset.CurrentVersion, null).AnyAsync(cancellationToken))
                    {
                        why.Add($"dataset '{dataset.Name}' was not compared");
                    }
                }
            }

            if (why.Count == 0)
            {
                return (comparison, []);
            }

            refusals.Add($"comparison {comparison.Id}: {string.Join("; ", why.Distinct().Take(10))}");
        }

        return (null, [$"no passing comparison of {change} on the current dataset versions", .. refusals]);
    }

    private static ModelChangeView ToView(ModelChange c) =>
        new(c.Id, c.PromptName, c.FromModel, c.ToModel, c.FromPromptVersion, c.ToPromptVersion, c.Forced, c.Reason, c.ComparisonId, c.ChangedBy, c.ChangedAt);
}
