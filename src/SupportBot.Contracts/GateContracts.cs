using System.ComponentModel.DataAnnotations;
namespace SupportBot.Contracts;

/// <summary>
/// One category's phase-2 gate over its window: every check with its value, sample size and
/// threshold, and the reasons it is not ready (empty when ready).
/// </summary>
public sealed record CategoryGateView(
    string Category,
    string Phase,
    bool Ready,
    IReadOnlyList<string> Reasons,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Sent,
    int Feedback,
    IReadOnlyList<GateCheckView> Checks)
{
    /// <summary>For an offline category: the phase-1 gate it needs to become internal (evaluator scores and a manual review).</summary>
    public Phase1GateView? Phase1 { get; init; }
}

/// <param name="Name">edited_share, corrected_share, mean_edit_distance or thumbs_up_share.</param>
/// <param name="Value">Null when there is no sample to compute it from.</param>
/// <param name="Comparison">"max": the value must stay at or below the threshold; "min": at or above it.</param>
/// <param name="SampleSize">Sent drafts (or thumbs, for thumbs_up_share) the value is computed from.</param>
/// <param name="MinimumSampleSize">The sample the check needs before it can pass.</param>
public sealed record GateCheckView(
    string Name,
    double? Value,
    double Threshold,
    string Comparison,
    int SampleSize,
    int MinimumSampleSize,
    bool Passed,
    string? Reason);

/// <summary>Moves a category to another phase. Promotion to customer-facing needs its gate, or force with a reason.</summary>
public sealed record ChangePhaseRequest([Required] string? Phase, bool? Force, string? Reason);

public sealed record PhaseChangeView(
    Guid Id,
    string Category,
    string FromPhase,
    string ToPhase,
    bool Forced,
    string? Reason,
    string ChangedBy,
    System.Text.Json.JsonElement GateSnapshot,
    DateTimeOffset ChangedAt);

public sealed record CategoryPhaseView(string Category, string Phase, PhaseChangeView? Change);
