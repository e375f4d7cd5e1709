using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportBot.Data.Scores;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Evaluation.EvaluatorTestKit;

namespace SupportBot.Tests.Evaluation;

/// <summary>The grader as the experiment runs get it: from DI, on the demo's help-article index in Postgres.</summary>
public sealed class DraftGraderDatabaseTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_evaluator_metric_has_a_seeded_score_definition_with_type_and_range()
    {
        foreach (var definition in EvaluatorScoreDefinitions.All)
        {
            var row = await stack.ScalarAsync<string>(
                "SELECT data_type || ' ' || min_value || '-' || max_value FROM score_definitions WHERE name = $1", definition.Name);
            Assert.Equal($"{definition.DataType} 0-1", row);
        }
    }

    [Fact]
    public async Task Grading_reads_the_help_article_index_from_postgres_once_per_grader()
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        var services = new ServiceCollection().AddSingleton(dataSource).AddDraftEvaluators(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var gradingCase = Case(expected: "Guide: https://help.tasklane.example/articles/reset-password", category: "account-access", articleSlug: "reset-password");
        var draft = Draft("Please request a new link from the sign-in page. Guide: https://help.tasklane.example/articles/reset-password");

        await using (var scope = services.CreateAsyncScope())
        {
            var scores = await scope.ServiceProvider.GetRequiredService<DraftGrader>().GradeAsync(gradingCase, draft, Ct);
            Assert.True(scores.Single(s => s.Name == EvaluatorScoreDefinitions.Grounding).Passed());
            Assert.True(scores.Single(s => s.Name == EvaluatorScoreDefinitions.ExpectedArticleCited).Passed());
            Assert.Equal(EvaluatorScoreDefinitions.All.Count, scores.Count);
        }

        // A new scope is a new run: it takes a new snapshot, while an old one keeps its own.
        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<IHelpArticleIndex>().GetSnapshotAsync(Ct);
        var b = await first.ServiceProvider.GetRequiredService<IHelpArticleIndex>().GetSnapshotAsync(Ct);
        var c = await second.ServiceProvider.GetRequiredService<IHelpArticleIndex>().GetSnapshotAsync(Ct);
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.True(a.HasSlug("reset-password"));
    }
}
