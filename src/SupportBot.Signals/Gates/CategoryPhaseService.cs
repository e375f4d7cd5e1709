using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Data.Gates;

namespace SupportBot.Signals.Gates;

public enum PhaseChangeOutcome
{
    Changed,
    UnknownCategory,
    SamePhase,
    SkipsAPhase,
    GateFails,
}

/// <param name="Gate">The category's phase-2 gate.</param>
/// <param name="Entry">The gate of the phase being entered, when it has one of its own (phase 1's, for internal).</param>
public sealed record PhaseChangeResult(PhaseChangeOutcome Outcome, string CurrentPhase, CategoryGateView? Gate, CategoryPhaseChange? Change, PromotionGateResult? Entry = null)
{
    /// <summary>Why the gate the change needed is not met.</summary>
    public IReadOnlyList<string> GateReasons => Entry?.Reasons ?? Gate?.Reasons ?? [];
}

/// <summary>
/// Moves a category between phases and writes the audit row in the same transaction, with the
/// category row locked so two concurrent promotions cannot both start from the same phase. Customer-facing needs the
/// phase-2 gate; a phase with an <see cref="IPromotionGate"/> of its own (internal: phase 1's) needs that one.
/// </summary>
public sealed class CategoryPhaseService(SupportBotDbContext db, GateEvaluator gates, IEnumerable<IPromotionGate> entryGates, TimeProvider clock)
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    /// <param name="force">Overrides a failing gate; needs a non-empty <paramref name="reason"/> (the caller validates that).</param>
    public async Task<PhaseChangeResult> ChangeAsync(string category, string toPhase, bool force, string? reason, string actor, CancellationToken cancellationToken)
    {
        return await db.InTransactionAsync(async ct =>
        {
            var row = await db.Categories.FromSql($"SELECT * FROM categories WHERE name = {category} FOR UPDATE").SingleOrDefaultAsync(ct);
            if (row is null)
            {
                return new PhaseChangeResult(PhaseChangeOutcome.UnknownCategory, "", null, null);
            }

            var gate = (await gates.EvaluateAsync([(row.Name, row.Phase)], ct))[0];
            var from = row.Phase;
            if (from == toPhase)
            {
                return new PhaseChangeResult(PhaseChangeOutcome.SamePhase, from, gate, null);
            }

            var promotion = PhaseRules.Rank(toPhase) > PhaseRules.Rank(from);
            if (promotion && PhaseRules.Rank(toPhase) - PhaseRules.Rank(from) > 1)
            {
                return new PhaseChangeResult(PhaseChangeOutcome.SkipsAPhase, from, gate, null);
            }

            if (promotion && PhaseRules.NeedsGate(toPhase) && !gate.Ready && !force)
            {
                return new PhaseChangeResult(PhaseChangeOutcome.GateFails, from, gate, null);
            }

            var entryGate = promotion ? entryGates.FirstOrDefault(g => g.ToPhase == toPhase) : null;
            var entry = entryGate is null ? null : await entryGate.EvaluateAsync(row.Name, ct);
            if (entry is { Ready: false } && !force)
            {
                return new PhaseChangeResult(PhaseChangeOutcome.GateFails, from, gate, null, entry);
            }

            row.Phase = toPhase;
            var change = new CategoryPhaseChange
            {
                Id = Guid.CreateVersion7(),
                Category = row.Name,
                FromPhase = from,
                ToPhase = toPhase,
                // Forced only when the force actually overrode something: a passing gate needs none.
                Forced = force && promotion && ((PhaseRules.NeedsGate(toPhase) && !gate.Ready) || entry is { Ready: false }),
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
                ChangedBy = actor,
                GateSnapshot = entry is null ? JsonSerializer.Serialize(gate, SnapshotJson) : JsonSerializer.Serialize(entry.Snapshot, entry.Snapshot.GetType(), SnapshotJson),
                ChangedAt = clock.GetUtcNow(),
            };
            db.CategoryPhaseChanges.Add(change);
            await db.SaveChangesAsync(ct);
            return new PhaseChangeResult(PhaseChangeOutcome.Changed, toPhase, gate, change, entry);
        }, cancellationToken);
    }
}
