namespace SupportBot.Drafting.Retrieval;

/// <summary>A query lexeme with the number of resolved tickets containing it (0: unknown to the statistics).</summary>
public sealed record QueryLexeme(string Lexeme, long DocumentFrequency);

/// <summary>A full-text query: any of <see cref="AnyOf"/>, or all of <see cref="AllOf"/> together.</summary>
public sealed record TicketTermQuery(IReadOnlyList<string> AnyOf, IReadOnlyList<string> AllOf);

/// <summary>Which of a query's lexemes go into the full-text query.</summary>
public static class QueryTerms
{
    /// <summary>
    /// The rarest known terms while their document frequencies fit the budget (at least one), plus the
    /// terms the statistics do not know: they are either absent (free to look up) or newer than the
    /// last refresh, and then rare. When even the rarest known term is in more tickets than the
    /// budget, tickets must contain the two rarest together. Without statistics, the longest terms.
    /// </summary>
    public static TicketTermQuery ForTickets(IReadOnlyList<QueryLexeme> lexemes, int maxTerms, long candidateBudget)
    {
        var known = lexemes.Where(l => l.DocumentFrequency > 0)
            .OrderBy(l => l.DocumentFrequency).ThenBy(l => l.Lexeme, StringComparer.Ordinal)
            .ToList();
        if (known.Count == 0)
        {
            return new TicketTermQuery(ForArticles(lexemes, maxTerms), []);
        }

        var anyOf = lexemes.Where(l => l.DocumentFrequency == 0)
            .OrderByDescending(l => l.Lexeme.Length).ThenBy(l => l.Lexeme, StringComparer.Ordinal)
            .Take(maxTerms / 2)
            .Select(l => l.Lexeme)
            .ToList();
        if (known[0].DocumentFrequency > candidateBudget && known.Count >= 2)
        {
            return new TicketTermQuery(anyOf, [known[0].Lexeme, known[1].Lexeme]);
        }

        long expected = 0;
        foreach (var term in known)
        {
            if (anyOf.Count >= maxTerms || (expected > 0 && expected + term.DocumentFrequency > candidateBudget))
            {
                break;
            }

            anyOf.Add(term.Lexeme);
            expected += term.DocumentFrequency;
        }

        return new TicketTermQuery(anyOf, []);
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
