namespace SupportBot.Drafting.Retrieval;

/// <summary>What one draft's retrieval returns: the similar tickets, and article candidates to rank once the category is known.</summary>
public sealed record DraftRetrieval(IReadOnlyList<SimilarTicket> Tickets, ArticleCandidates Articles);

/// <summary>A matching help article with its lexemes and ts_rank, before the category is known.</summary>
internal sealed record ArticleCandidate(
    Guid Id, string Slug, int Version, string Title, string Url, string? Category, string Language, string Body, string[] Lexemes, float Rank);

/// <summary>
/// Help-article candidates fetched before classification (see Retriever's ArticleCandidatesSql),
/// ranked here as Postgres ranked them with the category: ts_rank boosted for the category, in
/// single precision like Postgres' real, the best <see cref="Retriever.CandidatePool"/> re-scored.
/// </summary>
public sealed class ArticleCandidates
{
    private readonly HashSet<string> _queryLexemes;
    private readonly IReadOnlyList<ArticleCandidate> _candidates;

    internal ArticleCandidates(HashSet<string> queryLexemes, IReadOnlyList<ArticleCandidate> candidates)
    {
        _queryLexemes = queryLexemes;
        _candidates = candidates;
    }

    public static ArticleCandidates None { get; } = new([], []);

    public IReadOnlyList<ArticleHit> Rank(string? category, int limit)
    {
        const float boost = (float)Retriever.SameCategoryBoost;
        var hits = _candidates
            .OrderByDescending(c => category is not null && c.Category == category ? c.Rank * boost : c.Rank)
            .Take(Retriever.CandidatePool)
            .Select(c => new ArticleHit(c.Id, c.Slug, c.Version, c.Title, c.Url, c.Category, c.Language, c.Body,
                Retriever.Score(_queryLexemes, c.Lexemes, c.Category, category)))
            .ToList();
        return Retriever.Top(hits, h => h.Score, limit);
    }
}
