using System.ComponentModel.DataAnnotations;
namespace SupportBot.Contracts;

/// <summary>
/// Runs a prompt version (by <see cref="Version"/>, else <see cref="Label"/>, else production) on a
/// dataset (name or id) at a version (default: current), optionally only one category's items.
/// </summary>
public sealed record CreateExperimentRequest(
    [Required] string? Dataset,
    string? Prompt = null,
    string? Label = null,
    int? Version = null,
    string? Model = null,
    int? DatasetVersion = null,
    string? Category = null,
    string? Pool = null,
    string? ModelConfiguration = null);

/// <summary>Stops a queued or running run; the reason is kept as the run's error.</summary>
public sealed record CancelExperimentRequest(string? Reason = null);

public sealed record ExperimentRunView(
    Guid Id,
    Guid DatasetId,
    string DatasetName,
    int DatasetVersion,
    string? Category,
    string PromptName,
    string? PromptLabel,
    int PromptVersion,
    string? Model,
    string Status,
    int Total,
    int Completed,
    int Failed,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ModelConfiguration = null);

/// <summary>
/// A metric's mean over a group of items with a 95% interval: Wilson for boolean metrics (shares),
/// Student's t for numeric means. <see cref="Scope"/> is "overall" or "category" (<see cref="Group"/> names it).
/// </summary>
public sealed record MetricAggregate(string Metric, string DataType, string Scope, string? Group, int N, double Mean, double Lower, double Upper, string Method);

/// <summary>A run with its aggregates; <see cref="SkippedMetrics"/> names metrics no item got, with the evaluator's reason.</summary>
public sealed record ExperimentReport(ExperimentRunView Run, IReadOnlyList<MetricAggregate> Aggregates, IReadOnlyDictionary<string, string> SkippedMetrics);

public sealed record ExperimentItemView(
    Guid ItemId, string Subject, string? Category, string Status, string? TraceId, string Output, bool Handoff, string? Error, double DurationMs,
    IReadOnlyDictionary<string, double?> Scores);

/// <summary>B minus A on the items both runs graded (paired), with a 95% t interval on the mean difference.</summary>
public sealed record MetricDelta(string Metric, string? Category, int Pairs, double MeanA, double MeanB, double Delta, double Lower, double Upper, bool Significant);

/// <summary>One item whose metric moved by more than the comparison's item threshold.</summary>
public sealed record ItemChange(Guid ItemId, string Subject, string? Category, string Metric, double A, double B, string OutputA, string OutputB);

public sealed record ExperimentComparison(
    ExperimentRunView A,
    ExperimentRunView B,
    IReadOnlyList<MetricDelta> Deltas,
    IReadOnlyList<ItemChange> Improved,
    IReadOnlyList<ItemChange> Regressed,
    string Verdict);

/// <summary>The regression gate on a finished run: every threshold with the run's overall mean, and whether all held.</summary>
public sealed record ExperimentGateView(Guid RunId, bool Passed, IReadOnlyList<GateThresholdView> Thresholds);

public sealed record GateThresholdView(string Metric, double Threshold, double? Mean, int N, bool Passed);
