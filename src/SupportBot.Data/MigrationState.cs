namespace SupportBot.Data;

/// <summary>What the migration step has done, for the health check to report.</summary>
public sealed class MigrationState
{
    private volatile string? _appliedMigration;
    private volatile string? _error;

    public bool IsComplete => _appliedMigration is not null;
    public string? AppliedMigration => _appliedMigration;
    public string? Error => _error;

    public void Completed(string lastMigration) => (_appliedMigration, _error) = (lastMigration, null);
    public void Failed(string error) => _error = error;
}
