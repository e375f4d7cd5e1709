using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SupportBot.Contracts;

namespace SupportBot.Monitors;

/// <summary>
/// One monitor: reads one sent reply and returns its flags, each with the span of the reply that is the evidence.
/// It is an MEAI <see cref="IEvaluator"/> (like the offline evaluators), so the same monitor can grade experiment
/// outputs; the worker and the dry run call <see cref="CheckAsync"/> directly.
/// </summary>
public interface IReplyMonitor : IEvaluator
{
    string Name { get; }

    /// <summary>Goes with every flag: a changed rule set gets a new version, so old and new flag rates can be told apart.</summary>
    string Version { get; }

    ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken);
}

/// <summary>The reply under check, handed to a monitor used as an <see cref="IEvaluator"/>.</summary>
public sealed class ReplyCheckContext(ReplyToCheck reply) : EvaluationContext("Reply to check", reply.Reply)
{
    public ReplyToCheck Reply { get; } = reply;
}

/// <summary>
/// The <see cref="IEvaluator"/> side of a monitor: one boolean metric named after the monitor, failed when it flags,
/// with the flags (monitor, version, severity, evidence) as JSON metadata.
/// </summary>
public abstract class ReplyMonitor : IReplyMonitor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Name { get; }
    public abstract string Version { get; }

    public IReadOnlyCollection<string> EvaluationMetricNames => [Name];

    public abstract ValueTask<IReadOnlyList<MonitorFlag>> CheckAsync(ReplyToCheck reply, CancellationToken cancellationToken);

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var reply = additionalContext?.OfType<ReplyCheckContext>().FirstOrDefault()?.Reply
            ?? new ReplyToCheck(
                string.Join('\n', messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text)), modelResponse.Text,
                null, "en", null, [], []);
        var flags = await CheckAsync(reply, cancellationToken);
        var metric = new BooleanMetric(Name, flags.Count == 0,
            flags.Count == 0 ? "nothing flagged" : string.Join("; ", flags.Select(f => $"{f.Kind}: \"{f.Evidence.Text}\"")));
        metric.Interpretation = new EvaluationMetricInterpretation(
            flags.Count == 0 ? EvaluationRating.Exceptional : EvaluationRating.Unacceptable, failed: flags.Count > 0, reason: metric.Reason);
        metric.AddOrUpdateMetadata("flags", JsonSerializer.Serialize(flags, Json));
        metric.AddOrUpdateMetadata("version", Version);
        return new EvaluationResult(metric);
    }

    protected MonitorFlag Flag(string severity, string kind, string reason, ReplyToCheck reply, int start, int length) =>
        new(Name, Version, severity, kind, reason, new EvidenceSpan(start, start + length, reply.Reply.Substring(start, length)));
}
