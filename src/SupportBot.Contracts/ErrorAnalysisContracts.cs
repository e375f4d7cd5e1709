namespace SupportBot.Contracts;

public sealed record FailureModeView(string Name, string Description, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Creates a failure mode (or updates its description). The name becomes a slug.</summary>
public sealed record CreateFailureModeRequest(string? Name, string? Description);

/// <summary>How often each failure mode was picked in the window, most frequent first: what to fix first.</summary>
public sealed record FailureModeReport(string? Category, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<FailureModeCount> FailureModes);

public sealed record FailureModeCount(
    string Name,
    string Description,
    int Count,
    IReadOnlyList<FailureModeCategoryCount> ByCategory,
    IReadOnlyList<FailureModeDayCount> ByDay,
    IReadOnlyList<FailureModeTrace> LatestTraces);

public sealed record FailureModeCategoryCount(string? Category, int Count);

public sealed record FailureModeDayCount(DateOnly Day, int Count);

public sealed record FailureModeTrace(string TraceId, string? Category, string Source, string? Note, string Reviewer, DateTimeOffset TaggedAt, string Link);

/// <summary>Draws the manual-review sample of a finished run: <see cref="PerCategory"/> items of each category (default 10), seeded.</summary>
public sealed record ReviewSampleRequest(int? PerCategory, int? Seed);

/// <summary>A reviewer's verdict on one sampled item: acceptable or not, why, and optionally the failure mode.</summary>
public sealed record ReviewVerdictRequest(bool? Acceptable, string? Note, string? FailureMode);

public sealed record ReviewSampleItem(
    Guid ItemId,
    string? Category,
    int Position,
    string? TraceId,
    string Subject,
    string Body,
    string ExpectedOutput,
    string Output,
    bool? Acceptable,
    string? Note,
    string? FailureMode,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt);

public sealed record ReviewSample(Guid RunId, int Seed, int PerCategory, IReadOnlyList<ReviewSampleItem> Items);

public sealed record ReviewCategorySummary(string? Category, int Sampled, int Reviewed, int Acceptable, double? AcceptableShare, IReadOnlyDictionary<string, int> FailureModes);

public sealed record ReviewSummary(Guid RunId, IReadOnlyList<ReviewCategorySummary> Categories);

/// <summary>
/// The phase-1 gate (offline → internal) of one category: a finished run of the current production prompt and model
/// over the category's items that passes the thresholds, and a manual review of enough of its items, mostly acceptable.
/// </summary>
public sealed record Phase1GateView(
    string Category,
    bool Ready,
    IReadOnlyList<string> Reasons,
    string PromptName,
    int? PromptVersion,
    string? Model,
    Guid? RunId,
    string? DatasetName,
    int? DatasetVersion,
    IReadOnlyList<GateCheckView> Checks);

/// <summary>Drafts citing a help-article version older than the current one, per category: the stale-article loop as a number.</summary>
public sealed record OutdatedCitationReport(int Drafts, IReadOnlyList<OutdatedCitationCategory> Categories);

public sealed record OutdatedCitationCategory(string Category, int Drafts, IReadOnlyList<OutdatedCitationArticle> Articles);

public sealed record OutdatedCitationArticle(string Slug, int CitedVersion, int CurrentVersion, int Drafts);
