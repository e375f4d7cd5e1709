using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SupportBot.Data.Entities;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>The judge model as registered by AddDraftEvaluators; absent when none is configured.</summary>
public sealed record JudgeModel(IChatClient ChatClient);

/// <summary>
/// The grading entry point of experiment runs: runs every registered <see cref="IEvaluator"/> on one
/// draft, handing the item and the draft's structure over as <see cref="EvaluationContext"/>s, and
/// turns their metrics into <see cref="MetricScore"/>s named as in <c>score_definitions</c>.
/// Scoped: each run gets its own help-article snapshot (see <see cref="PostgresHelpArticleIndex"/>).
/// </summary>
public sealed class DraftGrader(IEnumerable<IEvaluator> evaluators, JudgeModel? judge = null)
{
    private readonly IReadOnlyList<IEvaluator> _evaluators = evaluators.ToList();
    private readonly ChatConfiguration? _judge = judge is null ? null : new ChatConfiguration(judge.ChatClient);

    public IReadOnlyList<string> MetricNames => _evaluators.SelectMany(e => e.EvaluationMetricNames).ToList();

    public async Task<IReadOnlyList<MetricScore>> GradeAsync(GradingCase gradingCase, GradedDraft draft, CancellationToken cancellationToken)
    {
        EvaluationContext[] context = [new GradingCaseContext(gradingCase), new GradedDraftContext(draft)];
        ChatMessage[] messages = [new(ChatRole.User, $"{gradingCase.Subject}\n\n{gradingCase.Body}")];
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, draft.Text));

        var scores = new List<MetricScore>();
        foreach (var evaluator in _evaluators)
        {
            var result = await evaluator.EvaluateAsync(messages, response, _judge, context, cancellationToken);
            foreach (var name in evaluator.EvaluationMetricNames)
            {
                scores.Add(result.Metrics.TryGetValue(name, out var metric)
                    ? ToScore(metric)
                    : new MetricScore(name, ScoreDataTypes.Numeric, null, null, $"{evaluator.GetType().Name} returned no '{name}' metric", Skipped: true));
            }
        }

        return scores;
    }

    public static MetricScore ToScore(EvaluationMetric metric)
    {
        var skipped = metric.Metadata?.ContainsKey(Metrics.SkippedKey) == true;
        var reason = metric.Reason ?? metric.Interpretation?.Reason;
        return metric switch
        {
            BooleanMetric { Value: { } value } when !skipped =>
                new(metric.Name, ScoreDataTypes.Boolean, value ? 1 : 0, value ? "true" : "false", reason),
            BooleanMetric => new(metric.Name, ScoreDataTypes.Boolean, null, null, reason, Skipped: true),
            NumericMetric { Value: { } value } when !skipped => new(metric.Name, ScoreDataTypes.Numeric, value, null, reason),
            NumericMetric => new(metric.Name, ScoreDataTypes.Numeric, null, null, reason, Skipped: true),
            StringMetric { Value: { } value } when !skipped => new(metric.Name, ScoreDataTypes.Categorical, null, value, reason),
            _ => new(metric.Name, ScoreDataTypes.Categorical, null, null, reason, Skipped: true),
        };
    }
}
