using Npgsql;

namespace SupportBot.Data;

/// <summary>
/// How many resolved tickets contain each lexeme (document frequency), kept in a materialized view.
/// Retrieval queries with a ticket's rarest terms so the index returns a bounded candidate set; OR-ing
/// every term of a long ticket matches most of a large corpus and makes ranking scan all of it.
/// Refreshed after each import; ts_stat over 100,000 tickets takes well under a second.
/// </summary>
public static class TicketTermStats
{
    public const string ViewName = "ticket_terms";

    public const string CreateSql = $"""
        CREATE MATERIALIZED VIEW {ViewName} AS
          SELECT word, ndoc FROM ts_stat($$SELECT search_vector FROM tickets WHERE source = 'historical' AND sent_reply IS NOT NULL$$);
        CREATE UNIQUE INDEX ix_{ViewName}_word ON {ViewName} (word);
        """;

    public const string DropSql = $"DROP MATERIALIZED VIEW IF EXISTS {ViewName};";

    /// <summary>
    /// After a bulk change: refreshes the term statistics, and the planner's statistics too, which
    /// autovacuum would update only later; until then a fresh import gets plans made for an empty table.
    /// </summary>
    public static async Task RefreshAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // CONCURRENTLY: retrieval keeps reading the old statistics while the new ones are computed.
        await using var command = new NpgsqlCommand($"REFRESH MATERIALIZED VIEW CONCURRENTLY {ViewName}; ANALYZE tickets;", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
