using SupportBot.Data.Entities;

namespace SupportBot.Data.Scores;

/// <summary>
/// The metrics the offline evaluators (SupportBot.Evaluation/Evaluators, docs/evaluators.md) write as
/// scores. Seeded into <c>score_definitions</c> by the model (HasData), so every environment knows
/// them before the first run. Names are snake_case and stable: renaming one orphans old scores.
/// </summary>
public static class EvaluatorScoreDefinitions
{
    public const string ReferenceF1 = "reference_f1";
    public const string ReferenceRougeL = "reference_rouge_l";
    public const string Grounding = "grounding";
    public const string ExpectedArticleCited = "expected_article_cited";
    public const string PolicyCompliance = "policy_compliance";
    public const string HandoffCorrect = "handoff_correct";
    public const string LanguageMatch = "language_match";
    public const string JudgeCorrectness = "judge_correctness";

    // feature/experiments: content support by the cited article (ArticleSupportEvaluator).
    public const string ArticleSupport = "article_support";

    public static IReadOnlyList<ScoreDefinition> All { get; } =
    [
        Numeric(ReferenceF1, "Token F1 between the draft and the reply that was sent (lower-cased words, punctuation stripped)."),
        Numeric(ReferenceRougeL, "ROUGE-L F-measure (longest common word subsequence) between the draft and the reply that was sent."),
        Boolean(Grounding, "Every URL and cited help article in the draft exists in the help-article index: nothing invented."),
        Boolean(ExpectedArticleCited, "The draft cites the help article the item expects; skipped when the item names none."),
        Boolean(PolicyCompliance, "The draft makes no promise outside policy (refunds, credits, deadlines, legal commitments), by the category's rules."),
        Boolean(HandoffCorrect, "The draft hands off exactly when the item expected a handoff."),
        Boolean(LanguageMatch, "The draft is written in the item's language (en/de/fr/es stop-word profiles); skipped when too short to tell."),
        Numeric(ArticleSupport, "Share of the draft's content words found in the cited help articles (at the cited versions); skipped without a citation."),
        Numeric(JudgeCorrectness, "LLM judge: is the draft as correct and complete as the sent reply (1–5 scaled to 0–1); skipped without a judge model."),
    ];

    private static ScoreDefinition Numeric(string name, string description) =>
        new() { Name = name, DataType = ScoreDataTypes.Numeric, Description = description, MinValue = 0, MaxValue = 1 };

    private static ScoreDefinition Boolean(string name, string description) =>
        new() { Name = name, DataType = ScoreDataTypes.Boolean, Description = description, MinValue = 0, MaxValue = 1 };
}
