namespace SupportBot.Contracts;

/// <summary>A score on a trace, as the review queue shows it.</summary>
public sealed record ScoreView(string Name, string DataType, double? NumericValue, string? StringValue, string? Comment, string Source, DateTimeOffset CreatedAt);

/// <summary>A draft whose outcome looks bad (large edit, corrected, thumbs down) and that nobody reviewed yet.</summary>
public sealed record ReviewQueueItem(
    string TraceId,
    Guid DraftId,
    string Category,
    string DraftText,
    string? SentText,
    string? AgentId,
    DateTimeOffset? SentAt,
    string? EditType,
    double? WordEditDistance,
    double? CharEditDistance,
    int ThumbsUp,
    int ThumbsDown,
    string? LastComment,
    string[] Reasons,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ScoreView> Scores);

public sealed record ReviewQueuePage(int Page, int PageSize, int Total, IReadOnlyList<ReviewQueueItem> Items);

/// <summary>Give either the dataset's id or its name. <see cref="FailureMode"/> (error analysis) is picked or created, and kept as item metadata.</summary>
public sealed record AddToDatasetRequest(Guid? DatasetId, string? DatasetName, string? Note, string? FailureMode = null);

/// <summary><see cref="FailureMode"/> (error analysis) is picked or created and counted even when the item is dismissed.</summary>
public sealed record DismissRequest(string? Note, string? FailureMode = null);

/// <summary>What a reviewer decided: "added" (with the dataset version it made) or "dismissed".</summary>
public sealed record ReviewDecision(string TraceId, string Status, string ReviewedBy, DateTimeOffset ReviewedAt, Guid? DatasetId = null, int? DatasetVersion = null, bool AlreadyInDataset = false);

/// <summary>An event the worker gave up on.</summary>
public sealed record DeadLetterView(string Id, string EntryId, string? Payload, string Error, int Attempts, DateTimeOffset DeadLetteredAt);
