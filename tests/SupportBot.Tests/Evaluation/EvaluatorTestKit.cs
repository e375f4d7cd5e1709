using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Options;
using SupportBot.Drafting.Pipeline;
using SupportBot.Evaluation.Evaluators;

namespace SupportBot.Tests.Evaluation;

/// <summary>Cases, drafts and a fixed help-article index for evaluator unit tests.</summary>
public static class EvaluatorTestKit
{
    public static readonly HelpArticleIndexSnapshot Index = new(
    [
        ("refund-policy", "https://help.tasklane.example/articles/refund-policy"),
        ("export-data", "https://help.tasklane.example/articles/export-data"),
        ("reset-password", "https://help.tasklane.example/articles/reset-password"),
    ]);

    public static GradingCase Case(
        string expected = "Hi, see https://help.tasklane.example/articles/refund-policy", string? category = "billing", string language = "en",
        bool handoff = false, string? articleSlug = null, string body = "Please refund me.") =>
        new("Refund", body, category, language, expected, handoff, articleSlug);

    public static GradedDraft Draft(string text, bool handoff = false, params string[] citedSlugs) =>
        new(text, handoff, citedSlugs.Select(s => new CitedArticle(s, 1, $"https://help.tasklane.example/articles/{s}", s)).ToList());

    public static DraftGrader Grader(GroundingOptions? grounding = null, PolicyOptions? policy = null, IChatClient? judge = null) =>
        new(
            [
                new ReferenceSimilarityEvaluator(),
                new GroundingEvaluator(new FixedHelpArticleIndex(Index), Options.Create(grounding ?? new GroundingOptions())),
                new PolicyComplianceEvaluator(Options.Create(policy ?? new PolicyOptions())),
                new HandoffEvaluator(),
                new LanguageMatchEvaluator(),
                new JudgeCorrectnessEvaluator(),
            ],
            judge is null ? null : new JudgeModel(judge));

    public static async Task<MetricScore> ScoreAsync(this DraftGrader grader, string metric, GradingCase gradingCase, GradedDraft draft) =>
        Assert.Single(await grader.GradeAsync(gradingCase, draft, TestContext.Current.CancellationToken), s => s.Name == metric);

    public static Task<MetricScore> ScoreAsync(string metric, GradingCase gradingCase, GradedDraft draft) =>
        Grader().ScoreAsync(metric, gradingCase, draft);

    public static bool Passed(this MetricScore score) => !score.Skipped && score.NumericValue == 1;
}
