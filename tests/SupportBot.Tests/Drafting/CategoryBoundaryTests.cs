using Npgsql;
using SupportBot.Cli;
using SupportBot.Drafting.Retrieval;
using SupportBot.Data;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>A given category is a hard filter in retrieval, with and without the RUM index: another category's reply is never used.</summary>
public sealed class CategoryBoundaryTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_given_category_never_returns_a_ticket_of_another_category(bool withRum)
    {
        await using var dataSource = await MigratedDatabaseAsync(withRum);
        // The near-duplicates of the query are in brand-a; brand-b has only a weaker match.
        await InsertAsync(dataSource, "brand-a", "Webhook deliveries time out after 10 seconds", "Anna");
        var weaker = await InsertAsync(dataSource, "brand-b", "Webhook setup question", "Ben");
        await InsertAsync(dataSource, "brand-a", "Webhook deliveries time out on retries", "Cleo");

        var retriever = new Retriever(dataSource);
        var open = await retriever.SimilarTicketsAsync(new RetrievalQuery("Our webhook deliveries time out", "en"), Ct);
        var bounded = await retriever.SimilarTicketsAsync(new RetrievalQuery("Our webhook deliveries time out", "en", "brand-b"), Ct);

        Assert.Equal("brand-a", open[0].Category);
        Assert.Contains(open, h => h.Id == weaker);
        Assert.Equal([weaker], bounded.Select(h => h.Id));
        Assert.All(bounded, h => Assert.Equal("brand-b", h.Category));
        Assert.Equal("Ben", bounded[0].CustomerName);
    }

    [Fact]
    public async Task A_given_category_with_no_similar_ticket_returns_none_rather_than_another_category_s()
    {
        await using var dataSource = await MigratedDatabaseAsync(withRum: true);
        await InsertAsync(dataSource, "brand-a", "Webhook deliveries time out after 10 seconds", "Anna");

        var hits = await new Retriever(dataSource).SimilarTicketsAsync(new RetrievalQuery("Our webhook deliveries time out", "en", "brand-c"), Ct);

        Assert.Empty(hits);
    }

    private async Task<NpgsqlDataSource> MigratedDatabaseAsync(bool withRum)
    {
        var connectionString = await stack.CreateDatabaseAsync("category");
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(0, await SupportBotCli.InvokeAsync(["db", "migrate", "--database", connectionString], output, error, Ct));
        }

        var dataSource = NpgsqlDataSource.Create(connectionString);
        if (!withRum)
        {
            await using var drop = dataSource.CreateCommand(RankingIndex.DropSql);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        return dataSource;
    }

    private static async Task<Guid> InsertAsync(NpgsqlDataSource dataSource, string category, string body, string customer)
    {
        var id = Guid.CreateVersion7();
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO tickets (id, external_id, source, category, subject, body, language, customer_name, created_at, sent_reply, escalated, tags, content_hash, updated_at)
            VALUES ($1, $2, 'historical', $3, 'Question', $4, 'en', $5, now(), 'Hi, here is how.', false, '{}', 'x', now())
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = $"cat-{id:N}" });
        insert.Parameters.Add(new NpgsqlParameter { Value = category });
        insert.Parameters.Add(new NpgsqlParameter { Value = body });
        insert.Parameters.Add(new NpgsqlParameter { Value = customer });
        await insert.ExecuteNonQueryAsync(Ct);
        return id;
    }
}
