using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SupportBot.Data;

/// <summary>
/// Migrations that API, worker and CLI may start at the same moment. EF Core's own lock on Postgres
/// is taken per migration transaction and released at each commit, so with several pending
/// migrations a second process can plan from a stale list and apply one twice ("relation already
/// exists"). A session-level advisory lock held across the whole run closes that gap.
/// </summary>
public static class ExclusiveMigration
{
    private const long LockKey = 0x5355_5050_4f52_5400; // "SUPPORT" + 0

    /// <summary>
    /// The migrations not yet applied. On an empty database EF Core learns that there is no history table
    /// by querying it and catching the failure, which Postgres logs as an ERROR on every fresh start;
    /// asking the catalog first keeps a normal start free of error lines.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        await database.HistoryTableExistsAsync(cancellationToken)
            ? [.. await database.GetPendingMigrationsAsync(cancellationToken)]
            : [.. database.GetMigrations()];

    /// <summary>The newest applied migration, or null on an empty database (asked the same careful way).</summary>
    public static async Task<string?> LastAppliedMigrationAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        await database.HistoryTableExistsAsync(cancellationToken)
            ? (await database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault()
            : null;

    private static async Task<bool> HistoryTableExistsAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        await database.SqlQuery<bool>($"SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);

    public static async Task MigrateExclusivelyAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        // One open connection for lock, migrations and unlock: a session lock belongs to its connection.
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
            try
            {
                // MigrateAsync, too, reads the history table before creating it: create it first (the
                // provider's own idempotent script) so that read finds an empty table rather than an error.
                await database.ExecuteSqlRawAsync(database.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
                await database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
