using Microsoft.EntityFrameworkCore;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Signals;

public static class ReviewStatuses
{
    public const string Added = "added";
    public const string Dismissed = "dismissed";
}

/// <summary>
/// Which outcomes wait for a reviewer: unreviewed, and edited a lot, corrected or thumbed down.
/// One definition for the API's list and the per-category gauge (served by the partial index
/// ix_draft_outcomes_unreviewed on (category, updated_at) WHERE review_status IS NULL).
/// </summary>
public static class ReviewQueueQuery
{
    public static IQueryable<DraftOutcome> Pending(IQueryable<DraftOutcome> outcomes, ReviewQueueOptions options) =>
        outcomes.Where(o => o.ReviewStatus == null
            && (o.WordEditDistance > options.EditDistanceThreshold || o.EditType == EditTypes.Corrected || o.ThumbsDown > 0));

    /// <summary>Queue size per category, for gauges: one grouped count over the unreviewed rows.</summary>
    public static async Task<Dictionary<string, int>> CountByCategoryAsync(SupportBotDbContext db, ReviewQueueOptions options, CancellationToken cancellationToken) =>
        await Pending(db.DraftOutcomes.AsNoTracking(), options)
            .GroupBy(o => o.Category)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
