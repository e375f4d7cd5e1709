using SupportBot.Data.Scores;
using SupportBot.Evaluation.Evaluators;
using static SupportBot.Tests.Evaluation.EvaluatorTestKit;

namespace SupportBot.Tests.Evaluation;

public sealed class ReferenceSimilarityTests
{
    [Fact]
    public void Tokens_are_lower_cased_words_with_punctuation_stripped_in_any_language()
    {
        Assert.Equal(["don", "t", "reset", "passwort", "zurücksetzen", "60", "min"], TextTokens.Words("Don't RESET—Passwort zurücksetzen! (60 min.)"));
    }

    [Theory]
    // 5 of 6 words shared (the ×2, cat, on, mat): P = R = 5/6.
    [InlineData("the cat sat on the mat", "the cat is on the mat", 0.8333, 0.8333)]
    // Same words, other order: F1 = 1; longest common subsequence "the cat" = 2 of 3.
    [InlineData("mat the cat", "the cat mat", 1.0, 0.6667)]
    // Draft of 2 words inside a reference of 4: P = 1, R = 0.5, F = 2/3 for both.
    [InlineData("reset password", "please reset password now", 0.6667, 0.6667)]
    [InlineData("Hello, World!", "hello world", 1.0, 1.0)]
    [InlineData("completely different", "nothing shared here", 0.0, 0.0)]
    [InlineData("", "something", 0.0, 0.0)]
    public async Task F1_and_rouge_l_match_hand_computed_values(string draft, string reference, double f1, double rougeL)
    {
        var gradingCase = Case(expected: reference);

        Assert.Equal(f1, (await ScoreAsync(EvaluatorScoreDefinitions.ReferenceF1, gradingCase, Draft(draft))).NumericValue!.Value, 3);
        Assert.Equal(rougeL, (await ScoreAsync(EvaluatorScoreDefinitions.ReferenceRougeL, gradingCase, Draft(draft))).NumericValue!.Value, 3);
    }

    [Fact]
    public void Words_counted_once_each_side_are_not_matched_twice()
    {
        // Reference has "refund" once; the draft repeating it three times gets one match: P = 1/3, R = 1/1.
        Assert.Equal(0.5, ReferenceSimilarityEvaluator.TokenF1(["refund", "refund", "refund"], ["refund"]), 3);
    }
}
