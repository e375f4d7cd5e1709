using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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

    public static async Task MigrateExclusivelyAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        // One open connection for lock, migrations and unlock: a session lock belongs to its connection.
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
            try
            {
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
