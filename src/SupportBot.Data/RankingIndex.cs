using Npgsql;

namespace SupportBot.Data;

/// <summary>
/// An optional RUM index on tickets' search vectors. GIN can only say which tickets match; ranking
/// them means reading every candidate from the heap. RUM keeps positions in the index and returns
/// the best matches in order (<c>ORDER BY search_vector &lt;=&gt; query</c>), five times faster at
/// 100,000 tickets (docs/benchmarks.md). The extension is not part of core Postgres, so the
/// migration creates it only where the server has it and the role may; retrieval falls back to GIN.
/// </summary>
public static class RankingIndex
{
    public const string Name = "ix_tickets_search_vector_rum";

    public const string CreateSql = $"""
        DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
            BEGIN
              CREATE EXTENSION IF NOT EXISTS rum;
              CREATE INDEX IF NOT EXISTS {Name} ON tickets USING rum (search_vector rum_tsvector_ops);
            EXCEPTION WHEN insufficient_privilege THEN
              RAISE NOTICE 'rum not available to this role: retrieval ranks with the GIN index';
            END;
          END IF;
        END $$;
        """;

    public const string DropSql = $"DROP INDEX IF EXISTS {Name};";

    public const string ExistsSql = $"SELECT to_regclass('{Name}') IS NOT NULL";

    /// <summary>
    /// Imports at least this large drop the index first and build it once at the end: maintaining a
    /// RUM index row by row made a 100,000-ticket import six times slower (55 s instead of 9 s),
    /// building it afresh takes about 2 s.
    /// </summary>
    public const long RebuildAboveBytes = 20_000_000;

    /// <summary>Drops the index if it exists; says whether it did, so the caller rebuilds only what was there.</summary>
    public static async Task<bool> DropAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand(ExistsSql, connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        await using var drop = new NpgsqlCommand(DropSql, connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var create = dataSource.CreateCommand($"CREATE INDEX IF NOT EXISTS {Name} ON tickets USING rum (search_vector rum_tsvector_ops)");
        create.CommandTimeout = 0;
        await create.ExecuteNonQueryAsync(cancellationToken);
    }
}
