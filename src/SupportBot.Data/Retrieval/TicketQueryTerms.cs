namespace SupportBot.Data.Retrieval;

/// <summary>
/// Which of a ticket's lexemes go into the full-text query for similar tickets, chosen in SQL so that
/// analysis, choice and retrieval are one statement (<see cref="SimilarTicketsFunction"/>). This is
/// the only copy of the choice; QueryTermsTests run it on the test Postgres with made-up frequencies.
/// </summary>
public static class TicketQueryTerms
{
    /// <summary>
    /// The query's lexemes in its language ($1) from its text ($2), built by Postgres with the same
    /// configuration as the documents, with their document frequency among resolved tickets (0 when
    /// unknown to the statistics). Columns: lexeme, df.
    /// </summary>
    public const string AnalyzedLexemes = $"""
        SELECT l.lexeme, coalesce(t.ndoc, 0)::bigint AS df
        FROM (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector({TextSearch.ConfigFunction}($1), $2))) AS lexeme) l
        LEFT JOIN {TicketTermStats.ViewName} t ON t.word = l.lexeme
        WHERE length(l.lexeme) > 1
        """;

    /// <summary>
    /// CTEs over <paramref name="lexemesSql"/> (columns lexeme, df) with $3 the most terms in one
    /// query and $4 the candidate budget, a bound on how many tickets the index hands to ranking. They define:
    /// <list type="bullet">
    /// <item><c>query_lexemes(lexemes, dfs)</c>: all the query's lexemes and their frequencies;</item>
    /// <item><c>ticket_query(q)</c>: the rarest known terms while their document frequencies fit the
    /// budget (at least one), plus up to $3/2 of the terms the statistics do not know, longest first:
    /// those are either absent (free to look up) or newer than the last refresh, and then rare. When
    /// even the rarest known term is in more tickets than the budget, tickets must contain the two
    /// rarest together. Without statistics, the longest terms.</item>
    /// </list>
    /// q is NULL when the text has no lexemes, which matches nothing. Ties are broken by byte order
    /// (COLLATE "C"), so the choice does not depend on the database's collation.
    /// </summary>
    public static string Ctes(string lexemesSql) => $"""
        lexemes AS ({lexemesSql}
        ), known AS (
          SELECT lexeme, df, row_number() OVER rarest AS n, sum(df) OVER rarest AS expected
          FROM lexemes WHERE df > 0
          WINDOW rarest AS (ORDER BY df, lexeme COLLATE "C" ROWS UNBOUNDED PRECEDING)
        ), unknown AS (
          SELECT lexeme, row_number() OVER (ORDER BY length(lexeme) DESC, lexeme COLLATE "C") AS n
          FROM lexemes WHERE df = 0
        ), plan AS (
          SELECT (SELECT count(*) FROM known) AS known,
                 least((SELECT count(*) FROM unknown), $3 / 2) AS unknown,
                 coalesce((SELECT df > $4 FROM known WHERE n = 1), false) AND (SELECT count(*) FROM known) >= 2 AS both_rarest
        ), ticket_query_terms AS (
          SELECT 1 AS part, n, lexeme FROM unknown, plan WHERE plan.known = 0 AND n <= $3
          UNION ALL
          SELECT 1, n, lexeme FROM unknown, plan WHERE plan.known > 0 AND n <= plan.unknown
          UNION ALL
          SELECT 2, k.n, k.lexeme FROM known k, plan
          WHERE NOT plan.both_rarest AND k.n <= $3 - plan.unknown AND (k.n = 1 OR k.expected <= $4)
        ), ticket_query AS (
          SELECT nullif(concat_ws(' | ',
                   (SELECT string_agg({Quoted("lexeme")}, ' | ' ORDER BY part, n) FROM ticket_query_terms),
                   (SELECT string_agg({Quoted("lexeme")}, ' & ' ORDER BY n) FROM known, plan WHERE plan.both_rarest AND n <= 2)
                 ), '')::tsquery AS q
        ), query_lexemes AS (
          SELECT coalesce(array_agg(lexeme), ARRAY[]::text[]) AS lexemes, coalesce(array_agg(df), ARRAY[]::bigint[]) AS dfs FROM lexemes
        )
        """;

    // A lexeme as a quoted tsquery operand: taken as is, never parsed or stemmed again (quotes and
    // backslashes doubled, as tsquery input wants).
    private static string Quoted(string column) => $"'''' || replace(replace({column}, '\\', '\\\\'), '''', '''''') || ''''";
}
