using Microsoft.Extensions.AI.Evaluation;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>The dataset item a draft is graded against, handed to every evaluator as additional context.</summary>
public sealed class GradingCaseContext(GradingCase gradingCase)
    : EvaluationContext("Grading case", $"{gradingCase.Subject}\n\n{gradingCase.Body}")
{
    public GradingCase Case { get; } = gradingCase;
}

/// <summary>The draft's structured parts (handoff flag, citations) that the response text alone does not carry.</summary>
public sealed class GradedDraftContext(GradedDraft draft)
    : EvaluationContext("Graded draft", draft.Text)
{
    public GradedDraft Draft { get; } = draft;
}

internal static class EvaluationContexts
{
    public static T Require<T>(IEnumerable<EvaluationContext>? contexts) where T : EvaluationContext =>
        contexts?.OfType<T>().FirstOrDefault()
        ?? throw new InvalidOperationException($"{typeof(T).Name} is required: grade drafts through DraftGrader.");
}

/// <summary>Builds the MEAI metrics our evaluators return, with a common way to say "skipped".</summary>
internal static class Metrics
{
    public const string SkippedKey = "skipped";

    public static BooleanMetric Boolean(string name, bool value, string reason) =>
        Interpret(new BooleanMetric(name, value, reason), value);

    public static NumericMetric Numeric(string name, double value, string reason) =>
        new(name, Math.Round(value, 4), reason);

    /// <summary>No value: the evaluator could not or should not grade this draft; left out of aggregates.</summary>
    public static T Skipped<T>(T metric) where T : EvaluationMetric
    {
        metric.AddOrUpdateMetadata(SkippedKey, "true");
        return metric;
    }

    private static BooleanMetric Interpret(BooleanMetric metric, bool passed)
    {
        metric.Interpretation = new EvaluationMetricInterpretation(
            passed ? EvaluationRating.Exceptional : EvaluationRating.Unacceptable, failed: !passed, reason: metric.Reason);
        return metric;
    }
}
