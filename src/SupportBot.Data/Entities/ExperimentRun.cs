namespace SupportBot.Data.Entities;

/// <summary>
/// One run of an agent configuration (prompt version, optional model) over a pinned dataset
/// version, optionally narrowed to one category. Executed by the eval worker under a lease, so a
/// crashed worker's run is picked up again by the next one.
/// </summary>
public sealed class ExperimentRun
{
    public Guid Id { get; set; }
    public Guid DatasetId { get; set; }
    public int DatasetVersion { get; set; }

    /// <summary>Only the items of this category, when set.</summary>
    public string? Category { get; set; }

    public required string PromptName { get; set; }

    /// <summary>The label asked for, if any; <see cref="PromptVersion"/> is what it resolved to when the run was queued.</summary>
    public string? PromptLabel { get; set; }

    public int PromptVersion { get; set; }

    /// <summary>Overrides the prompt's model for this run.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// The named model configuration (Models:Candidates:&lt;name&gt;: provider, endpoint, model id, retrieval) that drafts
    /// this run; null means the prompt's production model at the time each item is drafted.
    /// </summary>
    public string? ModelConfiguration { get; set; }

    /// <summary>Which workers may claim the run ("default"); a dedicated worker pool can take its own runs.</summary>
    public string Pool { get; set; } = ExperimentPools.Default;

    public required string Status { get; set; }
    public int TotalItems { get; set; }
    public string? Error { get; set; }

    /// <summary>
    /// JSON object metric → reason for evaluators that skipped themselves in this run (the LLM judge
    /// without a judge model), so a report can say why a metric is missing instead of just omitting it.
    /// </summary>
    public string SkippedMetrics { get; set; } = "{}";

    /// <summary>The worker holding the run, and until when; an expired lease means the worker died.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>
/// The result of one dataset item in one run. Written once: the (run, item) key is what makes a
/// resumed run skip finished items instead of drafting them again.
/// </summary>
public sealed class ExperimentItemResult
{
    public Guid RunId { get; set; }
    public Guid ItemId { get; set; }
    public string? TraceId { get; set; }
    public string? Category { get; set; }
    public string Output { get; set; } = "";
    public bool Handoff { get; set; }

    /// <summary><see cref="ExperimentItemStatuses"/>: drafted and graded, or failed with <see cref="Error"/>.</summary>
    public required string Status { get; set; }

    public string? Error { get; set; }
    public double DurationMs { get; set; }

    /// <summary>The draft alone (retrieval, classification, generation), without grading: the latency a customer would wait.</summary>
    public double? DraftMs { get; set; }

    /// <summary>Tokens of the generation: the provider's usage when it reports one, else counted (<see cref="TokensCounted"/>).</summary>
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public bool TokensCounted { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public static class ExperimentStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Stopped by a manager; the items already done stay in the report.</summary>
    public const string Cancelled = "cancelled";
}

public static class ExperimentItemStatuses
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public static class ExperimentPools
{
    public const string Default = "default";
}
