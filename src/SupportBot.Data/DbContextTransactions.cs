using Microsoft.EntityFrameworkCore;

namespace SupportBot.Data;

public static class DbContextTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. The services' context retries transient
    /// failures, which only works for a user transaction run through the execution strategy: a retry
    /// replays the whole unit from a clean change tracker. Inside a transaction the caller already
    /// opened, the work joins it, so several changes (e.g. accepting many dataset proposals) commit
    /// or roll back together and the caller's strategy replays them all.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is not null
            ? work(cancellationToken)
            : db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            }, cancellationToken);

    public static Task InTransactionAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);
}
