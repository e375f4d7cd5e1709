using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Data;

namespace SupportBot.Signals.Gates;

/// <summary>
/// The one place gates are computed, for the API (GET /api/gates, phase changes) and the worker's
/// gauges alike. It reads the hourly category_signal_stats rows of the longest configured window
/// (a few hundred rows), never the drafts themselves.
/// </summary>
public sealed class GateEvaluator(SupportBotDbContext db, IOptionsMonitor<GateOptions> options, TimeProvider clock)
{
    /// <summary>Every category in the categories table, with or without data, ordered by name.</summary>
    public async Task<IReadOnlyList<CategoryGateView>> EvaluateAllAsync(CancellationToken cancellationToken = default)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.Phase }).ToListAsync(cancellationToken);
        return await EvaluateAsync([.. categories.Select(c => (c.Name, c.Phase))], cancellationToken);
    }

    /// <summary>One category's gate, or null when there is no such category.</summary>
    public async Task<CategoryGateView?> EvaluateAsync(string category, CancellationToken cancellationToken = default)
    {
        var phase = await db.Categories.AsNoTracking().Where(c => c.Name == category).Select(c => c.Phase).SingleOrDefaultAsync(cancellationToken);
        return phase is null ? null : (await EvaluateAsync([(category, phase)], cancellationToken))[0];
    }

    /// <summary>The gate for categories whose phase the caller already holds (e.g. under a row lock).</summary>
    public async Task<IReadOnlyList<CategoryGateView>> EvaluateAsync(IReadOnlyList<(string Name, string Phase)> categories, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var windows = categories.ToDictionary(c => c.Name, c => settings.For(c.Name));
        if (windows.Count == 0)
        {
            return [];
        }

        var earliest = windows.Values.Min(t => GateMath.WindowStart(now, t.Window));
        var names = windows.Keys.ToList();
        var rows = await db.CategorySignalStats.AsNoTracking()
            .Where(s => names.Contains(s.Category) && s.Hour >= earliest)
            .ToListAsync(cancellationToken);
        var byCategory = rows.ToLookup(r => r.Category);

        return [.. categories.Select(category =>
        {
            var thresholds = windows[category.Name];
            var start = GateMath.WindowStart(now, thresholds.Window);
            var inWindow = byCategory[category.Name].Where(r => r.Hour >= start).ToList();
            var totals = new SignalTotals(
                inWindow.Sum(r => r.Sent), inWindow.Sum(r => r.Edited), inWindow.Sum(r => r.Corrected),
                inWindow.Sum(r => r.WordEditDistanceSum), inWindow.Sum(r => r.ThumbsUp), inWindow.Sum(r => r.ThumbsDown));
            return GateMath.Evaluate(category.Name, category.Phase, thresholds, totals, start, now);
        })];
    }
}
