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

    private readonly IReadOnlyList<SnapshotArticle> _articles;

    // Lexeme -> the articles containing it, with its positions there: a query looks up its few terms
    // instead of probing every article, so ranking costs microseconds however many articles there are.
    private readonly Dictionary<string, List<(int Article, NpgsqlTsVector.Lexeme Entry)>> _postings = new(StringComparer.Ordinal);

    private HelpArticleSnapshot(string stamp, IReadOnlyList<SnapshotArticle> articles)
    {
        Stamp = stamp;
        _articles = articles;
        for (var i = 0; i < articles.Count; i++)
        {
            foreach (var lexeme in articles[i].Vector)
            {
                if (!_postings.TryGetValue(lexeme.Text, out var postings))
                {
                    _postings[lexeme.Text] = postings = [];
                }

                postings.Add((i, lexeme));
            }
        }
    }

    public static HelpArticleSnapshot Empty { get; } = new(EmptyStamp, []);

    public string Stamp { get; }

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
                vector));
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
        var sorted = TextSearchRank.Sorted(terms);
        var ranks = new Dictionary<int, float>();
        foreach (var term in sorted)
        {
            foreach (var (article, entry) in _postings.GetValueOrDefault(term) ?? [])
            {
                ranks[article] = TextSearchRank.Add(ranks.GetValueOrDefault(article), entry);
            }
        }

        if (ranks.Count == 0)
        {
            return ArticleCandidates.None;
        }

        var shared = new Dictionary<int, int>();
        foreach (var lexeme in lexemes)
        {
            foreach (var (article, _) in _postings.GetValueOrDefault(lexeme.Lexeme) ?? [])
            {
                shared[article] = shared.GetValueOrDefault(article) + 1;
            }
        }

        var candidates = new List<ArticleCandidate>(ranks.Count);
        foreach (var (index, rank) in ranks)
        {
            var a = _articles[index];
            candidates.Add(new ArticleCandidate(a.Id, a.Slug, a.Version, a.Title, a.Url, a.Category, a.Language, a.Body,
                TextSearchRank.Finish(rank, sorted.Count), a.Vector.Count, shared.GetValueOrDefault(index)));
        }

        return new ArticleCandidates(lexemes.Count, candidates);
    }

    private static string FormatStamp(long count, long versions, DateTimeOffset? updated) =>
        FormattableString.Invariant($"{count}/{versions}/{updated?.UtcTicks}");
}

/// <summary>An article as the snapshot holds it, with its stored search vector (lexemes, positions, weights).</summary>
internal sealed record SnapshotArticle(
    Guid Id, string Slug, int Version, string Title, string Url, string? Category, string Language, string Body, NpgsqlTsVector Vector);
