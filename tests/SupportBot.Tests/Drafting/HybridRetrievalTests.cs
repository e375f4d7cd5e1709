using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Cli;
using SupportBot.Drafting.Retrieval;
using SupportBot.Drafting.Semantic;
using SupportBot.Embeddings;
using SupportBot.Tests.Infrastructure;
using System.Diagnostics.Metrics;

namespace SupportBot.Tests.Drafting;

/// <summary>Hybrid retrieval on the test Postgres with the embedded model: paraphrases found, categories never crossed, full-text until vectors exist.</summary>
public sealed class HybridRetrievalTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly MiniLmEmbeddingGenerator Model = new();

    [Fact]
    public async Task Finds_a_paraphrase_that_shares_no_word_with_the_query_once_vectors_exist()
    {
        await using var dataSource = await MigratedDatabaseAsync();
        var login = await InsertAsync(dataSource, "account-access", "I cannot log in to my account", "Reset your password from the sign-in page.");
        await InsertAsync(dataSource, "billing", "Refund for a double charge on my invoice", "We refund double charges within 5 days.");
        await InsertAsync(dataSource, "how-to", "How do I export my tasks to CSV?", "Open Reports, then Export.");
        var index = new SemanticIndex(dataSource, new TextEmbeddings(Model), TimeProvider.System);
        var hybrid = new Retriever(dataSource, semantic: index);
        var query = new RetrievalQuery("Unable to sign into the app", "en");

        var before = await hybrid.SimilarTicketsAsync(query, Ct);
        await Backfill(dataSource).RunAsync(Ct);
        await index.RefreshAsync(Ct);
        var after = await hybrid.SimilarTicketsAsync(query, Ct);
        var fullText = await new Retriever(dataSource).SimilarTicketsAsync(query, Ct);

        Assert.DoesNotContain(before, h => h.Id == login);
        Assert.DoesNotContain(fullText, h => h.Id == login);
        Assert.Equal(login, after[0].Id);
        Assert.InRange(after[0].Score, 0.2, 1);
    }

    [Fact]
    public async Task A_given_category_is_a_boundary_for_vector_candidates_too()
    {
        await using var dataSource = await MigratedDatabaseAsync();
        await InsertAsync(dataSource, "brand-a", "I cannot log in to my account", "Reset your password from the sign-in page.");
        var other = await InsertAsync(dataSource, "brand-b", "Where do I change my plan?", "Open Billing, then Plans.");
        await Backfill(dataSource).RunAsync(Ct);
        var index = new SemanticIndex(dataSource, new TextEmbeddings(Model), TimeProvider.System);
        await index.RefreshAsync(Ct);

        var hits = await new Retriever(dataSource, semantic: index).SimilarTicketsAsync(new RetrievalQuery("Unable to log into my account", "en", "brand-b"), Ct);

        Assert.All(hits, h => Assert.Equal("brand-b", h.Category));
        Assert.Equal([other], hits.Select(h => h.Id));
    }

    [Fact]
    public void The_blend_keeps_the_full_text_score_without_a_vector_and_weighs_both_with_one()
    {
        Assert.Equal(0.4, Retriever.Blend(null, 0.4), 6);
        Assert.Equal((0.7 * 0.8) + (0.3 * 0.4), Retriever.Blend(0.8f, 0.4), 6);
        Assert.Equal(0.3 * 0.4, Retriever.Blend(-0.2f, 0.4), 6);
    }

    private static VectorBackfill Backfill(NpgsqlDataSource dataSource) => new(
        dataSource, Model, new VectorMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        Options.Create(new VectorBackfillOptions { QuietPeriod = TimeSpan.Zero }), NullLogger<VectorBackfill>.Instance, TimeProvider.System);

    private async Task<NpgsqlDataSource> MigratedDatabaseAsync()
    {
        var connectionString = await stack.CreateDatabaseAsync("hybrid");
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(0, await SupportBotCli.InvokeAsync(["db", "migrate", "--database", connectionString], output, error, Ct));
        }

        return NpgsqlDataSource.Create(connectionString);
    }

    private static async Task<Guid> InsertAsync(NpgsqlDataSource dataSource, string category, string body, string reply)
    {
        var id = Guid.CreateVersion7();
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO tickets (id, external_id, source, category, subject, body, language, created_at, sent_reply, escalated, tags, content_hash, updated_at)
            VALUES ($1, $2, 'historical', $3, 'Question', $4, 'en', now(), $5, false, '{}', 'h', now())
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = $"hyb-{id:N}" });
        insert.Parameters.Add(new NpgsqlParameter { Value = category });
        insert.Parameters.Add(new NpgsqlParameter { Value = body });
        insert.Parameters.Add(new NpgsqlParameter { Value = reply });
        await insert.ExecuteNonQueryAsync(Ct);
        return id;
    }
}
