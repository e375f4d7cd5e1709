using Npgsql;
using NpgsqlTypes;
using SupportBot.Data.Retrieval;
using SupportBot.Drafting.Retrieval;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// The ticket query's terms are chosen in SQL (<see cref="TicketQueryTerms"/>); these feed the choice
/// lexemes with made-up document frequencies on the test Postgres and check the tsquery it builds.
/// The article terms are chosen in .NET (<see cref="QueryTerms"/>).
/// </summary>
public sealed class QueryTermsTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rarest_known_terms_are_taken_while_they_fit_the_candidate_budget()
    {
        var query = await TicketQueryAsync([("export", 900), ("csv", 300), ("fail", 5_000), ("audit", 40), ("hi", 90_000)], maxTerms: 24, candidateBudget: 1_500);

        Assert.Equal("'audit' | 'csv' | 'export'", query);
    }

    [Fact]
    public async Task The_rarest_term_is_taken_even_beyond_the_budget_and_unknown_terms_ride_along()
    {
        var query = await TicketQueryAsync([("fail", 5_000), ("zorblax", 0)], maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal("'zorblax' | 'fail'", query);
    }

    [Fact]
    public async Task Without_statistics_the_longest_terms_are_used()
    {
        var query = await TicketQueryAsync([("a1", 0), ("download", 0), ("csv", 0), ("integration", 0)], maxTerms: 2, candidateBudget: 1_000);

        Assert.Equal("'integration' | 'download'", query);
    }

    [Fact]
    public async Task When_even_the_rarest_term_is_common_the_two_rarest_must_occur_together()
    {
        var query = await TicketQueryAsync([("fail", 5_000), ("hi", 90_000), ("export", 16_000), ("zorblax", 0)], maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal("'zorblax' | 'fail' & 'export'", query);
    }

    [Fact]
    public async Task Unknown_terms_take_at_most_half_of_the_query()
    {
        var query = await TicketQueryAsync([("aaaa", 0), ("bbb", 0), ("cc", 0), ("rare", 10), ("rarer", 5)], maxTerms: 4, candidateBudget: 1_000);

        Assert.Equal("'aaaa' | 'bbb' | 'rarer' | 'rare'", query);
    }

    [Fact]
    public async Task Lexemes_are_taken_verbatim_even_with_quotes_and_backslashes()
    {
        var query = await TicketQueryAsync([("it's", 0), (@"c:\users", 0)], maxTerms: 24, candidateBudget: 1_000);

        Assert.Equal(@"'c:\\users' | 'it''s'", query);
    }

    [Fact]
    public async Task A_text_without_lexemes_queries_nothing()
    {
        Assert.Null(await TicketQueryAsync([], maxTerms: 24, candidateBudget: 1_000));
    }

    [Fact]
    public void Articles_get_the_terms_rarest_among_tickets_then_the_longest_then_unknown_ones()
    {
        QueryLexeme[] lexemes = [new("zorblax", 0), new("refund", 50), new("hi", 90_000), new("plan", 50), new("invoice", 700)];

        Assert.Equal(["refund", "plan", "invoice", "hi"], QueryTerms.ForArticles(lexemes, maxTerms: 4));
    }

    private async Task<string?> TicketQueryAsync((string Lexeme, long DocumentFrequency)[] lexemes, int maxTerms, long candidateBudget)
    {
        // The same CTEs as retrieval, over given lexemes instead of an analyzed text ($1, $2 as there).
        const string given = "SELECT * FROM unnest($1::text[], $2::bigint[]) AS l(lexeme, df)";
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        await using var command = dataSource.CreateCommand($"WITH {TicketQueryTerms.Ctes(given)} SELECT q::text FROM ticket_query");
        command.Parameters.Add(new NpgsqlParameter { Value = lexemes.Select(l => l.Lexeme).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = lexemes.Select(l => l.DocumentFrequency).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = maxTerms, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint });
        return await command.ExecuteScalarAsync(Ct) is string query ? query : null;
    }
}
