using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Finds similar resolved tickets and relevant help articles with PostgreSQL full-text search
/// (GIN-indexed tsvector columns, stemmed per language). The query uses the ticket's rarest terms
/// (<see cref="QueryTerms"/>), candidates are ranked by ts_rank, and the final score is a
/// lexeme-set cosine, boosted for the same category. docs/architecture.md has the reasoning.
/// </summary>
public sealed class Retriever(NpgsqlDataSource dataSource, long candidateBudget = Retriever.DefaultCandidateBudget)
{
    /// <summary>Ranking in the index is cheap; re-scoring needs lexemes, so only this many candidates are re-scored.</summary>
    public const int CandidatePool = 30;

    private bool? _hasRankingIndex;

    public const double SameCategoryBoost = 1.15;

    /// <summary>At most this many terms go into one query.</summary>
    private const int MaxQueryTerms = 24;

    /// <summary>
    /// The rarest terms are OR-ed while their document frequencies add up to at most this: a bound on
    /// how many tickets the index hands to ranking, whatever the corpus size. Larger finds more
    /// distant matches and costs latency (docs/benchmarks.md).
    /// </summary>
    public const long DefaultCandidateBudget = 1_000;

    // The query's lexemes are built in Postgres with the same configuration as the documents, with
    // their document frequency among resolved tickets (0 when unknown to the statistics).
    private const string QueryLexemesSql = $"""
        SELECT l.lexeme, coalesce(t.ndoc, 0)
        FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector({TextSearch.ConfigFunction}($1), $2))) AS lexeme) l
        LEFT JOIN {TicketTermStats.ViewName} t ON t.word = l.lexeme
        WHERE length(l.lexeme) > 1
        """;

    // Every ranked query takes $1 tsquery, $2 wanted category, $3 same-category boost, $4 result limit.
    // Candidates are ranked on the index columns alone; only the best ones are joined back for their
    // text (replies are the largest, often TOASTed, values). The candidate LIMIT ($6) is a safety net:
    // if the statistics are stale and a "rare" term is common, ranking still sees a bounded sample.
    private const string TicketsSql = $"""
        WITH candidates AS (
          SELECT id, category, search_vector
          FROM tickets
          WHERE search_vector @@ $1
            AND source = '{TicketSources.Historical}' AND sent_reply IS NOT NULL
            AND NOT (id = ANY($5))
          LIMIT $6
        ), best AS (
          SELECT id, search_vector FROM candidates
          ORDER BY ts_rank(search_vector, $1) * CASE WHEN category = $2 THEN $3 ELSE 1 END DESC
          LIMIT $4
        )
        SELECT t.id, t.external_id, t.category, t.subject, t.sent_reply, t.escalated, t.language, tsvector_to_array(best.search_vector)
        FROM best JOIN tickets t ON t.id = best.id
        """;

    // With the RUM index the index itself returns the best matches in order; no candidate set is
    // materialized. The same-category boost then applies only in the re-scoring of these.
    private const string TicketsRumSql = $"""
        WITH best AS (
          SELECT id, search_vector
          FROM tickets
          WHERE search_vector @@ $1
            AND source = '{TicketSources.Historical}' AND sent_reply IS NOT NULL
            AND NOT (id = ANY($5))
          ORDER BY search_vector <=> $1
          LIMIT $4
        )
        SELECT t.id, t.external_id, t.category, t.subject, t.sent_reply, t.escalated, t.language, tsvector_to_array(best.search_vector)
        FROM best JOIN tickets t ON t.id = best.id
        """;

    private const string ArticlesSql = $"""
        SELECT id, slug, version, title, url, category, language, body,
               tsvector_to_array(search_vector)
        FROM help_articles
        WHERE search_vector @@ $1
        ORDER BY ts_rank(search_vector, $1) * CASE WHEN category = $2 THEN $3 ELSE 1 END DESC
        LIMIT $4
        """;

    public async Task<IReadOnlyList<SimilarTicket>> SimilarTicketsAsync(RetrievalQuery query, CancellationToken cancellationToken) =>
        await SimilarTicketsAsync(query, await AnalyzeAsync(query, cancellationToken), cancellationToken);

    /// <summary>With the query already analyzed (<see cref="AnalyzeAsync"/>), so one draft stems its text once.</summary>
    public async Task<IReadOnlyList<SimilarTicket>> SimilarTicketsAsync(RetrievalQuery query, IReadOnlyList<QueryLexeme> lexemes, CancellationToken cancellationToken)
    {
        if (lexemes.Count == 0)
        {
            return [];
        }

        var sql = await HasRankingIndexAsync(cancellationToken) ? TicketsRumSql : TicketsSql;
        await using var command = RankedCommand(sql, ToTsQuery(QueryTerms.ForTickets(lexemes, MaxQueryTerms, candidateBudget)), query.Category);
        command.Parameters.Add(new NpgsqlParameter { Value = query.ExcludeTicketIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = 2 * candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint });

        var queryLexemes = lexemes.Select(l => l.Lexeme).ToHashSet(StringComparer.Ordinal);
        var hits = new List<SimilarTicket>(CandidatePool);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var category = reader.IsDBNull(2) ? null : reader.GetString(2);
            var score = Score(queryLexemes, reader.GetFieldValue<string[]>(7), category, query.Category);
            hits.Add(new SimilarTicket(
                reader.GetGuid(0), reader.GetString(1), category, reader.GetString(3), reader.GetString(4),
                reader.GetBoolean(5), reader.GetString(6), score));
        }

        return Top(hits, h => h.Score, query.Limit);
    }

    public async Task<IReadOnlyList<ArticleHit>> ArticlesAsync(RetrievalQuery query, CancellationToken cancellationToken) =>
        await ArticlesAsync(query, await AnalyzeAsync(query, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<ArticleHit>> ArticlesAsync(RetrievalQuery query, IReadOnlyList<QueryLexeme> lexemes, CancellationToken cancellationToken)
    {
        if (lexemes.Count == 0)
        {
            return [];
        }

        await using var command = RankedCommand(ArticlesSql, OrQuery(QueryTerms.ForArticles(lexemes, MaxQueryTerms)), query.Category);

        var queryLexemes = lexemes.Select(l => l.Lexeme).ToHashSet(StringComparer.Ordinal);
        var hits = new List<ArticleHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var category = reader.IsDBNull(5) ? null : reader.GetString(5);
            var score = Score(queryLexemes, reader.GetFieldValue<string[]>(8), category, query.Category);
            hits.Add(new ArticleHit(
                reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                category, reader.GetString(6), reader.GetString(7), score));
        }

        return Top(hits, h => h.Score, query.Limit);
    }

    /// <summary>The query text's lexemes in its language, with their document frequencies among resolved tickets.</summary>
    public async Task<IReadOnlyList<QueryLexeme>> AnalyzeAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(QueryLexemesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = query.Language, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Text, NpgsqlDbType = NpgsqlDbType.Text });
        var lexemes = new List<QueryLexeme>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lexemes.Add(new QueryLexeme(reader.GetString(0), reader.GetInt64(1)));
        }

        return lexemes;
    }

    /// <summary>Whether the optional RUM index exists; asked once, since only a migration adds it.</summary>
    private async ValueTask<bool> HasRankingIndexAsync(CancellationToken cancellationToken)
    {
        if (_hasRankingIndex is { } known)
        {
            return known;
        }

        await using var command = dataSource.CreateCommand(RankingIndex.ExistsSql);
        _hasRankingIndex = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        return _hasRankingIndex.Value;
    }

    private NpgsqlCommand RankedCommand(string sql, NpgsqlTsQuery terms, string? category)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = terms, NpgsqlDbType = NpgsqlDbType.TsQuery });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (float)SameCategoryBoost, NpgsqlDbType = NpgsqlDbType.Real });
        command.Parameters.Add(new NpgsqlParameter { Value = CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer });
        return command;
    }

    private static NpgsqlTsQuery OrQuery(IEnumerable<string> terms) =>
        terms.Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).Aggregate((left, right) => new NpgsqlTsQueryOr(left, right));

    private static NpgsqlTsQuery ToTsQuery(TicketTermQuery terms)
    {
        var parts = terms.AnyOf.Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).ToList();
        if (terms.AllOf.Count > 0)
        {
            parts.Add(terms.AllOf.Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).Aggregate((left, right) => new NpgsqlTsQueryAnd(left, right)));
        }

        return parts.Aggregate((left, right) => new NpgsqlTsQueryOr(left, right));
    }

    private static double Score(HashSet<string> query, string[] document, string? category, string? wantedCategory)
    {
        var score = LexemeSimilarity.Cosine(query, document);
        return wantedCategory is not null && category == wantedCategory ? Math.Min(1, score * SameCategoryBoost) : score;
    }

    private static List<T> Top<T>(List<T> hits, Func<T, double> score, int limit) =>
        [.. hits.OrderByDescending(score).Take(limit)];
}
