using Microsoft.EntityFrameworkCore;

namespace SupportBot.Data.Categories;

public enum PauseOutcome
{
    Changed,
    UnknownCategory,

    /// <summary>Pausing a paused category, or resuming one that runs: nothing changed, nothing audited.</summary>
    Unchanged,
}

public sealed record PauseResult(PauseOutcome Outcome, bool Paused, CategoryPause? Current, CategoryPauseChange? Change);

/// <summary>
/// The per-category pause switch (circuit breaker): while set, the category's customer conversations go through the
/// team even when its phase is customer-facing. Managers set and clear it (API, CLI); the monitors trip it on a flag
/// spike. Every change writes an audit row in the same transaction as the switch.
/// </summary>
public sealed class CategoryPauseService(SupportBotDbContext db, CategoryPauseCache cache, TimeProvider clock)
{
    public const int MaxReasonLength = 2_000;

    public Task<PauseResult> PauseAsync(string category, string reason, string actor, string source, CancellationToken cancellationToken) =>
        ChangeAsync(category, pause: true, reason, actor, source, cancellationToken);

    public Task<PauseResult> ResumeAsync(string category, string reason, string actor, string source, CancellationToken cancellationToken) =>
        ChangeAsync(category, pause: false, reason, actor, source, cancellationToken);

    /// <summary>
    /// Whether the category is paused. Answered from a per-process snapshot of all paused categories at most
    /// <see cref="CategoryPauseCache.MaxAge"/> old (one indexed read of a tiny table refreshes it); a change made
    /// through this process shows at once, one made by another process within that age.
    /// </summary>
    public async ValueTask<bool> IsPausedAsync(string category, CancellationToken cancellationToken) =>
        (await cache.PausedAsync(db, cancellationToken)).Contains(category);

    public async Task<IReadOnlyList<CategoryPause>> ListPausedAsync(CancellationToken cancellationToken) =>
        await db.CategoryPauses.AsNoTracking().OrderBy(p => p.Category).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CategoryPauseChange>> HistoryAsync(string category, int limit, CancellationToken cancellationToken) =>
        await db.CategoryPauseChanges.AsNoTracking()
            .Where(c => c.Category == category)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    private async Task<PauseResult> ChangeAsync(string category, bool pause, string reason, string actor, string source, CancellationToken cancellationToken)
    {
        var result = await db.InTransactionAsync(async ct =>
        {
            // The category row is locked so a pause and a resume racing each other apply one after the other.
            var exists = await db.Categories.FromSql($"SELECT * FROM categories WHERE name = {category} FOR UPDATE").AnyAsync(ct);
            if (!exists)
            {
                return new PauseResult(PauseOutcome.UnknownCategory, false, null, null);
            }

            var current = await db.CategoryPauses.SingleOrDefaultAsync(p => p.Category == category, ct);
            if ((current is not null) == pause)
            {
                return new PauseResult(PauseOutcome.Unchanged, pause, current, null);
            }

            var now = clock.GetUtcNow();
            var trimmed = reason.Trim();
            if (pause)
            {
                current = new CategoryPause { Category = category, Reason = trimmed, PausedBy = actor, Source = source, PausedAt = now };
                db.CategoryPauses.Add(current);
            }
            else
            {
                db.CategoryPauses.Remove(current!);
                current = null;
            }

            var change = new CategoryPauseChange
            {
                Id = Guid.CreateVersion7(),
                Category = category,
                Action = pause ? PauseActions.Pause : PauseActions.Resume,
                Reason = trimmed,
                Actor = actor,
                Source = source,
                ChangedAt = now,
            };
            db.CategoryPauseChanges.Add(change);
            await db.SaveChangesAsync(ct);
            return new PauseResult(PauseOutcome.Changed, pause, current, change);
        }, cancellationToken);

        if (result.Outcome == PauseOutcome.Changed)
        {
            cache.Invalidate();
        }

        return result;
    }
}

/// <summary>
/// The paused categories as this process last read them. Singleton; refreshed by whichever caller finds it stale, so
/// the answer path pays one small query per <see cref="MaxAge"/> at most, not one per message.
/// </summary>
public sealed class CategoryPauseCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(HashSet<string> Paused, long ReadAt);

    public async ValueTask<IReadOnlySet<string>> PausedAsync(SupportBotDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetElapsedTime(snapshot.ReadAt) < MaxAge)
        {
            return snapshot.Paused;
        }

        var readAt = clock.GetTimestamp();
        var paused = await db.CategoryPauses.AsNoTracking().Select(p => p.Category).ToListAsync(cancellationToken);
        var fresh = new Snapshot(paused.ToHashSet(StringComparer.Ordinal), readAt);
        _snapshot = fresh;
        return fresh.Paused;
    }

    public void Invalidate() => _snapshot = null;
}
