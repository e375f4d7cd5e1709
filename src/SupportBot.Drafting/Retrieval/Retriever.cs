using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Retrieval;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Finds similar resolved tickets and relevant help articles with PostgreSQL full-text search
/// (tsvector columns stemmed per language, GIN- or RUM-indexed). The ticket query uses the text's
/// rarest terms (<see cref="TicketQueryTerms"/>), the index ranks the candidates, and the final score
/// is a lexeme-set cosine. A given category is a hard filter: no ticket of another category is returned. Help articles, few and rarely changed, are
/// ranked the same way in memory from their stored vectors (<see cref="HelpArticleSnapshot"/>).
/// docs/architecture.md has the reasoning.
/// </summary>
public sealed class Retriever(NpgsqlDataSource dataSource, long candidateBudget = Retriever.DefaultCandidateBudget, SemanticIndex? semantic = null)
{
    /// <summary>Reciprocal rank fusion's constant: the usual 60 keeps one list's top hit from outvoting agreement of both.</summary>
    public const int FusionK = 60;

    /// <summary>In the re-ranking, how much the question vectors' cosine counts against the lexeme cosine.</summary>
    public const double SemanticWeight = 0.7;

    /// <summary>Ranking in the index is cheap; only this many candidates have their text read and are re-scored.</summary>
    public const int CandidatePool = 30;

    public const double SameCategoryBoost = 1.15;

    /// <summary>At most this many terms go into one query.</summary>
    public const int MaxQueryTerms = 24;

    /// <summary>
    /// The rarest terms are OR-ed while their document frequencies add up to at most this: a bound on
    /// how many tickets the index hands to ranking, whatever the corpus size. Larger finds more
    /// distant matches and costs latency (docs/benchmarks.md).
    /// </summary>
    public const long DefaultCandidateBudget = 1_000;

    private bool? _hasRankingIndex;
    private HelpArticleSnapshot _articles = HelpArticleSnapshot.Empty;

    public async Task<IReadOnlyList<SimilarTicket>> SimilarTicketsAsync(RetrievalQuery query, CancellationToken cancellationToken) =>
        (await RetrieveAsync(query, cancellationToken)).Tickets;

    /// <summary>
    /// A draft's retrieval in one round trip: the similar tickets, from one statement that also
    /// analyzes the text and chooses the terms (<see cref="SimilarTicketsFunction"/>), and the help
    /// center's stamp. Help articles are ranked in memory from a snapshot, reloaded first when the
    /// stamp says the help center changed; the candidates are ranked once the draft's category is
    /// known. Every round trip costs a draft a wake-up of the server and of a thread here (docs/benchmarks.md).
    /// </summary>
    public async Task<DraftRetrieval> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        // The query's embedding (~13 ms of CPU) is computed while Postgres runs the full-text statement.
        var vectors = semantic?.Current;
        var embedding = vectors is { Count: > 0 } ? Task.Run(() => semantic!.EmbedAsync(query.Text, cancellationToken), cancellationToken) : null;
        var rankedInIndex = await HasRankingIndexAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var tickets = new NpgsqlBatchCommand(SimilarTicketsFunction.CallSql);
        tickets.Parameters.AddRange(TicketParameters(query, rankedInIndex));
        batch.BatchCommands.Add(tickets);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(HelpArticleSnapshot.StampSql));
        // Prepared once per connection, then neither statement is parsed or planned again.
        await batch.PrepareAsync(cancellationToken);

        IReadOnlyList<QueryLexeme> lexemes = [];
        var rows = new List<TicketRow>(CandidatePool);
        string stamp;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    lexemes = [.. reader.GetFieldValue<string[]>(9).Zip(reader.GetFieldValue<long[]>(10), (lexeme, df) => new QueryLexeme(lexeme, df))];
                    continue;
                }

                rows.Add(new TicketRow(
                    reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetBoolean(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8),
                    reader.IsDBNull(11) ? null : reader.GetString(11)));
            }

            await reader.NextResultAsync(cancellationToken);
            stamp = await HelpArticleSnapshot.ReadStampAsync(reader, cancellationToken);
        }

        if (embedding is not null)
        {
            var hybrid = await HybridAsync(query, rows, lexemes, vectors!, await embedding, cancellationToken);
            var hybridArticles = await ArticlesAtAsync(stamp, cancellationToken);
            return new DraftRetrieval(lexemes, hybrid,
                lexemes.Count == 0 ? ArticleCandidates.None : hybridArticles.Candidates(QueryTerms.ForArticles(lexemes, MaxQueryTerms), lexemes));
        }

        if (lexemes.Count == 0)
        {
            return new DraftRetrieval(lexemes, [], ArticleCandidates.None);
        }

        var similar = Top(
            [.. InCategory(rows, query.Category).Select(r => ToHit(r, Score(r.SharedLexemes, lexemes.Count, r.Lexemes, r.Category, query.Category)))],
            h => h.Score, query.Limit);
        var articles = await ArticlesAtAsync(stamp, cancellationToken);
        return new DraftRetrieval(lexemes, similar, articles.Candidates(QueryTerms.ForArticles(lexemes, MaxQueryTerms), lexemes));
    }

    /// <summary>
    /// Full-text and vector candidates fused by reciprocal rank, then re-ranked by a blend of the two
    /// similarities (question vectors' cosine and lexeme cosine), so the score keeps its 0..1 meaning
    /// for the drafter's thresholds. Vector-only candidates' rows are read in one more round trip.
    /// </summary>
    private async Task<List<SimilarTicket>> HybridAsync(
        RetrievalQuery query, List<TicketRow> rows, IReadOnlyList<QueryLexeme> lexemes, VectorSnapshot vectors, float[] embedding, CancellationToken cancellationToken)
    {
        var lexical = lexemes.Count == 0 ? [] : InCategory(rows, query.Category)
            .Select(r => (Row: r, Score: Score(r.SharedLexemes, lexemes.Count, r.Lexemes, r.Category, query.Category)))
            .OrderByDescending(c => c.Score)
            .ToList();
        var nearest = vectors.Search(embedding, query.Category, CandidatePool, query.ExcludeTicketIds);

        var known = lexical.ToDictionary(c => c.Row.Id, c => c.Row);
        var missing = nearest.Where(n => !known.ContainsKey(n.Id)).Select(n => n.Id).ToArray();
        foreach (var row in InCategory(await RowsAsync(missing, cancellationToken), query.Category))
        {
            known[row.Id] = row;
        }

        var fused = new Dictionary<Guid, double>();
        for (var i = 0; i < lexical.Count; i++)
        {
            fused[lexical[i].Row.Id] = 1.0 / (FusionK + i + 1);
        }

        for (var i = 0; i < nearest.Count; i++)
        {
            fused[nearest[i].Id] = fused.GetValueOrDefault(nearest[i].Id) + (1.0 / (FusionK + i + 1));
        }

        var lexicalScore = lexical.ToDictionary(c => c.Row.Id, c => c.Score);
        return [.. fused
            .Where(f => known.ContainsKey(f.Key))
            .OrderByDescending(f => f.Value)
            .Take(Math.Max(query.Limit * 2, 10))
            .Select(f => ToHit(known[f.Key], Blend(vectors.Similarity(f.Key, embedding), lexicalScore.GetValueOrDefault(f.Key))))
            .OrderByDescending(h => h.Score)
            .Take(query.Limit)];
    }

    public static double Blend(float? semantic, double lexical) =>
        semantic is { } cosine ? (SemanticWeight * Math.Max(0, cosine)) + ((1 - SemanticWeight) * lexical) : lexical;

    private async Task<List<TicketRow>> RowsAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT id, external_id::text, category::text, subject, sent_reply, escalated, language::text, customer_name
            FROM tickets WHERE id = ANY($1) AND source = '{Data.Entities.TicketSources.Historical}' AND sent_reply IS NOT NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TicketRow>(ids.Length);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TicketRow(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetBoolean(5), reader.GetString(6), 0, 0, reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    private static SimilarTicket ToHit(TicketRow r, double score) =>
        new(r.Id, r.ExternalId, r.Category, r.Subject, r.Reply, r.Escalated, r.Language, score) { CustomerName = r.CustomerName };

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

    // In SimilarTicketsFunction's parameter order.
    private NpgsqlParameter[] TicketParameters(RetrievalQuery query, bool rankedInIndex) =>
    [
        new() { Value = query.Language, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = query.Text, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = MaxQueryTerms, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint },
        new() { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = (float)SameCategoryBoost, NpgsqlDbType = NpgsqlDbType.Real },
        new() { Value = CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = query.ExcludeTicketIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
        new() { Value = 2 * candidateBudget, NpgsqlDbType = NpgsqlDbType.Bigint },
        new() { Value = rankedInIndex, NpgsqlDbType = NpgsqlDbType.Boolean },
    ];

    internal static double Score(int shared, int queryLexemes, int documentLexemes, string? category, string? wantedCategory)
    {
        var score = LexemeSimilarity.Cosine(shared, queryLexemes, documentLexemes);
        return wantedCategory is not null && category == wantedCategory ? Math.Min(1, score * SameCategoryBoost) : score;
    }

    /// <summary>
    /// A given category is a boundary, not a preference: where categories separate brands or products,
    /// another category's reply is another customer's business. The statement filters already; this
    /// holds the guarantee whatever the statement returns.
    /// </summary>
    private static IEnumerable<TicketRow> InCategory(List<TicketRow> rows, string? category) =>
        category is null ? rows : rows.Where(r => string.Equals(r.Category, category, StringComparison.Ordinal));

    internal static List<T> Top<T>(List<T> hits, Func<T, double> score, int limit) =>
        [.. hits.OrderByDescending(score).Take(limit)];

    // A ticket row as the function returns it; scored once the query's lexemes (in their own row) are read.
    private sealed record TicketRow(
        Guid Id, string ExternalId, string? Category, string Subject, string Reply, bool Escalated, string Language, int Lexemes, int SharedLexemes,
        string? CustomerName);
}
