namespace SupportBot.Drafting.Retrieval;

/// <summary>A query lexeme with the number of resolved tickets containing it (0: unknown to the statistics).</summary>
public sealed record QueryLexeme(string Lexeme, long DocumentFrequency);

/// <summary>Which of a query's lexemes go into the full-text query.</summary>
public static class QueryTerms
{
    /// <summary>
    /// The rarest known terms while their document frequencies fit the budget (at least one), plus the
    /// terms the statistics do not know: they are either absent (free to look up) or newer than the
    /// last refresh, and then rare. Without statistics at all, the longest terms.
    /// </summary>
    public static IReadOnlyList<string> ForTickets(IReadOnlyList<QueryLexeme> lexemes, int maxTerms, long candidateBudget)
    {
        var known = lexemes.Where(l => l.DocumentFrequency > 0)
            .OrderBy(l => l.DocumentFrequency).ThenBy(l => l.Lexeme, StringComparer.Ordinal)
            .ToList();
        if (known.Count == 0)
        {
            return ForArticles(lexemes, maxTerms);
        }

        var chosen = lexemes.Where(l => l.DocumentFrequency == 0)
            .OrderByDescending(l => l.Lexeme.Length).ThenBy(l => l.Lexeme, StringComparer.Ordinal)
            .Take(maxTerms / 2)
            .Select(l => l.Lexeme)
            .ToList();
        long expected = 0;
        foreach (var term in known)
        {
            if (chosen.Count >= maxTerms || (expected > 0 && expected + term.DocumentFrequency > candidateBudget))
            {
                break;
            }

            chosen.Add(term.Lexeme);
            expected += term.DocumentFrequency;
        }

        return chosen;
    }

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
