namespace SupportBot.Data.Entities;

/// <summary>
/// One experiment item drawn for manual review (the phase-1 gate's "manual review looks good"), and the
/// reviewer's verdict once given. The draw is seeded, so the same run and seed always sample the same items.
/// </summary>
public sealed class ExperimentReviewItem
{
    public Guid RunId { get; set; }
    public Guid ItemId { get; set; }
    public string? Category { get; set; }
    public string? TraceId { get; set; }

    /// <summary>Order within the category's sample (0-based), so reviewers see it the same way every time.</summary>
    public int Position { get; set; }

    public int Seed { get; set; }
    public DateTimeOffset DrawnAt { get; set; }

    /// <summary>Null until reviewed.</summary>
    public bool? Acceptable { get; set; }

    public string? Note { get; set; }
    public string? FailureMode { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}
