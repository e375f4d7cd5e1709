using Npgsql;
using NpgsqlTypes;
using SupportBot.Drafting.Retrieval;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// The term selection runs in SQL (<see cref="QueryTerms"/>); these feed it lexemes with made-up
/// document frequencies on the test Postgres and check the tsqueries it builds.
/// </summary>
public sealed class QueryTermsTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rarest_known_terms_are_taken_while_they_fit_the_candidate_budget()
    {
        var (tickets, _) = await QueriesAsync([("export", 900), ("csv", 300), ("fail", 5_000), ("audit", 40), ("hi", 90_000)], maxTerms: 24, candidateBudget: 1_500);

        Assert.Equal("'audit' | 'csv' | 'export'", tickets);
    }

    [Fact]
    public async Task The_rarest_term_is_taken_even_beyond_the_budget_and_unknown_terms_ride_along()
    {
        var (tickets, _) = await QueriesAsync([("fail", 5_000), ("zorblax", 0)], maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal("'zorblax' | 'fail'", tickets);
    }

    [Fact]
    public async Task Without_statistics_the_longest_terms_are_used()
    {
        var (tickets, _) = await QueriesAsync([("a1", 0), ("download", 0), ("csv", 0), ("integration", 0)], maxTerms: 2, candidateBudget: 1_000);

        Assert.Equal("'integration' | 'download'", tickets);
    }

    [Fact]
    public async Task When_even_the_rarest_term_is_common_the_two_rarest_must_occur_together()
    {
        var (tickets, _) = await QueriesAsync([("fail", 5_000), ("hi", 90_000), ("export", 16_000), ("zorblax", 0)], maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal("'zorblax' | 'fail' & 'export'", tickets);
    }

    [Fact]
    public async Task Unknown_terms_take_at_most_half_of_the_query()
    {
        var (tickets, _) = await QueriesAsync([("aaaa", 0), ("bbb", 0), ("cc", 0), ("rare", 10), ("rarer", 5)], maxTerms: 4, candidateBudget: 1_000);

        Assert.Equal("'aaaa' | 'bbb' | 'rarer' | 'rare'", tickets);
    }

    [Fact]
    public async Task Articles_get_the_terms_rarest_among_tickets_then_the_longest_then_unknown_ones()
    {
        var (_, articles) = await QueriesAsync([("zorblax", 0), ("refund", 50), ("hi", 90_000), ("plan", 50), ("invoice", 700)], maxTerms: 4, candidateBudget: 1_000);

        Assert.Equal("'refund' | 'plan' | 'invoice' | 'hi'", articles);
    }

    [Fact]
    public async Task Lexemes_are_taken_verbatim_even_with_quotes_and_backslashes()
    {
        var (tickets, _) = await QueriesAsync([("it's", 0), (@"c:\users", 0)], maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal(@"'c:\\users' | 'it''s'", tickets);
    }

    [Fact]
    public async Task A_text_without_lexemes_queries_nothing()
    {
        var (tickets, articles) = await QueriesAsync([], maxTerms: 24, candidateBudget: 1_000);

        Assert.Null(tickets);
        Assert.Null(articles);
    }

    private async Task<(string? Tickets, string? Articles)> QueriesAsync((string Lexeme, long DocumentFrequency)[] lexemes, int maxTerms, long candidateBudget)
    {
        const string given = "SELECT * FROM unnest($1::text[], $2::bigint[]) AS l(lexeme, df)";
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        await using var command = dataSource.CreateCommand(
            $"WITH {QueryTerms.Ctes(given)} SELECT (SELECT q::text FROM ticket_query), (SELECT q::text FROM article_query)");
        command.Parameters.Add(new NpgsqlParameter { Value = lexemes.Select(l => l.Lexeme).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = lexemes.Select(l => l.DocumentFrequency).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = maxTerms, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
