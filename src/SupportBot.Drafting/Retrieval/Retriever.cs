using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Finds similar resolved tickets and relevant help articles with PostgreSQL full-text search
/// (GIN-indexed tsvector columns, stemmed per language). The query uses the ticket's rarest terms
/// (<see cref="QueryTerms"/>, chosen in the same statement), candidates are ranked by ts_rank, and the final score is a
/// lexeme-set cosine, boosted for the same category. docs/architecture.md has the reasoning.
/// </summary>
public sealed class Retriever(NpgsqlDataSource dataSource, long candidateBudget = Retriever.DefaultCandidateBudget)
{
    /// <summary>Ranking in the index is cheap; only this many candidates have their text read and are re-scored.</summary>
    public const int CandidatePool = 30;

    private bool? _hasRankingIndex;

    public const double SameCategoryBoost = 1.15;

    /// <summary>At most this many terms go into one query.</summary>
    public const int MaxQueryTerms = 24;

    /// <summary>
    /// The rarest terms are OR-ed while their document frequencies add up to at most this: a bound on
    /// how many tickets the index hands to ranking, whatever the corpus size. Larger finds more
    /// distant matches and costs latency (docs/benchmarks.md).
    /// </summary>
    public const long DefaultCandidateBudget = 1_000;

    // Every statement analyzes the query itself and chooses its terms (QueryTerms.Ctes): $1 language,
    // $2 text, $3 most terms per query, $4 candidate budget. Ranked ticket statements then take $5
    // wanted category, $6 same-category boost, $7 result limit, $8 excluded ids, $9 candidate cap.
    // The score needs only how many lexemes a document has and how many of them are the query's:
    // Postgres counts the latter as what ts_delete of the query's lexemes removes (a lookup in the
    // sorted tsvector), so no document's lexemes are sent over.
    // Candidates are ranked on the index columns alone; only the best ones are joined back for their
    // text (replies are the largest, often TOASTed, values). The candidate LIMIT ($9) is a safety net:
    // if the statistics are stale and a "rare" term is common, ranking still sees a bounded sample.
    // The tsquery reaches the ticket scan as an InitPlan parameter, evaluated once before the scan;
    // the planner then does not know its terms, which is harmless here: the index is the only sensible
    // path for @@ (GIN) or ORDER BY <=> LIMIT (RUM). Measured in docs/benchmarks.md.
    private static readonly string TicketsSql = $"""
        WITH {QueryTerms.Ctes(QueryTerms.AnalyzedLexemesSql)}, candidates AS (
          SELECT id, category, search_vector
          FROM tickets
          WHERE search_vector @@ (SELECT q FROM ticket_query)
            AND source = '{TicketSources.Historical}' AND sent_reply IS NOT NULL
            AND NOT (id = ANY($8))
          LIMIT $9
        ), best AS (
          SELECT id, search_vector FROM candidates
          ORDER BY ts_rank(search_vector, (SELECT q FROM ticket_query)) * CASE WHEN category = $5 THEN $6 ELSE 1 END DESC
          LIMIT $7
        )
        {TicketColumnsSql}
        """;

    // With the RUM index the index itself returns the best matches in order; no candidate set is
    // materialized. The same-category boost then applies only in the re-scoring of these.
    private static readonly string TicketsRumSql = $"""
        WITH {QueryTerms.Ctes(QueryTerms.AnalyzedLexemesSql)}, best AS (
          SELECT id, search_vector
          FROM tickets
          WHERE search_vector @@ (SELECT q FROM ticket_query)
            AND source = '{TicketSources.Historical}' AND sent_reply IS NOT NULL
            AND NOT (id = ANY($8))
          ORDER BY search_vector <=> (SELECT q FROM ticket_query)
          LIMIT $7
        )
        {TicketColumnsSql}
        """;

    private const string TicketColumnsSql = """
        SELECT t.id, t.external_id, t.category, t.subject, t.sent_reply, t.escalated, t.language,
               length(best.search_vector), length(best.search_vector) - length(ts_delete(best.search_vector, ql.lexemes)), ql.n
        FROM best JOIN tickets t ON t.id = best.id CROSS JOIN query_lexemes ql
        """;

    // Article candidates that do not depend on the wanted category, so they can be fetched in the same
    // round trip as the tickets, before classification: the best CandidatePool ($5) overall plus the
    // best CandidatePool of each category, ties included (rank(), not row_number()). Whatever category
    // is then favoured, its boosted top CandidatePool is within this set: an article among them is
    // either in the favoured category, and then among its category's best, or not boosted, and then
    // among the best overall. ArticleCandidates ranks the set in memory as Postgres ranked with the
    // category. $1-$4 as for the tickets.
    private static readonly string ArticleCandidatesSql = $"""
        WITH {QueryTerms.Ctes(QueryTerms.AnalyzedLexemesSql)}, ranked AS (
          SELECT id, category, ts_rank(search_vector, (SELECT q FROM article_query)) AS rank
          FROM help_articles
          WHERE search_vector @@ (SELECT q FROM article_query)
        ), numbered AS (
          SELECT id, rank,
                 rank() OVER (ORDER BY rank DESC) AS overall,
                 rank() OVER (PARTITION BY category ORDER BY rank DESC) AS in_category
          FROM ranked
        )
        SELECT a.id, a.slug, a.version, a.title, a.url, a.category, a.language, a.body, n.rank,
               length(a.search_vector), length(a.search_vector) - length(ts_delete(a.search_vector, ql.lexemes)), ql.n
        FROM numbered n JOIN help_articles a ON a.id = n.id CROSS JOIN query_lexemes ql
        WHERE n.overall <= $5 OR n.in_category <= $5
        """;

    public async Task<IReadOnlyList<SimilarTicket>> SimilarTicketsAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(await TicketsSqlAsync(cancellationToken));
        command.Parameters.AddRange(TicketParameters(query));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadTicketsAsync(reader, query, cancellationToken);
    }

    public async Task<IReadOnlyList<ArticleHit>> ArticlesAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ArticleCandidatesSql);
        command.Parameters.AddRange(ArticleParameters(query));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return (await ReadArticleCandidatesAsync(reader, cancellationToken)).Rank(query.Category, query.Limit);
    }

    /// <summary>
    /// A draft's retrieval in one round trip: the similar tickets and the help-article candidates,
    /// which are ranked once the draft's category is known. Each statement analyzes the text and
    /// chooses its terms itself, so there is no round trip before either (docs/benchmarks.md).
    /// </summary>
    public async Task<DraftRetrieval> RetrieveForDraftAsync(RetrievalQuery ticketQuery, CancellationToken cancellationToken)
    {
        var ticketsSql = await TicketsSqlAsync(cancellationToken);
        await using var batch = dataSource.CreateBatch();
        var tickets = new NpgsqlBatchCommand(ticketsSql);
        tickets.Parameters.AddRange(TicketParameters(ticketQuery));
        var articles = new NpgsqlBatchCommand(ArticleCandidatesSql);
        articles.Parameters.AddRange(ArticleParameters(ticketQuery));
        batch.BatchCommands.Add(tickets);
        batch.BatchCommands.Add(articles);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var similar = await ReadTicketsAsync(reader, ticketQuery, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return new DraftRetrieval(similar, await ReadArticleCandidatesAsync(reader, cancellationToken));
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

    private async ValueTask<string> TicketsSqlAsync(CancellationToken cancellationToken) =>
        await HasRankingIndexAsync(cancellationToken) ? TicketsRumSql : TicketsSql;

    private NpgsqlParameter[] QueryParameters(RetrievalQuery query) =>
    [
        new() { Value = query.Language, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = query.Text, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = MaxQueryTerms, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint },
    ];

    private NpgsqlParameter[] TicketParameters(RetrievalQuery query) =>
    [
        .. QueryParameters(query),
        new() { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = (float)SameCategoryBoost, NpgsqlDbType = NpgsqlDbType.Real },
        new() { Value = CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = query.ExcludeTicketIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
        new() { Value = 2 * candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint },
    ];

    private NpgsqlParameter[] ArticleParameters(RetrievalQuery query) =>
    [
        .. QueryParameters(query),
        new() { Value = CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer },
    ];

    private static async Task<IReadOnlyList<SimilarTicket>> ReadTicketsAsync(
        NpgsqlDataReader reader, RetrievalQuery query, CancellationToken cancellationToken)
    {
        var hits = new List<SimilarTicket>(CandidatePool);
        while (await reader.ReadAsync(cancellationToken))
        {
            var category = reader.IsDBNull(2) ? null : reader.GetString(2);
            var score = Score(reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(7), category, query.Category);
            hits.Add(new SimilarTicket(
                reader.GetGuid(0), reader.GetString(1), category, reader.GetString(3), reader.GetString(4),
                reader.GetBoolean(5), reader.GetString(6), score));
        }

        return Top(hits, h => h.Score, query.Limit);
    }

    private static async Task<ArticleCandidates> ReadArticleCandidatesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var candidates = new List<ArticleCandidate>();
        var queryLexemes = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new ArticleCandidate(
                reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7),
                reader.GetFloat(8), reader.GetInt32(9), reader.GetInt32(10)));
            queryLexemes = reader.GetInt32(11);
        }

        return new ArticleCandidates(queryLexemes, candidates);
    }

    internal static double Score(int shared, int queryLexemes, int documentLexemes, string? category, string? wantedCategory)
    {
        var score = LexemeSimilarity.Cosine(shared, queryLexemes, documentLexemes);
        return wantedCategory is not null && category == wantedCategory ? Math.Min(1, score * SameCategoryBoost) : score;
    }

    internal static List<T> Top<T>(List<T> hits, Func<T, double> score, int limit) =>
        [.. hits.OrderByDescending(score).Take(limit)];
}
