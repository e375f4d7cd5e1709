namespace SupportBot.Contracts;

/// <summary>The monitors that watch every reply that reached a customer (docs/monitors.md). Names are stable: they are score names and metric labels.</summary>
public static class MonitorNames
{
    public const string UnauthorizedCommitment = "unauthorized_commitment";
    public const string InventedPolicy = "invented_policy";
    public const string InventedLink = "invented_link";
    public const string Rudeness = "rudeness";
    public const string UnsafeAdvice = "unsafe_advice";
    public const string LeakedData = "leaked_data";
    public const string PromptInjection = "prompt_injection";
    public const string LlmJudge = "llm_judge";

    /// <summary>Not a finding: a monitor threw on this reply; the other monitors still ran.</summary>
    public const string MonitorError = "monitor_error";

    /// <summary>The embedded monitors, in the order they run.</summary>
    public static IReadOnlyList<string> Embedded { get; } =
        [UnauthorizedCommitment, InventedPolicy, InventedLink, Rudeness, UnsafeAdvice, LeakedData, PromptInjection];

    public static IReadOnlyList<string> All { get; } = [.. Embedded, LlmJudge, MonitorError];
}

/// <summary>How bad a flag is: orders the follow-up queue (high first).</summary>
public static class FlagSeverities
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static IReadOnlyList<string> All { get; } = [Low, Medium, High];

    public static int Rank(string severity) => severity switch { High => 3, Medium => 2, Low => 1, _ => 0 };

    public static string FromRank(int rank) => rank switch { >= 3 => High, 2 => Medium, _ => Low };
}

/// <summary>Where in the reply the problem is: character offsets into the reply text and the text itself.</summary>
public sealed record EvidenceSpan(int Start, int End, string Text);

/// <summary>One finding of one monitor on one reply.</summary>
/// <param name="Kind">What exactly, inside the monitor's remit (e.g. "refund", "profanity", "email").</param>
public sealed record MonitorFlag(string Monitor, string MonitorVersion, string Severity, string Kind, string Reason, EvidenceSpan Evidence);

/// <summary>`POST /api/monitors/check`: a dry run of every monitor on one reply; nothing is recorded.</summary>
/// <param name="CustomerContext">What this customer wrote or was shown earlier (their own names and emails are not a leak).</param>
/// <param name="CitedArticles">Help-article slugs (and versions) the reply cites.</param>
public sealed record MonitorCheckRequest(
    string? CustomerMessage,
    string? Reply,
    string? Category = null,
    string? Language = null,
    string? CustomerName = null,
    IReadOnlyList<string>? CustomerContext = null,
    IReadOnlyList<CitedArticleRef>? CitedArticles = null);

public sealed record MonitorCheckResult(IReadOnlyList<MonitorFlag> Flags, IReadOnlyList<string> MonitorsRun, IReadOnlyList<string> MonitorsSkipped);

/// <summary>How a follow-up ended.</summary>
public static class FollowUpOutcomes
{
    public const string CustomerContacted = "customer_contacted";
    public const string FalsePositive = "false_positive";
    public const string PolicyChanged = "policy_changed";
    public const string AddedToDataset = "added_to_dataset";

    public static IReadOnlyList<string> All { get; } = [CustomerContacted, FalsePositive, PolicyChanged, AddedToDataset];
}

public static class FollowUpStatuses
{
    public const string Open = "open";
    public const string Taken = "taken";
    public const string Resolved = "resolved";
}

/// <summary>One conversation (or ticket) whose replies were flagged: the team follows up with the customer.</summary>
public sealed record FollowUpView(
    Guid Id,
    string ConversationKey,
    Guid? ConversationId,
    Guid? TicketId,
    Guid LatestReplyId,
    string TraceId,
    string Category,
    string Severity,
    IReadOnlyList<string> Monitors,
    int FlagCount,
    string Status,
    DateTimeOffset FirstFlaggedAt,
    DateTimeOffset LastFlaggedAt,
    string? TakenBy,
    DateTimeOffset? TakenAt,
    string? Outcome,
    string? Note,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<MonitorFlag> Flags);

public sealed record FollowUpPage(int Total, IReadOnlyList<FollowUpView> Items);

/// <param name="FailureMode">
/// The failure mode to tag the flagged trace with (error analysis, docs/signals.md). Left out, an outcome that confirms
/// the flag (anything but false_positive) tags the trace with each flagging monitor's name; a false positive tags nothing.
/// </param>
public sealed record ResolveFollowUpRequest(string? Outcome, string? Note, string? FailureMode = null);

/// <summary>Measured precision of one monitor from resolved follow-ups: a false-positive outcome counts against every monitor on the entry.</summary>
public sealed record MonitorPrecision(string Monitor, int Resolved, int FalsePositives, double? Precision);
