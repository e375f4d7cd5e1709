using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Finds similar resolved tickets and relevant help articles with PostgreSQL full-text search
/// (GIN-indexed tsvector columns, stemmed per language). The query uses the ticket's rarest terms
/// (<see cref="QueryTerms"/>), candidates are ranked by ts_rank, and the final score is a
/// lexeme-set cosine, boosted for the same category. Help articles, few and rarely changed, are
/// ranked the same way in memory from their stored vectors (<see cref="HelpArticleSnapshot"/>).
/// docs/architecture.md has the reasoning.
/// </summary>
public sealed class Retriever(NpgsqlDataSource dataSource, long candidateBudget = Retriever.DefaultCandidateBudget)
{
    /// <summary>Ranking in the index is cheap; only this many candidates have their text read and are re-scored.</summary>
    public const int CandidatePool = 30;

    private bool? _hasRankingIndex;
    private HelpArticleSnapshot _articles = HelpArticleSnapshot.Empty;

    public const double SameCategoryBoost = 1.15;

    /// <summary>At most this many terms go into one query.</summary>
    public const int MaxQueryTerms = 24;

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

    // Every ranked ticket query takes $1 tsquery, $2 wanted category, $3 same-category boost, $4 result
    // limit, $5 excluded ids, $6 candidate cap, $7 the query's lexemes. The score needs only how many
    // lexemes a document has and how many of them are the query's: Postgres counts the latter as what
    // ts_delete of the query's lexemes removes (a lookup in the sorted tsvector), so no document's
    // lexemes are sent over.
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
        SELECT t.id, t.external_id, t.category, t.subject, t.sent_reply, t.escalated, t.language,
               length(best.search_vector), length(best.search_vector) - length(ts_delete(best.search_vector, $7))
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
        SELECT t.id, t.external_id, t.category, t.subject, t.sent_reply, t.escalated, t.language,
               length(best.search_vector), length(best.search_vector) - length(ts_delete(best.search_vector, $7))
        FROM best JOIN tickets t ON t.id = best.id
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
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(TicketParameters(query, lexemes));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadTicketsAsync(reader, query, lexemes, cancellationToken);
    }

    public async Task<IReadOnlyList<ArticleHit>> ArticlesAsync(RetrievalQuery query, CancellationToken cancellationToken) =>
        await ArticlesAsync(query, await AnalyzeAsync(query, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<ArticleHit>> ArticlesAsync(RetrievalQuery query, IReadOnlyList<QueryLexeme> lexemes, CancellationToken cancellationToken)
    {
        if (lexemes.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(HelpArticleSnapshot.StampSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stamp = await HelpArticleSnapshot.ReadStampAsync(reader, cancellationToken);
        return (await ArticlesAtAsync(stamp, cancellationToken)).Candidates(ArticleTerms(lexemes), lexemes).Rank(query.Category, query.Limit);
    }

    /// <summary>
    /// A draft's retrieval in one round trip: the similar tickets, and the help center's stamp. Help
    /// articles are ranked in memory from a snapshot (<see cref="HelpArticleSnapshot"/>), reloaded
    /// first when the stamp says the help center changed; the candidates are ranked once the draft's
    /// category is known. Every round trip costs a draft a wake-up of the server (docs/benchmarks.md).
    /// </summary>
    public async Task<DraftRetrieval> RetrieveForDraftAsync(RetrievalQuery ticketQuery, IReadOnlyList<QueryLexeme> lexemes, CancellationToken cancellationToken)
    {
        if (lexemes.Count == 0)
        {
            return new DraftRetrieval([], ArticleCandidates.None);
        }

        var ticketsSql = await HasRankingIndexAsync(cancellationToken) ? TicketsRumSql : TicketsSql;
        await using var batch = dataSource.CreateBatch();
        var tickets = new NpgsqlBatchCommand(ticketsSql);
        tickets.Parameters.AddRange(TicketParameters(ticketQuery, lexemes));
        batch.BatchCommands.Add(tickets);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(HelpArticleSnapshot.StampSql));

        IReadOnlyList<SimilarTicket> similar;
        string stamp;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            similar = await ReadTicketsAsync(reader, ticketQuery, lexemes, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            stamp = await HelpArticleSnapshot.ReadStampAsync(reader, cancellationToken);
        }

        var articles = await ArticlesAtAsync(stamp, cancellationToken);
        return new DraftRetrieval(similar, articles.Candidates(ArticleTerms(lexemes), lexemes));
    }

    /// <summary>
    /// The snapshot for the help center's current <paramref name="stamp"/>: the one held, or a fresh
    /// load. Concurrent drafts may both reload after a change; either result is current.
    /// </summary>
    private async ValueTask<HelpArticleSnapshot> ArticlesAtAsync(string stamp, CancellationToken cancellationToken)
    {
        var held = Volatile.Read(ref _articles);
        if (held.Stamp == stamp)
        {
            return held;
        }

        var loaded = await HelpArticleSnapshot.LoadAsync(dataSource, cancellationToken);
        Volatile.Write(ref _articles, loaded);
        return loaded;
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

    private NpgsqlParameter[] TicketParameters(RetrievalQuery query, IReadOnlyList<QueryLexeme> lexemes) =>
    [
        new() { Value = ToTsQuery(QueryTerms.ForTickets(lexemes, MaxQueryTerms, candidateBudget)), NpgsqlDbType = NpgsqlDbType.TsQuery },
        new() { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = (float)SameCategoryBoost, NpgsqlDbType = NpgsqlDbType.Real },
        new() { Value = CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = query.ExcludeTicketIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
        new() { Value = 2 * candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint },
        new() { Value = LexemeArray(lexemes), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
    ];

    private static IReadOnlyList<string> ArticleTerms(IReadOnlyList<QueryLexeme> lexemes) => QueryTerms.ForArticles(lexemes, MaxQueryTerms);

    private static async Task<IReadOnlyList<SimilarTicket>> ReadTicketsAsync(
        NpgsqlDataReader reader, RetrievalQuery query, IReadOnlyList<QueryLexeme> lexemes, CancellationToken cancellationToken)
    {
        var hits = new List<SimilarTicket>(CandidatePool);
        while (await reader.ReadAsync(cancellationToken))
        {
            var category = reader.IsDBNull(2) ? null : reader.GetString(2);
            var score = Score(reader.GetInt32(8), lexemes.Count, reader.GetInt32(7), category, query.Category);
            hits.Add(new SimilarTicket(
                reader.GetGuid(0), reader.GetString(1), category, reader.GetString(3), reader.GetString(4),
                reader.GetBoolean(5), reader.GetString(6), score));
        }

        return Top(hits, h => h.Score, query.Limit);
    }

    // The analysis returns distinct lexemes, so their count is the size of the query's lexeme set.
    private static string[] LexemeArray(IReadOnlyList<QueryLexeme> lexemes) => [.. lexemes.Select(l => l.Lexeme)];

    private static NpgsqlTsQuery ToTsQuery(TicketTermQuery terms)
    {
        var parts = terms.AnyOf.Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).ToList();
        if (terms.AllOf.Count > 0)
        {
            parts.Add(terms.AllOf.Select(t => (NpgsqlTsQuery)new NpgsqlTsQueryLexeme(t)).Aggregate((left, right) => new NpgsqlTsQueryAnd(left, right)));
        }

        return parts.Aggregate((left, right) => new NpgsqlTsQueryOr(left, right));
    }

    internal static double Score(int shared, int queryLexemes, int documentLexemes, string? category, string? wantedCategory)
    {
        var score = LexemeSimilarity.Cosine(shared, queryLexemes, documentLexemes);
        return wantedCategory is not null && category == wantedCategory ? Math.Min(1, score * SameCategoryBoost) : score;
    }

    internal static List<T> Top<T>(List<T> hits, Func<T, double> score, int limit) =>
        [.. hits.OrderByDescending(score).Take(limit)];
}
