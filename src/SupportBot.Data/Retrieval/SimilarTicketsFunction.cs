namespace SupportBot.Data.Retrieval;

/// <summary>
/// Similar resolved tickets for a text, in one statement: the text is analyzed (lexemes with their
/// document frequencies, <see cref="TicketTermStats"/>), the query terms are chosen
/// (<see cref="TicketQueryTerms"/>) and the tickets ranked, without a round trip in between.
/// <para>
/// It is a function only to pin its plan: a statement that analyzes its own text hands the tsquery
/// to the ticket scan as an InitPlan parameter, so the plan never depends on the values, yet Postgres
/// re-plans a prepared statement with parameters five times and then keeps re-planning while the
/// generic plan looks dearer; planning these CTEs costs about 0.4 ms, more than running them.
/// <c>SET plan_cache_mode = force_generic_plan</c> on the function makes PL/pgSQL plan the statement
/// once per connection (docs/benchmarks.md).
/// </para>
/// <para>
/// Parameters: $1 language, $2 text, $3 most terms per query, $4 candidate budget, $5 wanted
/// category (a hard filter: given, no ticket of another category is returned), $6 same-category boost, $7 result limit, $8 excluded ticket ids, $9 candidate cap
/// (GIN only), $10 whether the RUM index ranks (<see cref="RankingIndex"/>). The first row is the
/// query's own: no ticket, the query's lexemes and their document frequencies; every other row is a
/// ticket with its lexeme count and how many of them are the query's.
/// </para>
/// </summary>
public static class SimilarTicketsFunction
{
    public const string Name = "supportbot_similar_tickets";

    private const string Signature = "text, text, integer, bigint, text, real, integer, uuid[], bigint, boolean";

    /// <summary>The call, with the parameters in the order above.</summary>
    public const string CallSql = $"SELECT * FROM {Name}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    public const string DropSql = $"DROP FUNCTION IF EXISTS {Name}({Signature});";

    // The score needs only how many lexemes a document has and how many of them are the query's:
    // Postgres counts the latter as what ts_delete of the query's lexemes removes (a lookup in the
    // sorted tsvector), so no document's lexemes are sent over. Only the best tickets are joined
    // back for their text (replies are the largest, often TOASTed, values).
    private const string Columns = """
        SELECT NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::integer, NULL::integer,
               ql.lexemes, ql.dfs, NULL::text
        FROM query_lexemes ql
        UNION ALL
        SELECT t.id, t.external_id::text, t.category::text, t.subject, t.sent_reply, t.escalated, t.language::text,
               length(best.search_vector), length(best.search_vector) - length(ts_delete(best.search_vector, (SELECT lexemes FROM query_lexemes))),
               NULL, NULL, t.customer_name::text
        FROM best JOIN tickets t ON t.id = best.id
        """;

    // With the RUM index, the index itself returns the best matches in order; no candidate set is
    // materialized. A given category filters; the boost remains for callers that pass none.
    private static readonly string RankedInIndexSql = $"""
        WITH {TicketQueryTerms.Ctes(TicketQueryTerms.AnalyzedLexemes)}, best AS (
          SELECT id, search_vector
          FROM tickets
          WHERE search_vector @@ (SELECT q FROM ticket_query)
            AND source = '{Entities.TicketSources.Historical}' AND sent_reply IS NOT NULL
            AND NOT (id = ANY($8))
            AND ($5::text IS NULL OR category = $5)
          ORDER BY search_vector <=> (SELECT q FROM ticket_query)
          LIMIT $7
        )
        {Columns}
        """;

    // GIN can only say which tickets match: a bounded candidate set ($9, a safety net should the
    // statistics be stale and a "rare" term common) is ranked by ts_rank with the category boost.
    private static readonly string RankedAfterGinSql = $"""
        WITH {TicketQueryTerms.Ctes(TicketQueryTerms.AnalyzedLexemes)}, candidates AS (
          SELECT id, category, search_vector
          FROM tickets
          WHERE search_vector @@ (SELECT q FROM ticket_query)
            AND source = '{Entities.TicketSources.Historical}' AND sent_reply IS NOT NULL
            AND NOT (id = ANY($8))
            AND ($5::text IS NULL OR category = $5)
          LIMIT $9
        ), best AS (
          SELECT id, search_vector FROM candidates
          ORDER BY ts_rank(search_vector, (SELECT q FROM ticket_query)) * CASE WHEN category = $5 THEN $6 ELSE 1 END DESC
          LIMIT $7
        )
        {Columns}
        """;

    // #variable_conflict: the result columns' names (id, category...) are also PL/pgSQL variables;
    // in these statements a name always means the table's column.
    public static readonly string CreateSql = $"""
        CREATE OR REPLACE FUNCTION {Name}({Signature})
        RETURNS TABLE (id uuid, external_id text, category text, subject text, reply text, escalated boolean, language text,
                       lexeme_count integer, shared_lexemes integer, query_lexemes text[], query_dfs bigint[],
                       customer_name text)
        LANGUAGE plpgsql STABLE
        SET plan_cache_mode = force_generic_plan
        AS $function$
        #variable_conflict use_column
        BEGIN
          IF $10 THEN
            RETURN QUERY {RankedInIndexSql};
          ELSE
            RETURN QUERY {RankedAfterGinSql};
          END IF;
        END
        $function$;
        """;
}
