using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data.Entities;

namespace SupportBot.Data.FailureModes;

/// <summary>
/// Error analysis: the managed list of failure modes, and the reviewed traces tagged with them. Every review
/// path (review queue, experiment review, follow-ups) tags through <see cref="TagAsync"/>, so the counts are one story.
/// </summary>
public sealed class FailureModeStore(SupportBotDbContext db, TimeProvider clock)
{
    /// <summary>Adds a mode; an existing one keeps its description unless a new, non-empty one is given.</summary>
    public async Task<FailureModeView> UpsertAsync(string name, string? description, string actor, CancellationToken cancellationToken)
    {
        var mode = await db.FailureModes.SingleOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (mode is null)
        {
            mode = new FailureMode { Name = name, Description = description?.Trim() ?? "", CreatedBy = actor, CreatedAt = clock.GetUtcNow() };
            db.FailureModes.Add(mode);
        }
        else if (!string.IsNullOrWhiteSpace(description))
        {
            mode.Description = description.Trim();
        }

        await db.SaveChangesAsync(cancellationToken);
        return new FailureModeView(mode.Name, mode.Description, mode.CreatedBy, mode.CreatedAt);
    }

    /// <summary>
    /// Tags a trace with a mode (created on the fly when the reviewer names a new one). A second tag of the same
    /// trace with the same mode updates its note instead of counting twice.
    /// </summary>
    public async Task TagAsync(string traceId, string failureMode, string? category, string? note, string source, string reviewer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // One statement each, so concurrent reviewers naming the same new mode or trace cannot collide.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO failure_modes (name, description, created_by, created_at) VALUES ({failureMode}, '', {reviewer}, {now})
            ON CONFLICT (name) DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO trace_failure_modes (id, trace_id, failure_mode, category, note, source, reviewer, created_at)
            VALUES ({Guid.CreateVersion7()}, {traceId}, {failureMode}, {category}, {note}, {source}, {reviewer}, {now})
            ON CONFLICT (trace_id, failure_mode) DO UPDATE SET note = EXCLUDED.note, reviewer = EXCLUDED.reviewer, source = EXCLUDED.source
            """, cancellationToken);
    }

    /// <summary>Every mode with its count per category and per day inside the window, and its latest traces.</summary>
    public async Task<FailureModeReport> CountAsync(string? category, DateTimeOffset since, DateTimeOffset until, int tracesPerMode, CancellationToken cancellationToken)
    {
        var modes = await db.FailureModes.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        // Reviewed traces are made by people, so a window holds thousands at most: group them here, not in SQL.
        var tagged = await db.TraceFailureModes.AsNoTracking()
            .Where(t => t.CreatedAt >= since && t.CreatedAt < until && (category == null || t.Category == category))
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
        var byMode = tagged.ToLookup(t => t.FailureMode);

        var items = modes.Select(mode => new FailureModeCount(
                mode.Name,
                mode.Description,
                byMode[mode.Name].Count(),
                [.. byMode[mode.Name].GroupBy(t => t.Category)
                    .Select(g => new FailureModeCategoryCount(g.Key, g.Count()))
                    .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)],
                [.. byMode[mode.Name].GroupBy(t => DateOnly.FromDateTime(t.CreatedAt.UtcDateTime))
                    .Select(g => new FailureModeDayCount(g.Key, g.Count()))
                    .OrderBy(d => d.Day)],
                [.. byMode[mode.Name].Take(tracesPerMode)
                    .Select(t => new FailureModeTrace(t.TraceId, t.Category, t.Source, t.Note, t.Reviewer, t.CreatedAt, $"/api/traces/{t.TraceId}"))]))
            .OrderByDescending(m => m.Count).ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        return new FailureModeReport(category, since, until, items);
    }
}
