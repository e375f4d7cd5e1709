namespace SupportBot.Contracts;

/// <summary>`GET /api/models/shadow`: one report per candidate that has shadow drafts (or the one asked for).</summary>
public sealed record ShadowReportsView(DateTimeOffset? Since, IReadOnlyList<ShadowReportView> Candidates);

/// <summary>
/// Shadow mode's evidence for one candidate: production and the candidate on the same live tickets. Counts of the
/// candidate's shadow drafts; paired deltas (shadow − production) with 95% intervals (<see cref="IntervalMethod"/>)
/// for edit distance to the reply really sent (scored tickets), monitor flags and latency (drafted tickets), overall
/// and per category (the production draft's category); and each side's figures per category.
/// </summary>
public sealed record ShadowReportView(
    string Candidate,
    string Summary,
    int Tickets,
    int Drafted,
    int Failed,
    int Pending,
    int Scored,
    string IntervalMethod,
    IReadOnlyList<MetricDelta> Deltas,
    ShadowCategoryView Overall,
    IReadOnlyList<ShadowCategoryView> Categories,
    DateTimeOffset? FirstDraftedAt,
    DateTimeOffset? LastDraftedAt);

/// <summary>One category (or overall, <see cref="Category"/> null): both sides on the same drafted tickets.</summary>
public sealed record ShadowCategoryView(string? Category, int Drafted, int Scored, ShadowSideView Production, ShadowSideView Shadow);

/// <summary>
/// One side over the category's tickets: mean word edit distance to the sent reply (scored tickets; null before the
/// first), monitor flags (drafted tickets), latency of the draft, hand-off rate.
/// </summary>
public sealed record ShadowSideView(
    double? MeanEditDistance,
    int Flagged,
    double FlagRate,
    IReadOnlyDictionary<string, int> FlagsByMonitor,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double HandoffRate);
