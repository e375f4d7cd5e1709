using SupportBot.Data.Scores;
using SupportBot.Evaluation.Evaluators;
using static SupportBot.Tests.Evaluation.EvaluatorTestKit;

namespace SupportBot.Tests.Evaluation;

public sealed class GroundingTests
{
    [Fact]
    public async Task Indexed_article_urls_and_citations_are_grounded_even_with_trailing_punctuation()
    {
        var draft = Draft("Details: https://help.tasklane.example/articles/refund-policy. Also HTTPS://help.tasklane.example/articles/export-data/", false, "reset-password");

        var score = await ScoreAsync(EvaluatorScoreDefinitions.Grounding, Case(), draft);

        Assert.True(score.Passed(), score.Reason);
    }

    [Fact]
    public async Task An_invented_article_url_fails_and_is_named()
    {
        var draft = Draft("See https://help.tasklane.example/articles/instant-refunds for details.");

        var score = await ScoreAsync(EvaluatorScoreDefinitions.Grounding, Case(), draft);

        Assert.Equal(0, score.NumericValue);
        Assert.Contains("https://help.tasklane.example/articles/instant-refunds", score.Reason);
    }

    [Fact]
    public async Task A_citation_of_an_unknown_slug_fails()
    {
        var score = await ScoreAsync(EvaluatorScoreDefinitions.Grounding, Case(), Draft("See the article.", false, "no-such-article"));

        Assert.Equal(0, score.NumericValue);
        Assert.Contains("no-such-article", score.Reason);
    }

    [Fact]
    public async Task Other_urls_pass_only_when_allowed_or_quoted_from_the_ticket()
    {
        var gradingCase = Case(body: "Our webhook at http://10.0.4.12:8080/hooks gets nothing.");
        var quoted = Draft("Your endpoint http://10.0.4.12:8080/hooks must be public.");
        var status = Draft("Check https://status.tasklane.example for incidents.");
        var allowing = Grader(grounding: new GroundingOptions { AllowedUrlPrefixes = ["https://status.tasklane.example"] });

        Assert.True((await ScoreAsync(EvaluatorScoreDefinitions.Grounding, gradingCase, quoted)).Passed());
        Assert.Equal(0, (await ScoreAsync(EvaluatorScoreDefinitions.Grounding, gradingCase, status)).NumericValue);
        Assert.True((await allowing.ScoreAsync(EvaluatorScoreDefinitions.Grounding, gradingCase, status)).Passed());
    }

    [Fact]
    public async Task The_expected_article_counts_as_cited_by_citation_or_by_url_and_is_skipped_when_none_is_expected()
    {
        var gradingCase = Case(articleSlug: "refund-policy");

        Assert.True((await ScoreAsync(EvaluatorScoreDefinitions.ExpectedArticleCited, gradingCase, Draft("Refunded.", false, "refund-policy"))).Passed());
        Assert.True((await ScoreAsync(EvaluatorScoreDefinitions.ExpectedArticleCited, gradingCase, Draft("See https://help.tasklane.example/articles/refund-policy"))).Passed());
        Assert.Equal(0, (await ScoreAsync(EvaluatorScoreDefinitions.ExpectedArticleCited, gradingCase, Draft("See https://help.tasklane.example/articles/export-data"))).NumericValue);
        var none = await ScoreAsync(EvaluatorScoreDefinitions.ExpectedArticleCited, Case(articleSlug: null), Draft("Refunded."));
        Assert.True(none.Skipped);
    }

    [Fact]
    public void Every_url_in_the_demo_history_is_an_indexed_article_or_another_tasklane_url()
    {
        var articles = Directory.GetFiles(DemoHistory.ArticlesFolder, "*.md").Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet();
        var urls = DemoHistory.Tickets.SelectMany(t => GroundingEvaluator.FindUrls(t.Answer)).ToList();

        Assert.NotEmpty(urls);
        Assert.All(urls.Where(u => u.Contains("help.tasklane.example", StringComparison.Ordinal)), u => Assert.Contains(u.Split('/')[^1], articles));
    }
}
