using SupportBot.Drafting.Pipeline;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>What a draft is graded against: a dataset item's input and the outcome history recorded.</summary>
public sealed record GradingCase(
    string Subject,
    string Body,
    string? Category,
    string Language,
    string ExpectedOutput,
    bool ExpectedHandoff,
    string? ExpectedArticleSlug);

/// <summary>The draft under grading, as the drafting pipeline produced it.</summary>
public sealed record GradedDraft(string Text, bool Handoff, IReadOnlyList<CitedArticle> Citations)
{
    public static GradedDraft From(DraftResult result) => new(result.Text, result.Handoff, result.Citations);
}

/// <summary>
/// One evaluator metric on one draft. <see cref="Skipped"/> metrics (e.g. the LLM judge without a
/// judge model) carry the reason and no value, and are left out of aggregates.
/// </summary>
public sealed record MetricScore(string Name, string DataType, double? NumericValue, string? StringValue, string? Reason, bool Skipped = false);
