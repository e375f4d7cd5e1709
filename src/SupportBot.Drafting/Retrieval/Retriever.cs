using Npgsql;
using NpgsqlTypes;
using SupportBot.Data;
using SupportBot.Data.Entities;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// Finds similar resolved tickets and relevant help articles with PostgreSQL full-text search
/// (GIN-indexed tsvector columns, stemmed per language). Candidates come from the index by
/// ts_rank; the final score is a lexeme-set cosine, boosted for the same category.
/// </summary>
public sealed class Retriever(NpgsqlDataSource dataSource)
{
    /// <summary>Ranking in the index is cheap; re-scoring needs lexemes, so only this many candidates are re-scored.</summary>
    public const int CandidatePool = 30;

    /// <summary>Long tickets produce long OR queries that touch most of the index; their rarest terms carry the meaning.</summary>
    private const int MaxQueryTerms = 24;

    public const double SameCategoryBoost = 1.15;

    // The query's lexemes are built in Postgres with the same configuration as the documents,
    // then OR-ed: to_tsquery on already-stemmed lexemes would stem them twice.
    private const string QueryLexemesSql = $"""
        SELECT coalesce(array_agg(lexeme), ARRAY[]::text[])
        FROM (SELECT unnest(tsvector_to_array(to_tsvector({TextSearch.ConfigFunction}($1), $2))) AS lexeme) l
        WHERE length(lexeme) > 1
        """;

    private const string TicketsSql = $"""
        SELECT id, external_id, category, subject, sent_reply, escalated, language,
               tsvector_to_array(search_vector)
        FROM tickets
        WHERE search_vector @@ $1
          AND source = '{TicketSources.Historical}' AND sent_reply IS NOT NULL
          AND NOT (id = ANY($3))
        ORDER BY ts_rank(search_vector, $1) * CASE WHEN category = $2 THEN $4 ELSE 1 END DESC
        LIMIT $5
        """;

    private const string ArticlesSql = $"""
        SELECT id, slug, version, title, url, category, language, body,
               tsvector_to_array(search_vector)
        FROM help_articles
        WHERE search_vector @@ $1
        ORDER BY ts_rank(search_vector, $1) * CASE WHEN category = $2 THEN $3 ELSE 1 END DESC
        LIMIT $4
        """;

    public async Task<IReadOnlyList<SimilarTicket>> SimilarTicketsAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        var lexemes = await QueryLexemesAsync(query, cancellationToken);
        if (lexemes.Length == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(TicketsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = OrQuery(lexemes), NpgsqlDbType = NpgsqlDbType.TsQuery });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.ExcludeTicketIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (float)SameCategoryBoost, NpgsqlDbType = NpgsqlDbType.Real });
        command.Parameters.Add(new NpgsqlParameter { Value = CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer });

        var queryLexemes = lexemes.ToHashSet(StringComparer.Ordinal);
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

    public async Task<IReadOnlyList<ArticleHit>> ArticlesAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        var lexemes = await QueryLexemesAsync(query, cancellationToken);
        if (lexemes.Length == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(ArticlesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = OrQuery(lexemes), NpgsqlDbType = NpgsqlDbType.TsQuery });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (float)SameCategoryBoost, NpgsqlDbType = NpgsqlDbType.Real });
        command.Parameters.Add(new NpgsqlParameter { Value = CandidatePool, NpgsqlDbType = NpgsqlDbType.Integer });

        var queryLexemes = lexemes.ToHashSet(StringComparer.Ordinal);
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

    private async Task<string[]> QueryLexemesAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(QueryLexemesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = query.Language, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Text, NpgsqlDbType = NpgsqlDbType.Text });
        return (string[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>OR of the query's terms; for long tickets only the longest ones, which are the better guess for rare ones.</summary>
    private static NpgsqlTsQuery OrQuery(string[] lexemes)
    {
        var terms = lexemes.Length <= MaxQueryTerms
            ? lexemes
            : [.. lexemes.OrderByDescending(l => l.Length).ThenBy(l => l, StringComparer.Ordinal).Take(MaxQueryTerms)];
        return terms.Skip(1).Aggregate<string, NpgsqlTsQuery>(
            new NpgsqlTsQueryLexeme(terms[0]),
            (query, lexeme) => new NpgsqlTsQueryOr(query, new NpgsqlTsQueryLexeme(lexeme)));
    }

    private static double Score(HashSet<string> query, string[] document, string? category, string? wantedCategory)
    {
        var score = LexemeSimilarity.Cosine(query, document);
        return wantedCategory is not null && category == wantedCategory ? Math.Min(1, score * SameCategoryBoost) : score;
    }

    private static List<T> Top<T>(List<T> hits, Func<T, double> score, int limit) =>
        [.. hits.OrderByDescending(score).Take(limit)];
}
