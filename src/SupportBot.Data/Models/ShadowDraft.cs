namespace SupportBot.Data.Models;

/// <summary>
/// A candidate model's draft of a live ticket, made in the background by the worker (shadow mode) and never shown or
/// sent: not a row of <c>drafts</c>, so no ticket or draft response can include it. One per ticket and candidate (the
/// unique key makes a repeated attempt a no-op). Once the team's real reply for the ticket's production draft is
/// recorded, the shadow draft is scored against it with the edit distance the production draft got.
/// </summary>
public sealed class ShadowDraft
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }

    /// <summary>The named model configuration that drafted (Models:Shadow:Candidate).</summary>
    public required string Candidate { get; set; }

    /// <summary>The production draft of the same ticket this one is paired with.</summary>
    public Guid ProductionDraftId { get; set; }

    /// <summary>The production draft's category: the report groups both sides by it, so they cover the same tickets.</summary>
    public required string Category { get; set; }

    /// <summary><see cref="ShadowDraftStatuses"/>.</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>Exception type only (never a message that could quote the ticket).</summary>
    public string? Error { get; set; }

    public required string PromptName { get; set; }
    public int PromptVersion { get; set; }

    // --- The draft (status drafted) ---
    public string? TraceId { get; set; }
    public string? Text { get; set; }
    public string? ShadowCategory { get; set; }
    public bool Handoff { get; set; }
    public string? Model { get; set; }
    public double? LatencyMs { get; set; }
    public double? ProductionLatencyMs { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }

    /// <summary>Monitor flags on the shadow draft and, checked the same way at the same time, on the production draft (monitor names).</summary>
    public string[] Flags { get; set; } = [];

    public string[] ProductionFlags { get; set; } = [];
    public DateTimeOffset? DraftedAt { get; set; }

    // --- Scored once the team's reply was recorded ---
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Normalized word edit distance to the reply really sent (0 = the team would have sent it unchanged).</summary>
    public double? EditDistance { get; set; }

    public double? EditDistanceChars { get; set; }

    /// <summary>The production draft's word edit distance to the same reply (draft_outcomes), copied for the paired report.</summary>
    public double? ProductionEditDistance { get; set; }

    public DateTimeOffset? ScoredAt { get; set; }
}

public static class ShadowDraftStatuses
{
    /// <summary>Claimed by a worker, being drafted (a crashed worker's claim is taken over after the lease).</summary>
    public const string Drafting = "drafting";

    public const string Drafted = "drafted";

    /// <summary>Drafting threw; retried up to the attempt limit, then left failed (counted in the report).</summary>
    public const string Failed = "failed";
}
