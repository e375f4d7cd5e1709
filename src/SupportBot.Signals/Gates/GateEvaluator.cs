using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Contracts;
using SupportBot.Data;

namespace SupportBot.Signals.Gates;

/// <summary>
/// The one place gates are computed, for the API (GET /api/gates, phase changes) and the worker's
/// gauges alike. It sums the hourly category_signal_stats rows inside each window in Postgres
/// (one grouped query per distinct window), never the drafts themselves.
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

        // One grouped sum per distinct window (usually one or two): Postgres adds up the hours and
        // returns a row per category, whatever the history's length.
        var totals = new Dictionary<string, SignalTotals>(StringComparer.Ordinal);
        foreach (var group in windows.GroupBy(w => GateMath.WindowStart(now, w.Value.Window)))
        {
            var start = group.Key;
            var names = group.Select(g => g.Key).ToList();
            var sums = await db.CategorySignalStats.AsNoTracking()
                .Where(s => names.Contains(s.Category) && s.Hour >= start)
                .GroupBy(s => s.Category)
                .Select(g => new
                {
                    Category = g.Key,
                    Sent = g.Sum(s => s.Sent),
                    Edited = g.Sum(s => s.Edited),
                    Corrected = g.Sum(s => s.Corrected),
                    Distance = g.Sum(s => s.WordEditDistanceSum),
                    Up = g.Sum(s => s.ThumbsUp),
                    Down = g.Sum(s => s.ThumbsDown),
                })
                .ToListAsync(cancellationToken);
            foreach (var sum in sums)
            {
                totals[sum.Category] = new SignalTotals(sum.Sent, sum.Edited, sum.Corrected, sum.Distance, sum.Up, sum.Down);
            }
        }

        return [.. categories.Select(category =>
        {
            var thresholds = windows[category.Name];
            return GateMath.Evaluate(category.Name, category.Phase, thresholds, totals.GetValueOrDefault(category.Name, SignalTotals.Empty),
                GateMath.WindowStart(now, thresholds.Window), now);
        })];
    }
}
