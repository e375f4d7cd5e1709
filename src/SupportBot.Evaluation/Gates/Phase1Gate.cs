using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.Gates;
using SupportBot.Drafting.Prompts;
using SupportBot.Evaluation.Experiments;
using SupportBot.Evaluation.Reviews;

namespace SupportBot.Evaluation.Gates;

/// <summary>
/// The way out of phase 1 ("when the evaluator scores are good enough and the manual review looks good"): the latest
/// completed run of the current production prompt and model that graded items of the category must meet every
/// threshold on those items, and a person must have reviewed enough of its sample, mostly acceptable. Tone is judged
/// only there, by people.
/// </summary>
public sealed class Phase1Gate(SupportBotDbContext db, PromptStore prompts, ExperimentReports reports, IOptionsMonitor<Phase1GateOptions> options,
    Drafting.Models.ProductionModels? production = null) : IPromotionGate
{
    public string ToPhase => CategoryPhases.Internal;

    async Task<PromotionGateResult> IPromotionGate.EvaluateAsync(string category, CancellationToken cancellationToken)
    {
        var view = await EvaluateAsync(category, cancellationToken);
        return new PromotionGateResult(view.Ready, view.Reasons, view);
    }

    public async Task<Phase1GateView> EvaluateAsync(string category, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        PromptVersion prompt;
        try
        {
            prompt = await prompts.ResolveAsync(PromptLabels.DefaultPromptName, PromptLabels.Production, null, cancellationToken);
        }
        catch (PromptNotFoundException ex)
        {
            return new Phase1GateView(category, false, [ex.Message], PromptLabels.DefaultPromptName, null, null, null, null, null, []);
        }

        var model = PromptSettings.FromJson(prompt.Settings).Model;
        // A comparison's candidate run drafted with another model configuration: it says nothing about production.
        var configuration = production is null ? null : await production.CurrentAsync(prompt.Name, cancellationToken);
        var run = await db.ExperimentRuns.AsNoTracking()
            .Where(r => r.Status == ExperimentStatuses.Completed && r.PromptName == prompt.Name && r.PromptVersion == prompt.Version
                && (r.Model == null || r.Model == model)
                && (r.ModelConfiguration == null || r.ModelConfiguration == configuration)
                && db.ExperimentItemResults.Any(i => i.RunId == r.Id && i.Category == category))
            .OrderByDescending(r => r.FinishedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return new Phase1GateView(category, false,
                [$"no completed experiment run of {prompt.Name} v{prompt.Version} (production){(model is null ? "" : $" with model {model}")} has graded items of '{category}'; run one on a dataset covering it"],
                prompt.Name, prompt.Version, model, null, null, null, []);
        }

        var report = (await reports.ReportAsync(run.Id, cancellationToken))!;
        var checks = new List<GateCheckView>();
        var items = await db.ExperimentItemResults.CountAsync(i => i.RunId == run.Id && i.Category == category && i.Status == ExperimentItemStatuses.Succeeded, cancellationToken);
        checks.Add(Check("graded_items", items, settings.MinimumItems, items, settings.MinimumItems, "min",
            $"the run graded {items} items of the category; {settings.MinimumItems} needed"));

        var aggregates = report.Aggregates.Where(a => a.Scope == "category" && a.Group == category).ToDictionary(a => a.Metric, StringComparer.Ordinal);
        foreach (var (metric, threshold) in settings.ThresholdsFor(category).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var aggregate = aggregates.GetValueOrDefault(metric);
            checks.Add(Check(metric, aggregate?.Mean, threshold, aggregate?.N ?? 0, 1, "min",
                aggregate is null
                    ? $"{metric} has no scores on the category's items"
                    : string.Create(CultureInfo.InvariantCulture, $"{metric} = {aggregate.Mean:0.000} (n={aggregate.N}) is below {threshold:0.000}")));
        }

        var review = ExperimentReviews.Summarise(category,
            await db.ExperimentReviewItems.AsNoTracking().Where(i => i.RunId == run.Id && i.Category == category).ToListAsync(cancellationToken));
        var reviewNeeded = Math.Max(1, Math.Min(settings.MinimumReviewed, items));
        checks.Add(Check("reviewed_items", review.Reviewed, reviewNeeded, review.Reviewed, reviewNeeded, "min",
            review.Sampled == 0
                ? $"no manual review: draw a review sample of run {run.Id} and review {reviewNeeded} items"
                : $"{review.Reviewed} of {reviewNeeded} items needed are reviewed"));
        checks.Add(Check("acceptable_share", review.AcceptableShare, settings.MinimumAcceptableShare, review.Reviewed, reviewNeeded, "min",
            review.AcceptableShare is { } share
                ? string.Create(CultureInfo.InvariantCulture, $"{share:P0} of reviewed items are acceptable; {settings.MinimumAcceptableShare:P0} needed")
                : "no reviewed item yet"));

        var reasons = checks.Where(c => !c.Passed).Select(c => c.Reason!).ToList();
        var dataset = await db.Datasets.AsNoTracking().Where(d => d.Id == run.DatasetId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken);
        return new Phase1GateView(category, reasons.Count == 0, reasons, prompt.Name, prompt.Version, model, run.Id, dataset, run.DatasetVersion, checks);
    }

    private static GateCheckView Check(string name, double? value, double threshold, int sampleSize, int minimumSample, string comparison, string failure)
    {
        var passed = value is { } v && v >= threshold && sampleSize >= minimumSample;
        return new GateCheckView(name, value, threshold, comparison, sampleSize, minimumSample, passed, passed ? null : failure);
    }
}
