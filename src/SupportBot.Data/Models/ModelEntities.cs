namespace SupportBot.Data.Models;

/// <summary>
/// Which named model configuration (Models:Candidates:&lt;name&gt;, or the built-in "default") drafts with a prompt's
/// production version. One row per prompt; no row means the configured default. Changed only through the audited switch.
/// </summary>
public sealed class ProductionModel
{
    public required string PromptName { get; set; }
    public required string Model { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}

/// <summary>One switch of the production model and/or prompt version: who, when, why, forced or not, and the comparison that allowed it.</summary>
public sealed class ModelChange
{
    public Guid Id { get; set; }
    public required string PromptName { get; set; }
    public required string FromModel { get; set; }
    public required string ToModel { get; set; }
    public int FromPromptVersion { get; set; }
    public int ToPromptVersion { get; set; }

    /// <summary>True only when force overrode a missing or failing comparison.</summary>
    public bool Forced { get; set; }

    public string? Reason { get; set; }

    /// <summary>The passing comparison the switch relied on (null when forced without one).</summary>
    public Guid? ComparisonId { get; set; }

    public string? ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// A candidate model compared with production: a record linking, per dataset version, the baseline run (production
/// prompt and model) and the candidate run (same prompt version, or a candidate version, with the candidate model),
/// plus the report once every run has finished.
/// </summary>
public sealed class ModelComparison
{
    public Guid Id { get; set; }
    public required string PromptName { get; set; }
    public int BaselinePromptVersion { get; set; }
    public int CandidatePromptVersion { get; set; }
    public required string BaselineModel { get; set; }
    public required string CandidateModel { get; set; }

    /// <summary>"all" (every active dataset at the time) or "selected" (datasets named by the request).</summary>
    public required string Scope { get; set; }

    /// <summary>JSON array of { datasetId, name, version, baselineRunId, candidateRunId }.</summary>
    public string Runs { get; set; } = "[]";

    /// <summary>JSON of the non-inferiority margins in force when the comparison was made.</summary>
    public string Margins { get; set; } = "{}";

    /// <summary><see cref="ModelComparisonStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary>Null until the report exists; then whether every voting rule held.</summary>
    public bool? Passed { get; set; }

    public string? Verdict { get; set; }

    /// <summary>The full report (JSON), written once when the last run finished.</summary>
    public string? Report { get; set; }

    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public static class ModelComparisonStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class ModelComparisonScopes
{
    public const string All = "all";
    public const string Selected = "selected";
}
