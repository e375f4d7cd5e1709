namespace SupportBot.Drafting.Retrieval;

/// <summary>What one draft's retrieval returns: the query's lexemes, the similar tickets, and article candidates to rank once the category is known.</summary>
public sealed record DraftRetrieval(IReadOnlyList<QueryLexeme> Lexemes, IReadOnlyList<SimilarTicket> Tickets, ArticleCandidates Articles);

/// <summary>A matching help article with its ts_rank and lexeme counts (its own, and the query's among them), before the category is known.</summary>
internal sealed record ArticleCandidate(
    Guid Id, string Slug, int Version, string Title, string Url, string? Category, string Language, string Body,
    float Rank, int Lexemes, int SharedLexemes);

/// <summary>
/// Help-article candidates found before classification (every article matching the query, from
/// <see cref="HelpArticleSnapshot"/>), ranked here as Postgres ranked them with the category: ts_rank
/// (<see cref="TextSearchRank"/>) boosted for the category, in
/// single precision like Postgres' real, the best <see cref="Retriever.CandidatePool"/> re-scored.
/// Articles tied with the last of the pool are kept too: Postgres' ORDER BY ... LIMIT broke such
/// ties arbitrarily (ts_rank often ties), which let a better article drop out by chance.
/// </summary>
public sealed class ArticleCandidates
{
    private readonly int _queryLexemes;
    private readonly IReadOnlyList<ArticleCandidate> _candidates;

    internal ArticleCandidates(int queryLexemes, IReadOnlyList<ArticleCandidate> candidates)
    {
        _queryLexemes = queryLexemes;
        _candidates = candidates;
    }

    public static ArticleCandidates None { get; } = new(0, []);

    public IReadOnlyList<ArticleHit> Rank(string? category, int limit)
    {
        const float boost = (float)Retriever.SameCategoryBoost;
        var ranked = _candidates
            .Select(c => (Candidate: c, Rank: category is not null && c.Category == category ? c.Rank * boost : c.Rank))
            .OrderByDescending(c => c.Rank)
            .ToList();
        var cutoff = ranked.Count > Retriever.CandidatePool ? ranked[Retriever.CandidatePool - 1].Rank : float.MinValue;
        var hits = ranked
            .TakeWhile(c => c.Rank >= cutoff)
            .Select(c => c.Candidate)
            .Select(c => new ArticleHit(c.Id, c.Slug, c.Version, c.Title, c.Url, c.Category, c.Language, c.Body,
                Retriever.Score(c.SharedLexemes, _queryLexemes, c.Lexemes, c.Category, category)))
            .ToList();
        return Retriever.Top(hits, h => h.Score, limit);
    }
}
