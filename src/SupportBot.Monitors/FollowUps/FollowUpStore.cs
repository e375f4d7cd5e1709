using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.FailureModes;
using SupportBot.Data.Monitors;
using SupportBot.Monitors.Checking;

namespace SupportBot.Monitors.FollowUps;

public enum FollowUpChange { Done, NotFound, Conflict }

/// <summary>The follow-up queue: open entries by severity then age; take; resolve with an outcome; measured precision per monitor.</summary>
public sealed class FollowUpStore(SupportBotDbContext db, FailureModeStore failureModes, FollowUpMetrics metrics, TimeProvider clock)
{
    public async Task<FollowUpPage> ListAsync(string? status, string? category, int limit, CancellationToken cancellationToken)
    {
        var query = db.FollowUps.AsNoTracking();
        query = status is { Length: > 0 } ? query.Where(f => f.Status == status) : query.Where(f => f.Status != FollowUpStatuses.Resolved);
        if (!string.IsNullOrWhiteSpace(category))
        {
            query = query.Where(f => f.Category == category);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(f => f.SeverityRank).ThenBy(f => f.FirstFlaggedAt).Take(limit).ToListAsync(cancellationToken);
        var keys = rows.Select(r => r.ConversationKey).ToList();
        var flags = await db.CheckedReplies.AsNoTracking().Where(c => keys.Contains(c.ConversationKey) && c.FlagCount > 0)
            .Select(c => new { c.ConversationKey, c.Flags }).ToListAsync(cancellationToken);
        var byKey = flags.GroupBy(f => f.ConversationKey).ToDictionary(
            g => g.Key, g => (IReadOnlyList<MonitorFlag>)[.. g.SelectMany(f => JsonSerializer.Deserialize<List<MonitorFlag>>(f.Flags, SentReplyJson.Options) ?? [])]);
        return new FollowUpPage(total, [.. rows.Select(r => View(r, byKey.GetValueOrDefault(r.ConversationKey) ?? []))]);
    }

    public async Task<(FollowUpChange, FollowUpView?)> TakeAsync(Guid id, string agent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = await db.FollowUps.Where(f => f.Id == id && f.Status == FollowUpStatuses.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FollowUpStatuses.Taken).SetProperty(f => f.TakenBy, agent).SetProperty(f => f.TakenAt, now), cancellationToken);
        return await ResultAsync(id, changed, cancellationToken);
    }

    /// <summary>
    /// Resolves the entry and, in the same transaction, tags its trace for error analysis (source follow-up): with
    /// <paramref name="failureMode"/> when given (already a slug), else — when the outcome confirms the flag — with each
    /// flagging monitor's name ("invented-policy"). A false positive is the monitor's mistake, not the agent's: no tag.
    /// </summary>
    public async Task<(FollowUpChange, FollowUpView?)> ResolveAsync(Guid id, string agent, string outcome, string? note, string? failureMode, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Through the execution strategy (InTransactionAsync): the context retries transient failures.
        var changed = await db.InTransactionAsync(async ct =>
        {
            var updated = await db.FollowUps.Where(f => f.Id == id && f.Status != FollowUpStatuses.Resolved)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FollowUpStatuses.Resolved).SetProperty(f => f.Outcome, outcome)
                    .SetProperty(f => f.Note, note).SetProperty(f => f.ResolvedBy, agent).SetProperty(f => f.ResolvedAt, now), ct);
            if (updated == 1 && await db.FollowUps.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is { } entry)
            {
                foreach (var mode in FailureModesFor(entry, outcome, failureMode))
                {
                    await failureModes.TagAsync(entry.TraceId, mode, entry.Category, note, FailureModeSources.FollowUp, agent, ct);
                }
            }

            return updated;
        }, cancellationToken);
        var result = await ResultAsync(id, changed, cancellationToken);
        if (result is (FollowUpChange.Done, { } resolved))
        {
            // After the commit: a retried transaction records once.
            metrics.Resolved(resolved.Category, outcome, now - resolved.FirstFlaggedAt);
        }

        return result;
    }

    public static IReadOnlyList<string> FailureModesFor(FollowUp entry, string outcome, string? failureMode) =>
        failureMode is { Length: > 0 } ? [failureMode]
        : outcome == FollowUpOutcomes.FalsePositive ? []
        : [.. entry.Monitors.Where(m => m != MonitorNames.MonitorError).Select(m => FailureModeNames.Normalize(m)).OfType<string>().Distinct()];

    /// <summary>Resolved entries per monitor: a false-positive outcome counts against every monitor on the entry.</summary>
    public async Task<IReadOnlyList<MonitorPrecision>> PrecisionAsync(CancellationToken cancellationToken)
    {
        var resolved = await db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatuses.Resolved)
            .Select(f => new { f.Monitors, f.Outcome }).ToListAsync(cancellationToken);
        return [.. MonitorNames.Embedded.Append(MonitorNames.LlmJudge).Select(m =>
        {
            var mine = resolved.Where(r => r.Monitors.Contains(m)).ToList();
            var falsePositives = mine.Count(r => r.Outcome == FollowUpOutcomes.FalsePositive);
            return new MonitorPrecision(m, mine.Count, falsePositives, mine.Count == 0 ? null : Math.Round((double)(mine.Count - falsePositives) / mine.Count, 4));
        })];
    }

    private async Task<(FollowUpChange, FollowUpView?)> ResultAsync(Guid id, int changed, CancellationToken cancellationToken)
    {
        var row = await db.FollowUps.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return row is null ? (FollowUpChange.NotFound, null) : (changed == 1 ? FollowUpChange.Done : FollowUpChange.Conflict, View(row, []));
    }

    private static FollowUpView View(FollowUp f, IReadOnlyList<MonitorFlag> flags) => new(
        f.Id, f.ConversationKey, f.ConversationId, f.TicketId, f.LatestReplyId, f.TraceId, f.Category, FlagSeverities.FromRank(f.SeverityRank),
        f.Monitors, f.FlagCount, f.Status, f.FirstFlaggedAt, f.LastFlaggedAt, f.TakenBy, f.TakenAt, f.Outcome, f.Note, f.ResolvedBy, f.ResolvedAt, flags);
}
