namespace SupportBot.Data.Entities;

/// <summary>
/// A named set of test cases built from resolved tickets (or reviewed traces). Versioned: every
/// change makes a new version, and experiment runs pin the version they ran on.
/// </summary>
public sealed class Dataset
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The category the dataset was proposed for; null for mixed datasets.</summary>
    public string? Category { get; set; }

    public int CurrentVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Datasets are archived, never deleted: old runs keep pointing at their versions.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>One version of a dataset: what changed and how many items it holds.</summary>
public sealed class DatasetVersion
{
    public Guid DatasetId { get; set; }
    public int Version { get; set; }
    public required string Change { get; set; }
    public int ItemCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A test case. Items are immutable: an item belongs to every version from <see cref="AddedInVersion"/>
/// up to (not including) <see cref="RemovedInVersion"/>, so any version can be read back exactly.
/// </summary>
public sealed class DatasetItem
{
    public Guid Id { get; set; }
    public Guid DatasetId { get; set; }

    public required string Subject { get; set; }
    public required string Body { get; set; }
    public string? Category { get; set; }
    public required string Language { get; set; }

    /// <summary>The reply that was sent: the reference a draft is graded against.</summary>
    public required string ExpectedOutput { get; set; }

    public bool ExpectedHandoff { get; set; }

    /// <summary>The help article a good reply cites, when known.</summary>
    public string? ExpectedArticleSlug { get; set; }

    public Guid? SourceTicketId { get; set; }

    /// <summary>The trace the item came from, when a reviewer added it from the review queue.</summary>
    public string? SourceTraceId { get; set; }

    /// <summary>
    /// JSON array of <c>{role, text}</c>: the earlier turns of a customer conversation, oldest first, for a multi-turn
    /// item (a bad conversation from the review queue); null for a ticket. <see cref="Body"/> is then the customer's
    /// message the expected output answers, and experiments draft it with these turns as the conversation so far.
    /// </summary>
    public string? Context { get; set; }

    /// <summary>JSON: anything else worth keeping (tags, priority, why it was added).</summary>
    public string Metadata { get; set; } = "{}";

    public int AddedInVersion { get; set; }
    public int? RemovedInVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
