using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Data.Scores;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Evaluation.EvaluatorTestKit;

namespace SupportBot.Tests.Evaluation;

/// <summary>The LLM judge: skipped without a model; against an in-test /v1/chat/completions endpoint otherwise.</summary>
public sealed class JudgeCorrectnessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_judge_model_the_metric_is_skipped_with_a_clear_note()
    {
        var services = new ServiceCollection()
            // Registered first, so AddDraftEvaluators keeps it instead of the Postgres index.
            .AddSingleton<IHelpArticleIndex>(new FixedHelpArticleIndex(EvaluatorTestKit.Index))
            .AddDraftEvaluators(new ConfigurationBuilder().Build())
            // A second registration (worker and experiments both calling it) must not grade twice.
            .AddDraftEvaluators(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var grader = scope.ServiceProvider.GetRequiredService<DraftGrader>();

        var score = await grader.ScoreAsync(EvaluatorScoreDefinitions.JudgeCorrectness, Case(), Draft("Refunded."));

        Assert.Equal(EvaluatorScoreDefinitions.All.Select(d => d.Name).OrderBy(n => n), grader.MetricNames.OrderBy(n => n));
        Assert.True(score.Skipped);
        Assert.Null(score.NumericValue);
        Assert.Contains("Evaluation:Judge:BaseUrl", score.Reason);
    }

    [Fact]
    public async Task The_judge_gets_ticket_reference_and_draft_and_its_rating_is_scaled_to_0_1()
    {
        var requests = new List<(string? Authorization, JsonElement Body)>();
        await using var server = await StartJudgeAsync(requests, """{"score": 4, "reason": "Misses the 5-10 day note."}""");
        var client = EvaluatorServiceCollectionExtensions.CreateJudgeClient(new JudgeOptions { BaseUrl = server.Url + "/v1", Model = "judge-1", ApiKey = "sk-judge" });

        var score = await Grader(judge: client).ScoreAsync(
            EvaluatorScoreDefinitions.JudgeCorrectness,
            Case(expected: "I've refunded the annual charge; 5-10 business days."),
            Draft("I've refunded the annual charge.", false, "refund-policy"));

        Assert.False(score.Skipped);
        Assert.Equal(0.75, score.NumericValue);
        Assert.Contains("judge 4/5: Misses the 5-10 day note.", score.Reason);
        var (authorization, body) = Assert.Single(requests);
        Assert.Equal("Bearer sk-judge", authorization);
        Assert.Equal("judge-1", body.GetProperty("model").GetString());
        Assert.Equal(0, body.GetProperty("temperature").GetDouble());
        var messages = body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()!).ToList();
        Assert.Contains("Ignore tone", messages[0]);
        Assert.Contains("<sent_reply handoff=\"no\">\nI've refunded the annual charge; 5-10 business days.", messages[1]);
        Assert.Contains("<draft handoff=\"no\">\nI've refunded the annual charge.", messages[1]);
    }

    [Fact]
    public async Task An_unreadable_judge_answer_is_skipped_with_the_answer_shown()
    {
        await using var server = await StartJudgeAsync([], "I think it's pretty good!");
        var client = EvaluatorServiceCollectionExtensions.CreateJudgeClient(new JudgeOptions { BaseUrl = server.Url + "/v1", Model = "judge-1" });

        var score = await Grader(judge: client).ScoreAsync(EvaluatorScoreDefinitions.JudgeCorrectness, Case(), Draft("Refunded."));

        Assert.True(score.Skipped);
        Assert.Contains("pretty good", score.Reason);
    }

    [Theory]
    [InlineData("""{"score": 5, "reason": "same"}""", 5)]
    [InlineData("```json\n{\"score\": \"2\", \"reason\": \"wrong steps\"}\n```", 2)]
    [InlineData("""{"score": 7}""", null)]
    [InlineData("""{"score": 3.5}""", null)]
    [InlineData("""{"reason": "no score"}""", null)]
    [InlineData("not json", null)]
    public void Judge_answers_parse_only_with_a_whole_score_from_1_to_5(string answer, int? expected)
    {
        Assert.Equal(expected, JudgeCorrectnessEvaluator.Parse(answer)?.Score);
    }

    // The shared in-test OpenAI-compatible endpoint (also used by the monitors' judge tests).
    private static Task<FakeChatCompletions> StartJudgeAsync(List<(string?, JsonElement)> requests, string content) =>
        FakeChatCompletions.StartAsync(requests, _ => content);
}
