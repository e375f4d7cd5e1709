using Npgsql;
using NpgsqlTypes;
using SupportBot.Drafting.Retrieval;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Drafting;

/// <summary>
/// A draft fetches help-article candidates before it knows its category and ranks them afterwards
/// (<see cref="ArticleCandidates"/>). On the demo knowledge base, that must pick what ranking in
/// Postgres with the category picks (the query retrieval used before), or better where Postgres broke
/// a tie at the edge of its candidate pool arbitrarily.
/// </summary>
public sealed class ArticleRankingTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The previous article query: ranked with the category in Postgres, the best 30 re-scored.
    private const string RankedWithCategorySql = """
        SELECT slug, category, tsvector_to_array(search_vector)
        FROM help_articles
        WHERE search_vector @@ $1
        ORDER BY ts_rank(search_vector, $1) * CASE WHEN category = $2 THEN $3 ELSE 1 END DESC
        LIMIT $4
        """;

    [Fact]
    public async Task Articles_ranked_after_classification_match_ranking_in_Postgres_with_the_category()
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        var retriever = new Retriever(dataSource);
        var tickets = await DemoTicketsAsync(dataSource);
        int same = 0, better = 0, compared = 0;
        foreach (var (subject, body, language, ticketCategory) in tickets)
        {
            var query = new RetrievalQuery($"{subject}\n{body}", language);
            var retrieval = await retriever.RetrieveAsync(query, Ct);
            foreach (var category in new[] { ticketCategory, "billing", null })
            {
                var ranked = retrieval.Articles.Rank(category, 3).Select(a => (a.Slug, Math.Round(a.Score, 9))).ToList();
                var reference = await RankedInPostgresAsync(dataSource, retrieval.Lexemes, category);
                compared++;
                same += ranked.SequenceEqual(reference) ? 1 : 0;
                better += !ranked.SequenceEqual(reference) && ranked.Count == reference.Count
                    && ranked.Zip(reference).All(p => p.First.Item2 >= p.Second.Item2) ? 1 : 0;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{compared} rankings: {same} identical, {better} better by a tie at the pool's edge");
        Assert.True(compared > 900, $"{compared} rankings compared");
        // Other tests add articles while this runs, so allow a few differences they may cause.
        Assert.True(same + better >= compared * 0.99, $"{compared - same - better} of {compared} rankings worse than Postgres'");
        // Ties at the pool's edge are common once parallel tests have added many articles; never-worse above is the guarantee.
        Assert.True(same >= compared * 0.8, $"only {same} of {compared} identical");
    }

    [Fact]
    public async Task Ts_rank_computed_in_process_equals_Postgres_bit_for_bit_on_the_demo_data()
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Postgres.ConnectionString);
        var retriever = new Retriever(dataSource);
        int compared = 0, equal = 0;
        foreach (var (subject, body, language, _) in (await DemoTicketsAsync(dataSource)).Take(120))
        {
            var lexemes = (await retriever.RetrieveAsync(new RetrievalQuery($"{subject}\n{body}", language), Ct)).Lexemes;
            var terms = QueryTerms.ForArticles(lexemes, Retriever.MaxQueryTerms);
            await using var command = dataSource.CreateCommand("SELECT search_vector, ts_rank(search_vector, $1) FROM help_articles WHERE search_vector @@ $1");
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = terms.Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).Aggregate((l, r) => new NpgsqlTsQueryOr(l, r)),
                NpgsqlDbType = NpgsqlDbType.TsQuery,
            });
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                var document = reader.GetFieldValue<NpgsqlTsVector>(0).ToDictionary(l => l.Text, StringComparer.Ordinal);
                compared++;
                equal += TextSearchRank.RankOr(document, terms) == reader.GetFloat(1) ? 1 : 0;
            }
        }

        Assert.True(compared > 1_000, $"{compared} ranks compared");
        Assert.Equal(compared, equal);
    }

    private static async Task<List<(string, double)>> RankedInPostgresAsync(NpgsqlDataSource dataSource, IReadOnlyList<QueryLexeme> lexemes, string? category)
    {
        await using var command = dataSource.CreateCommand(RankedWithCategorySql);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = QueryTerms.ForArticles(lexemes, 24).Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).Aggregate((l, r) => new NpgsqlTsQueryOr(l, r)),
            NpgsqlDbType = NpgsqlDbType.TsQuery,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (float)Retriever.SameCategoryBoost, NpgsqlDbType = NpgsqlDbType.Real });
        command.Parameters.Add(new NpgsqlParameter { Value = Retriever.CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer });
        var queryLexemes = lexemes.Select(l => l.Lexeme).ToHashSet(StringComparer.Ordinal);
        var hits = new List<(string Slug, double Score)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var score = LexemeSimilarity.Cosine(queryLexemes, reader.GetFieldValue<string[]>(2));
            var boosted = category is not null && !reader.IsDBNull(1) && reader.GetString(1) == category ? Math.Min(1, score * Retriever.SameCategoryBoost) : score;
            hits.Add((reader.GetString(0), boosted));
        }

        return [.. hits.OrderByDescending(h => h.Score).Take(3).Select(h => (h.Slug, Math.Round(h.Score, 9)))];
    }

    private static async Task<List<(string Subject, string Body, string Language, string Category)>> DemoTicketsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT subject, body, language, category FROM tickets WHERE external_id LIKE 'TL-%' ORDER BY external_id");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var tickets = new List<(string, string, string, string)>();
        while (await reader.ReadAsync(Ct))
        {
            tickets.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return tickets;
    }
}
