using Npgsql;
using SupportBot.Data.HelpCenter;
using SupportBot.Drafting.Retrieval;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// Retrieval ranks help articles from an in-memory snapshot (<see cref="HelpArticleSnapshot"/>). A
/// write through the store must show in every process's very next retrieval: two Retrievers on the
/// same database stand in for the API and the worker.
/// </summary>
public sealed class HelpArticleSnapshotTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_added_and_then_edited_article_is_retrieved_at_its_new_version_at_once_in_every_process()
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        Retriever[] processes = [new(dataSource), new(dataSource)];
        var slug = ArticleFolder.UniqueSlug("snapshot");
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var query = new RetrievalQuery($"How do I use the {word} setting?", "en", Limit: 3);
        foreach (var process in processes)
        {
            Assert.DoesNotContain(await ArticlesForDraftAsync(process, query), a => a.Slug == slug);
        }

        var source = new HelpArticleSource(slug, $"The {word} setting", $"Open settings and switch {word} on.", $"https://help.example/{slug}", null, "en");
        await stack.WithStoreAsync(s => s.UpsertAsync([source], Ct));
        foreach (var process in processes)
        {
            Assert.Equal(1, Assert.Single(await ArticlesForDraftAsync(process, query), a => a.Slug == slug).Version);
        }

        var renamed = "zq" + Guid.NewGuid().ToString("N")[..10];
        await stack.WithStoreAsync(s => s.UpsertAsync([source with { Title = $"The {renamed} setting", Body = $"Open settings and switch {renamed} on." }], Ct));
        foreach (var process in processes)
        {
            // Still similar through "setting", but never at the version that had the old word.
            Assert.DoesNotContain(await ArticlesForDraftAsync(process, query), a => a.Slug == slug && a.Version == 1);
            Assert.Equal(2, Assert.Single(await ArticlesForDraftAsync(process, query with { Text = $"How do I use the {renamed} setting?" }), a => a.Slug == slug).Version);
            Assert.Equal(2, Assert.Single(await ArticlesForDraftAsync(process, query with { Text = $"{renamed} setting" }), a => a.Slug == slug).Version);
        }
    }

    private static async Task<IReadOnlyList<ArticleHit>> ArticlesForDraftAsync(Retriever retriever, RetrievalQuery query)
    {
        var retrieval = await retriever.RetrieveAsync(query, Ct);
        return retrieval.Articles.Rank(null, query.Limit);
    }
}
