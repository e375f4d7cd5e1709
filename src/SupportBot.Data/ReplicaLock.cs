using Npgsql;

namespace SupportBot.Data;

/// <summary>
/// A Postgres session-level advisory lock named by a string, held on a connection of its own until disposed: work that
/// must run on one replica at a time (start-up seeding, the vector backfill) takes it. A process that dies releases it
/// with its connection. Advisory locks are what Postgres offers for this; no library adds anything over two statements.
/// </summary>
public sealed class ReplicaLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _name;

    private ReplicaLock(NpgsqlConnection connection, string name) => (_connection, _name) = (connection, name);

    /// <summary>Waits until no other replica holds <paramref name="name"/>.</summary>
    public static async Task<ReplicaLock> AcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken) =>
        await TakeAsync(dataSource, name, wait: true, cancellationToken) ?? throw new InvalidOperationException($"advisory lock {name} not taken");

    /// <summary>Null at once when another replica holds <paramref name="name"/>.</summary>
    public static Task<ReplicaLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken) =>
        TakeAsync(dataSource, name, wait: false, cancellationToken);

    private static async Task<ReplicaLock?> TakeAsync(NpgsqlDataSource dataSource, string name, bool wait, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand(wait ? "SELECT pg_advisory_lock(hashtext($1))::text" : "SELECT pg_try_advisory_lock(hashtext($1))::text", connection);
            take.Parameters.Add(new NpgsqlParameter { Value = "supportbot:" + name });
            // Waiting may take as long as the holder's work (a demo import under load: minutes), not a command timeout.
            take.CommandTimeout = wait ? 0 : take.CommandTimeout;
            if (await take.ExecuteScalarAsync(cancellationToken) is "false")
            {
                await connection.DisposeAsync();
                return null;
            }

            return new ReplicaLock(connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Pooled connections keep their session: the lock is given back, not left with the pool.
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext($1))", _connection);
            release.Parameters.Add(new NpgsqlParameter { Value = "supportbot:" + _name });
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
