using Microsoft.EntityFrameworkCore;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Signals.Gates;

/// <summary>
/// Drafts waiting for a reviewer: not yet reviewed, and corrected, or edited more than
/// <see cref="GateOptions.ReviewMinWordEditDistance"/>, or given a thumbs down.
/// </summary>
public static class ReviewQueueQuery
{
    public static IQueryable<DraftOutcome> Pending(SupportBotDbContext db, double minWordEditDistance) =>
        db.DraftOutcomes.AsNoTracking().Where(o => o.ReviewStatus == null
            && (o.EditType == EditTypes.Corrected || o.WordEditDistance > minWordEditDistance || o.ThumbsDown > 0));

    /// <summary>One grouped count: cheap enough to run every few seconds while the queue stays small.</summary>
    public static async Task<Dictionary<string, int>> SizesAsync(SupportBotDbContext db, double minWordEditDistance, CancellationToken cancellationToken) =>
        await Pending(db, minWordEditDistance)
            .GroupBy(o => o.Category)
            .Select(g => new { Category = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Category, g => g.Count, cancellationToken);
}
