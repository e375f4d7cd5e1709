namespace SupportBot.Contracts;

/// <summary>
/// `POST /api/models/comparisons`: the production prompt (or <see cref="CandidatePromptVersion"/>) with
/// <see cref="Candidate"/> against the production prompt with the production model, over every active dataset
/// (<see cref="Datasets"/> null, empty or ["all"]) or the datasets named, paired on the same items.
/// </summary>
public sealed record CreateModelComparisonRequest(
    string? Candidate,
    IReadOnlyList<string>? Datasets = null,
    string? Prompt = null,
    int? CandidatePromptVersion = null,
    string? Pool = null);

/// <summary>A named model configuration (never its key).</summary>
public sealed record ModelDefinitionView(
    string Name, string Provider, string? Model, string? BaseUrl, string Retrieval, decimal? InputPricePerMillion, decimal? OutputPricePerMillion,
    string Summary, bool Production);

/// <summary>One dataset version of a comparison: its two runs and their progress.</summary>
public sealed record ComparisonRunView(
    Guid DatasetId, string Dataset, int Version, Guid BaselineRunId, Guid CandidateRunId,
    string BaselineStatus, string CandidateStatus, int BaselineCompleted, int CandidateCompleted, int Total);

public sealed record ModelComparisonView(
    Guid Id,
    string Status,
    string Prompt,
    int BaselinePromptVersion,
    int CandidatePromptVersion,
    string BaselineModel,
    string CandidateModel,
    string Scope,
    IReadOnlyList<ComparisonRunView> Runs,
    int Completed,
    int Total,
    bool? Passed,
    string? Verdict,
    ModelComparisonReport? Report,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

/// <summary>
/// The report: paired deltas (candidate − baseline) per metric, overall and per category, with 95% intervals
/// (<see cref="IntervalMethod"/>); each side's monitor flags, latency, tokens and cost; the judge's trust; the rules.
/// </summary>
public sealed record ModelComparisonReport(
    int Items,
    int Pairs,
    string IntervalMethod,
    IReadOnlyList<MetricDelta> Deltas,
    ModelSideView Baseline,
    ModelSideView Candidate,
    JudgeTrustView Judge,
    IReadOnlyList<VerdictRuleView> Rules,
    bool Passed,
    string Verdict);

/// <summary>One side of a comparison over its succeeded drafts.</summary>
public sealed record ModelSideView(
    string Model,
    string Summary,
    int Drafts,
    int FailedItems,
    int Flagged,
    double FlagRate,
    IReadOnlyDictionary<string, int> FlagsByMonitor,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double MeanInputTokens,
    double MeanOutputTokens,
    bool TokensCounted,
    decimal? CostPerDraft,
    decimal? CostPer1000Drafts);

/// <summary>Agreement of the LLM judge with people (Cohen's κ over n items both graded); it votes only when trusted.</summary>
public sealed record JudgeTrustView(bool Present, double? Kappa, int N, double MinimumKappa, int MinimumN, bool Votes, string Reason);

/// <summary>
/// One non-inferiority rule: <see cref="Value"/> (an interval bound or a mean of candidate − baseline) compared with
/// the margin. A rule that does not vote is shown but cannot fail the verdict.
/// </summary>
public sealed record VerdictRuleView(string Rule, string Metric, string Statistic, double Margin, double? Value, bool Passed, bool Votes, string Reason);

/// <summary>`POST /api/models/production`: switch a prompt's production model and/or version; force needs a reason.</summary>
public sealed record SwitchProductionModelRequest(string? Model, string? Prompt = null, int? PromptVersion = null, bool Force = false, string? Reason = null);

public sealed record ModelChangeView(
    Guid Id, string Prompt, string FromModel, string ToModel, int FromPromptVersion, int ToPromptVersion, bool Forced, string? Reason,
    Guid? ComparisonId, string? ChangedBy, DateTimeOffset ChangedAt);

/// <summary>What drafts with a prompt now: the model configuration and the version labelled production.</summary>
public sealed record ProductionModelView(string Prompt, string Model, int PromptVersion, string Summary, IReadOnlyList<ModelChangeView> Changes);
