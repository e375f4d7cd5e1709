namespace SupportBot.Data.Entities;

/// <summary>
/// What the support team did with one draft (phase 2): the reply they sent, how much they changed
/// it, and their thumbs. One row per draft, written by the worker together with the trace's scores.
/// </summary>
public sealed class DraftOutcome
{
    public Guid DraftId { get; set; }
    public required string TraceId { get; set; }
    public required string Category { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public string? SentText { get; set; }
    public string? AgentId { get; set; }

    /// <summary>Normalized word-level edit distance: 0 = sent unchanged, 1 = rewritten.</summary>
    public double? WordEditDistance { get; set; }

    public double? CharEditDistance { get; set; }

    /// <summary>none / tone / corrected / added: <see cref="EditTypes"/>.</summary>
    public string? EditType { get; set; }

    public int ThumbsUp { get; set; }
    public int ThumbsDown { get; set; }
    public string? LastComment { get; set; }

    /// <summary>Null while unreviewed; "added" (to a dataset) or "dismissed" once a reviewer decided.</summary>
    public string? ReviewStatus { get; set; }

    public string? ReviewNote { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class EditTypes
{
    public const string None = "none";
    public const string Tone = "tone";
    public const string Corrected = "corrected";
    public const string Added = "added";

    public static readonly string[] All = [None, Tone, Corrected, Added];
}

/// <summary>
/// Per-category, per-hour sums of the phase-2 signals. The worker adds to them in the same
/// transaction as the scores, so gates and gauges read a few hundred rows instead of every draft.
/// </summary>
public sealed class CategorySignalStats
{
    public required string Category { get; set; }
    public DateTimeOffset Hour { get; set; }
    public int Sent { get; set; }

    /// <summary>Sent drafts whose edit type was anything but none.</summary>
    public int Edited { get; set; }

    public int Corrected { get; set; }
    public double WordEditDistanceSum { get; set; }
    public int ThumbsUp { get; set; }
    public int ThumbsDown { get; set; }
}

/// <summary>Audit log of category phase changes (promotions, demotions, forced ones with their reason).</summary>
public sealed class CategoryPhaseChange
{
    public Guid Id { get; set; }
    public required string Category { get; set; }
    public required string FromPhase { get; set; }
    public required string ToPhase { get; set; }
    public bool Forced { get; set; }
    public string? Reason { get; set; }
    public required string ChangedBy { get; set; }

    /// <summary>JSON: the gate values when the change was made.</summary>
    public string GateSnapshot { get; set; } = "{}";

    public DateTimeOffset ChangedAt { get; set; }
}
