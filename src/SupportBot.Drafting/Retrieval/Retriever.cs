using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Retrieval;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Finds similar resolved tickets and relevant help articles with PostgreSQL full-text search
/// (tsvector columns stemmed per language, GIN- or RUM-indexed). The ticket query uses the text's
/// rarest terms (<see cref="TicketQueryTerms"/>), the index ranks the candidates, and the final score
/// is a lexeme-set cosine, boosted for the same category. Help articles, few and rarely changed, are
/// ranked the same way in memory from their stored vectors (<see cref="HelpArticleSnapshot"/>).
/// docs/architecture.md has the reasoning.
/// </summary>
public sealed class Retriever(NpgsqlDataSource dataSource, long candidateBudget = Retriever.DefaultCandidateBudget)
{
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
                    reader.GetString(4), reader.GetBoolean(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8)));
            }

            await reader.NextResultAsync(cancellationToken);
            stamp = await HelpArticleSnapshot.ReadStampAsync(reader, cancellationToken);
        }

        if (lexemes.Count == 0)
        {
            return new DraftRetrieval(lexemes, [], ArticleCandidates.None);
        }

        var similar = Top(
            [.. rows.Select(r => new SimilarTicket(r.Id, r.ExternalId, r.Category, r.Subject, r.Reply, r.Escalated, r.Language,
                Score(r.SharedLexemes, lexemes.Count, r.Lexemes, r.Category, query.Category)))],
            h => h.Score, query.Limit);
        var articles = await ArticlesAtAsync(stamp, cancellationToken);
        return new DraftRetrieval(lexemes, similar, articles.Candidates(QueryTerms.ForArticles(lexemes, MaxQueryTerms), lexemes));
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

    internal static List<T> Top<T>(List<T> hits, Func<T, double> score, int limit) =>
        [.. hits.OrderByDescending(score).Take(limit)];

    // A ticket row as the function returns it; scored once the query's lexemes (in their own row) are read.
    private sealed record TicketRow(
        Guid Id, string ExternalId, string? Category, string Subject, string Reply, bool Escalated, string Language, int Lexemes, int SharedLexemes);
}
