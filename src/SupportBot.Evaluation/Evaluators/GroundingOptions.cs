namespace SupportBot.Evaluation.Evaluators;

/// <summary>Configuration section "Evaluation:Grounding".</summary>
public sealed class GroundingOptions
{
    public const string Section = "Evaluation:Grounding";

    /// <summary>How long one grader trusts its help-article snapshot before reading it again.</summary>
    public TimeSpan SnapshotTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// URL prefixes outside the help center a draft may link to (status page, feedback portal, the
    /// app itself), e.g. "https://status.example.com". Any other non-article URL counts as invented,
    /// unless the customer's own ticket contains it.
    /// </summary>
    public List<string> AllowedUrlPrefixes { get; set; } = [];
}
