namespace SupportBot.Drafting.Retrieval;

/// <summary>A query lexeme with the number of resolved tickets containing it (0: unknown to the statistics).</summary>
public sealed record QueryLexeme(string Lexeme, long DocumentFrequency);

/// <summary>
/// Which of a query's lexemes rank help articles (in memory, <see cref="HelpArticleSnapshot"/>). The
/// terms for similar tickets are chosen in SQL, in the statement that retrieves them
/// (<see cref="Data.Retrieval.TicketQueryTerms"/>).
/// </summary>
public static class QueryTerms
{
    /// <summary>
    /// Help articles are few, so the query can be broad: every term, or for a long ticket the ones
    /// rarest among tickets (then the longest), which are the likeliest to name the topic.
    /// </summary>
    public static IReadOnlyList<string> ForArticles(IReadOnlyList<QueryLexeme> lexemes, int maxTerms) =>
        [.. lexemes
            .OrderBy(l => l.DocumentFrequency == 0 ? long.MaxValue : l.DocumentFrequency)
            .ThenByDescending(l => l.Lexeme.Length)
            .ThenBy(l => l.Lexeme, StringComparer.Ordinal)
            .Take(maxTerms)
            .Select(l => l.Lexeme)];
}
