namespace SupportBot.Data.Gates;

/// <summary>
/// What a category must show before it may move into <see cref="ToPhase"/>. The phase service asks the gate of the
/// phase being entered; each phase's library supplies its own (phase 1: evaluator scores and a manual review),
/// so the phase service needs none of them.
/// </summary>
public interface IPromotionGate
{
    string ToPhase { get; }

    /// <summary>Runs inside the phase change's transaction, with the category row locked.</summary>
    Task<PromotionGateResult> EvaluateAsync(string category, CancellationToken cancellationToken);
}

/// <param name="Snapshot">The gate's full view (checks, values, thresholds), stored in the audit row as JSON.</param>
public sealed record PromotionGateResult(bool Ready, IReadOnlyList<string> Reasons, object Snapshot);
