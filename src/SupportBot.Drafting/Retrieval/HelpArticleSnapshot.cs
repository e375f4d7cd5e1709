using Npgsql;
using NpgsqlTypes;

namespace SupportBot.Drafting.Retrieval;

/// <summary>
/// The help center in memory: every article with its stored search vector, so a draft ranks help
/// articles without a query of its own (they are few and change rarely; docs/benchmarks.md).
/// <see cref="Stamp"/> identifies the state it was loaded from; retrieval compares it with the
/// current one in the same round trip as the ticket query and reloads on a difference, so every
/// process (API and worker) sees a reindex or upsert with its next draft.
/// </summary>
public sealed class HelpArticleSnapshot
{
    /// <summary>
    /// The help center's state, cheap to read: article writes (HelpArticleStore) never delete, and any
    /// change inserts an article or raises a version, so the count and the sum of versions change with
    /// every write; the latest update time covers the theoretical rest. Columns: count, sum, max.
    /// </summary>
    public const string StampSql = "SELECT count(*), coalesce(sum(version), 0), max(updated_at) FROM help_articles";

    // The stamp is read in the same statement as the articles, so it describes exactly these rows.
    private const string LoadSql = """
        SELECT id, slug, version, title, url, category, language, body, search_vector,
               count(*) OVER (), sum(version) OVER (), max(updated_at) OVER ()
        FROM help_articles
        """;

    private HelpArticleSnapshot(string stamp, IReadOnlyList<SnapshotArticle> articles)
    {
        Stamp = stamp;
        Articles = articles;
    }

    public static HelpArticleSnapshot Empty { get; } = new(EmptyStamp, []);

    public string Stamp { get; }

    internal IReadOnlyList<SnapshotArticle> Articles { get; }

    private static string EmptyStamp => FormatStamp(0, 0, null);

    public static async Task<string> ReadStampAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        return FormatStamp(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }

    public static async Task<HelpArticleSnapshot> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LoadSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var articles = new List<SnapshotArticle>();
        var stamp = EmptyStamp;
        while (await reader.ReadAsync(cancellationToken))
        {
            var vector = reader.GetFieldValue<NpgsqlTsVector>(8);
            articles.Add(new SnapshotArticle(
                reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7),
                vector.ToDictionary(l => l.Text, StringComparer.Ordinal)));
            stamp = FormatStamp(reader.GetInt64(9), reader.GetInt64(10), reader.GetFieldValue<DateTimeOffset>(11));
        }

        return new HelpArticleSnapshot(stamp, articles);
    }

    /// <summary>
    /// The articles matching any of <paramref name="terms"/>, with ts_rank as Postgres computes it and
    /// the lexeme counts for the score. All matches are kept: <see cref="ArticleCandidates"/> ranks them
    /// once the category is known.
    /// </summary>
    public ArticleCandidates Candidates(IReadOnlyList<string> terms, IReadOnlyList<QueryLexeme> lexemes)
    {
        if (terms.Count == 0)
        {
            return ArticleCandidates.None;
        }

        var candidates = new List<ArticleCandidate>();
        foreach (var article in Articles)
        {
            if (!terms.Any(article.Lexemes.ContainsKey))
            {
                continue;
            }

            var shared = lexemes.Count(l => article.Lexemes.ContainsKey(l.Lexeme));
            candidates.Add(new ArticleCandidate(
                article.Id, article.Slug, article.Version, article.Title, article.Url, article.Category, article.Language, article.Body,
                TextSearchRank.RankOr(article.Lexemes, terms), article.Lexemes.Count, shared));
        }

        return new ArticleCandidates(lexemes.Count, candidates);
    }

    private static string FormatStamp(long count, long versions, DateTimeOffset? updated) =>
        FormattableString.Invariant($"{count}/{versions}/{updated?.UtcTicks}");
}

/// <summary>An article as the snapshot holds it: its lexemes by text, with their positions and weights.</summary>
internal sealed record SnapshotArticle(
    Guid Id, string Slug, int Version, string Title, string Url, string? Category, string Language, string Body,
    Dictionary<string, NpgsqlTsVector.Lexeme> Lexemes);
