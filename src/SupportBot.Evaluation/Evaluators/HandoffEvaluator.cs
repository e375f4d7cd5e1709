using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Whether the draft hands off exactly when the item expected a handoff (the ticket was escalated to
/// billing, security or engineering) and answers otherwise. How it can be wrong: the expectation is
/// the historical escalation, and some escalations were judgement calls, so a draft that answers a
/// case the team happened to escalate counts as wrong; it also says nothing about the handoff reason.
/// </summary>
public sealed class HandoffEvaluator : IEvaluator
{
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [EvaluatorScoreDefinitions.HandoffCorrect];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var expected = EvaluationContexts.Require<GradingCaseContext>(additionalContext).Case.ExpectedHandoff;
        var actual = EvaluationContexts.Require<GradedDraftContext>(additionalContext).Draft.Handoff;
        var reason = (expected, actual) switch
        {
            (true, true) => "handed off, as expected",
            (false, false) => "answered, as expected",
            (true, false) => "answered, but the item expected a handoff",
            (false, true) => "handed off, but the item expected an answer",
        };
        return ValueTask.FromResult(new EvaluationResult(Metrics.Boolean(EvaluatorScoreDefinitions.HandoffCorrect, expected == actual, reason)));
    }
}
