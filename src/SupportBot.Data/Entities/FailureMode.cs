namespace SupportBot.Data.Entities;

/// <summary>
/// A named way the agent goes wrong ("cites outdated article", "should have handed off"), from error analysis:
/// reviewers pick or create one for each bad trace they look at, and the counts say what to fix first.
/// </summary>
public sealed class FailureMode
{
    /// <summary>Lowercase slug, the key reviewers pick by.</summary>
    public required string Name { get; set; }

    public string Description { get; set; } = "";
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A reviewed trace tagged with a failure mode and the reviewer's note. One row per trace and mode.</summary>
public sealed class TraceFailureMode
{
    public Guid Id { get; set; }
    public required string TraceId { get; set; }
    public required string FailureMode { get; set; }
    public string? Category { get; set; }
    public string? Note { get; set; }

    /// <summary>Where the review happened: <see cref="FailureModeSources"/>.</summary>
    public required string Source { get; set; }

    public required string Reviewer { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class FailureModeSources
{
    public const string ReviewQueue = "review-queue";
    public const string ExperimentReview = "experiment-review";
    public const string FollowUp = "follow-up";
}
