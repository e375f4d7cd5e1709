using Npgsql;
using SupportBot.Data.Entities;

namespace SupportBot.Evaluation.Experiments;

/// <summary>
/// Who runs which experiment, kept in Postgres: a worker claims a queued run, or a running run whose
/// lease expired (its worker died), renews the lease while it works, and finishes the run. Times
/// come from the database's clock, so workers on different machines agree on expiry.
/// </summary>
public sealed class ExperimentLeases(NpgsqlDataSource dataSource)
{
    private const string ClaimSql =
        """
        UPDATE experiment_runs
        SET status = 'running', lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2),
            started_at = COALESCE(started_at, now())
        WHERE id = (
            SELECT id FROM experiment_runs
            WHERE pool = $3 AND (status = 'queued' OR (status = 'running' AND lease_expires_at < now()))
            ORDER BY created_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    /// <summary>The oldest claimable run of <paramref name="pool"/>, now leased to <paramref name="owner"/>; null when none.</summary>
    public async Task<Guid?> TryClaimAsync(string pool, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue(owner);
        command.Parameters.AddWithValue(lease.TotalSeconds);
        command.Parameters.AddWithValue(pool);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }

    /// <summary>False when the lease was lost (expired and taken by another worker): stop working on the run.</summary>
    public async Task<bool> RenewAsync(Guid runId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE experiment_runs SET lease_expires_at = now() + make_interval(secs => $1) WHERE id = $2 AND lease_owner = $3 AND status = 'running'");
        command.Parameters.AddWithValue(lease.TotalSeconds);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(owner);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task FinishAsync(Guid runId, string owner, string status, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE experiment_runs SET status = $1, error = $2, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = $3 AND lease_owner = $4
            """);
        command.Parameters.AddWithValue(status);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public const int MaxCancelReasonLength = 500;

    /// <summary>
    /// Cancels a queued or running run; its worker stops before it writes its next item. The run's error
    /// says who and why. False when no such run is queued or running.
    /// </summary>
    public async Task<bool> CancelAsync(Guid runId, string actor, string? reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE experiment_runs SET status = 'cancelled', error = $1, finished_at = now(), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = $2 AND status IN ('queued', 'running')
            """);
        command.Parameters.AddWithValue($"cancelled by {actor}" + (string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}"));
        command.Parameters.AddWithValue(runId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static bool IsFinished(string status) => status is ExperimentStatuses.Completed or ExperimentStatuses.Failed or ExperimentStatuses.Cancelled;
}
