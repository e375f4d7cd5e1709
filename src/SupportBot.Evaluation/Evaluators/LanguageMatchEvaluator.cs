using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// Whether the draft is written in the item's language, by <see cref="LanguageDetector"/> (en/de/fr/es).
/// Skipped when the item's language is outside those four or the draft is too short to tell. How it
/// can be wrong: a reply that quotes long English UI strings or an English article inside a German
/// answer can be detected as English; very short drafts are skipped rather than graded.
/// </summary>
public sealed class LanguageMatchEvaluator : IEvaluator
{
    private static readonly HashSet<string> Supported = ["en", "de", "fr", "es"];

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [EvaluatorScoreDefinitions.LanguageMatch];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var expected = EvaluationContexts.Require<GradingCaseContext>(additionalContext).Case.Language.ToLowerInvariant();
        var name = EvaluatorScoreDefinitions.LanguageMatch;
        if (!Supported.Contains(expected))
        {
            return Result(Metrics.Skipped(new BooleanMetric(name, null, $"the detector knows en, de, fr and es, not '{expected}'")));
        }

        var detected = LanguageDetector.Detect(modelResponse.Text);
        return Result(detected is null
            ? Metrics.Skipped(new BooleanMetric(name, null, "the draft is too short or too mixed to tell its language"))
            : Metrics.Boolean(name, detected == expected, $"draft detected as '{detected}', item language '{expected}'"));
    }

    private static ValueTask<EvaluationResult> Result(EvaluationMetric metric) => ValueTask.FromResult(new EvaluationResult(metric));
}
