using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SupportBot.Data.Scores;

namespace SupportBot.Evaluation.Evaluators;

/// <summary>
/// How close the draft's words are to the reply the team actually sent: token F1 (bag of words, 0–1)
/// and ROUGE-L (longest common word subsequence, F-measure, 0–1), both on <see cref="TextTokens"/>.
/// How it can be wrong: a correct answer in other words scores low (no synonyms, no stemming, no
/// cross-language matching), and shared greetings, sign-offs and boilerplate score high even when the
/// substance is wrong. Use it to compare runs on the same dataset, never as an absolute grade.
/// </summary>
public sealed class ReferenceSimilarityEvaluator : IEvaluator
{
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } =
        [EvaluatorScoreDefinitions.ReferenceF1, EvaluatorScoreDefinitions.ReferenceRougeL];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var reference = TextTokens.Words(EvaluationContexts.Require<GradingCaseContext>(additionalContext).Case.ExpectedOutput);
        var draft = TextTokens.Words(modelResponse.Text);
        var f1 = TokenF1(draft, reference);
        var rouge = RougeL(draft, reference);
        return ValueTask.FromResult(new EvaluationResult(
            Metrics.Numeric(EvaluatorScoreDefinitions.ReferenceF1, f1, $"{draft.Count} draft words, {reference.Count} reference words"),
            Metrics.Numeric(EvaluatorScoreDefinitions.ReferenceRougeL, rouge, "longest common word subsequence, F-measure")));
    }

    /// <summary>Harmonic mean of precision and recall of the words in common (each word counted as often as both texts have it).</summary>
    public static double TokenF1(IReadOnlyList<string> draft, IReadOnlyList<string> reference)
    {
        if (draft.Count == 0 || reference.Count == 0)
        {
            return draft.Count == reference.Count ? 1 : 0;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in reference)
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        var common = 0;
        foreach (var word in draft)
        {
            if (counts.TryGetValue(word, out var left) && left > 0)
            {
                counts[word] = left - 1;
                common++;
            }
        }

        return FMeasure(common, draft.Count, reference.Count);
    }

    /// <summary>ROUGE-L with β = 1: the longest common subsequence of words, as precision/recall F-measure.</summary>
    public static double RougeL(IReadOnlyList<string> draft, IReadOnlyList<string> reference)
    {
        if (draft.Count == 0 || reference.Count == 0)
        {
            return draft.Count == reference.Count ? 1 : 0;
        }

        // Two rows of the classic LCS table: O(n·m) time, O(m) memory.
        var previous = new int[reference.Count + 1];
        var current = new int[reference.Count + 1];
        for (var i = 1; i <= draft.Count; i++)
        {
            for (var j = 1; j <= reference.Count; j++)
            {
                current[j] = string.Equals(draft[i - 1], reference[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return FMeasure(previous[reference.Count], draft.Count, reference.Count);
    }

    private static double FMeasure(int common, int draftCount, int referenceCount)
    {
        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / draftCount;
        var recall = (double)common / referenceCount;
        return 2 * precision * recall / (precision + recall);
    }
}
