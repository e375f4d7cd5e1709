using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.FailureModes;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Reviews;

public sealed class ReviewSampleException(string title, string message) : Exception(message)
{
    public string Title { get; } = title;
}

/// <summary>
/// Manual review of an experiment run (the phase-1 gate's "manual review looks good", and where tone is judged:
/// it is deliberately not auto-graded). A seeded sample per category is drawn once per run; each verdict is a human
/// <c>manual_review</c> score on the item's trace, and a failure mode when the reviewer names one.
/// </summary>
public sealed class ExperimentReviews(SupportBotDbContext db, FailureModeStore failureModes, TimeProvider clock)
{
    public const int DefaultPerCategory = 10;
    public const int MaxPerCategory = 500;

    /// <summary>Draws the sample, or returns the one already drawn with the same size and seed.</summary>
    /// <exception cref="ReviewSampleException">The run is not finished, or a different sample was drawn already.</exception>
    /// <returns>Null when the run does not exist.</returns>
    public async Task<ReviewSample?> DrawAsync(Guid runId, int perCategory, int seed, CancellationToken cancellationToken)
    {
        var run = await db.ExperimentRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        if (run.Status != ExperimentStatuses.Completed)
        {
            throw new ReviewSampleException("Run not finished", $"Run {runId} is {run.Status}; a review sample is drawn from a completed run.");
        }

        var existing = await db.ExperimentReviewItems.AsNoTracking().Where(i => i.RunId == runId).ToListAsync(cancellationToken);
        if (existing.Count > 0)
        {
            var drawnPerCategory = existing.GroupBy(i => i.Category).Max(g => g.Count());
            var sameDraw = existing[0].Seed == seed && ReviewSampler.Draw(
                await CandidatesAsync(runId, cancellationToken), perCategory, seed).Count == existing.Count;
            return sameDraw
                ? await ListAsync(runId, cancellationToken)
                : throw new ReviewSampleException("Sample already drawn",
                    $"Run {runId} already has a review sample (seed {existing[0].Seed}, up to {drawnPerCategory} items per category); list it instead of drawing another.");
        }

        var now = clock.GetUtcNow();
        var traces = await db.ExperimentItemResults.AsNoTracking()
            .Where(r => r.RunId == runId).ToDictionaryAsync(r => r.ItemId, r => r.TraceId, cancellationToken);
        db.ExperimentReviewItems.AddRange(ReviewSampler.Draw(await CandidatesAsync(runId, cancellationToken), perCategory, seed)
            .Select(d => new ExperimentReviewItem
            {
                RunId = runId,
                ItemId = d.ItemId,
                Category = d.Category,
                TraceId = traces.GetValueOrDefault(d.ItemId),
                Position = d.Position,
                Seed = seed,
                DrawnAt = now,
            }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent draw of the same run won; its sample is the run's sample.
            db.ChangeTracker.Clear();
        }

        return await ListAsync(runId, cancellationToken);
    }

    /// <summary>The sample with each item's ticket, reference reply, the run's output and the verdict; null when none was drawn.</summary>
    public async Task<ReviewSample?> ListAsync(Guid runId, CancellationToken cancellationToken)
    {
        var rows = await (from review in db.ExperimentReviewItems.AsNoTracking()
                          where review.RunId == runId
                          join item in db.DatasetItems.AsNoTracking() on review.ItemId equals item.Id
                          join result in db.ExperimentItemResults.AsNoTracking() on new { review.RunId, review.ItemId } equals new { result.RunId, result.ItemId }
                          orderby review.Category, review.Position
                          select new { review, item.Subject, item.Body, item.ExpectedOutput, result.Output })
                         .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        return new ReviewSample(runId, rows[0].review.Seed, rows.GroupBy(r => r.review.Category).Max(g => g.Count()),
            [.. rows.Select(r => new ReviewSampleItem(
                r.review.ItemId, r.review.Category, r.review.Position, r.review.TraceId, r.Subject, r.Body, r.ExpectedOutput, r.Output,
                r.review.Acceptable, r.review.Note, r.review.FailureMode, r.review.ReviewedBy, r.review.ReviewedAt))]);
    }

    /// <summary>Records (or replaces) a verdict. Null when the item is not in the run's sample.</summary>
    public async Task<ReviewSampleItem?> MarkAsync(
        Guid runId, Guid itemId, bool acceptable, string? note, string? failureMode, string reviewer, CancellationToken cancellationToken)
    {
        if (!await db.ExperimentReviewItems.AnyAsync(i => i.RunId == runId && i.ItemId == itemId, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async ct =>
        {
            // Loaded inside the transaction: it starts with a clean change tracker (and again on a retry).
            var review = await db.ExperimentReviewItems.SingleAsync(i => i.RunId == runId && i.ItemId == itemId, ct);
            review.Acceptable = acceptable;
            review.Note = note;
            review.FailureMode = failureMode;
            review.ReviewedBy = reviewer;
            review.ReviewedAt = now;
            if (review.TraceId is { } traceId)
            {
                // One verdict per item: a changed mind replaces the score rather than averaging two.
                var key = $"{ReviewScoreDefinitions.ManualReview}:{runId}:{itemId}";
                await db.Scores.Where(s => s.IdempotencyKey == key).ExecuteDeleteAsync(ct);
                db.Scores.Add(new Score
                {
                    Id = Guid.CreateVersion7(),
                    TraceId = traceId,
                    Name = ReviewScoreDefinitions.ManualReview,
                    DataType = ScoreDataTypes.Boolean,
                    NumericValue = acceptable ? 1 : 0,
                    StringValue = acceptable ? "true" : "false",
                    Comment = note,
                    Source = ScoreSources.Human,
                    IdempotencyKey = key,
                    ExperimentRunId = runId,
                    CreatedAt = now,
                });
                if (failureMode is not null)
                {
                    await failureModes.TagAsync(traceId, failureMode, review.Category, note, FailureModeSources.ExperimentReview, reviewer, ct);
                }
            }

            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);

        return (await ListAsync(runId, cancellationToken))!.Items.Single(i => i.ItemId == itemId);
    }

    /// <summary>Per category: sampled, reviewed, acceptable and the failure modes named. Null when no sample was drawn.</summary>
    public async Task<ReviewSummary?> SummaryAsync(Guid runId, CancellationToken cancellationToken)
    {
        var rows = await db.ExperimentReviewItems.AsNoTracking().Where(i => i.RunId == runId).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : new ReviewSummary(runId, [.. rows.GroupBy(r => r.Category)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key, g))]);
    }

    public static ReviewCategorySummary Summarise(string? category, IEnumerable<ExperimentReviewItem> items)
    {
        var list = items.ToList();
        var reviewed = list.Where(i => i.Acceptable is not null).ToList();
        var acceptable = reviewed.Count(i => i.Acceptable == true);
        return new ReviewCategorySummary(category, list.Count, reviewed.Count, acceptable,
            reviewed.Count == 0 ? null : (double)acceptable / reviewed.Count,
            reviewed.Where(i => i.FailureMode is not null).GroupBy(i => i.FailureMode!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    private async Task<List<ReviewSampler.Candidate>> CandidatesAsync(Guid runId, CancellationToken cancellationToken) =>
        await db.ExperimentItemResults.AsNoTracking()
            .Where(r => r.RunId == runId && r.Status == ExperimentItemStatuses.Succeeded)
            .Select(r => new ReviewSampler.Candidate(r.ItemId, r.Category))
            .ToListAsync(cancellationToken);
}
