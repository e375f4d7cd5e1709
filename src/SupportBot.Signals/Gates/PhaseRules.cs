using SupportBot.Contracts;

namespace SupportBot.Signals.Gates;

/// <summary>
/// Which phase moves are allowed. Promotion goes one step at a time (offline → internal →
/// customer-facing) so no category reaches customers without an internal period that measured it;
/// demotion may jump any distance at any time, without a gate, because it only makes the bot more careful.
/// </summary>
public static class PhaseRules
{
    public static IReadOnlyList<string> Ordered => CategoryPhases.Ordered;

    public static bool IsKnown(string? phase) => phase is not null && Ordered.Contains(phase);

    public static int Rank(string phase) => CategoryPhases.IndexOf(phase);

    /// <summary>
    /// Only customer-facing needs the phase-2 gate; internal drafts are seen by the team only, which is how the gate's
    /// data is gathered. (Internal has a gate of its own, phase 1's: an IPromotionGate from SupportBot.Evaluation.)
    /// </summary>
    public static bool NeedsGate(string toPhase) => toPhase == CategoryPhases.CustomerFacing;
}
