using Microsoft.EntityFrameworkCore;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data;

namespace SupportBot.Cli;

/// <summary>
/// Finds the database the way a developer expects: --database, then ConnectionStrings__supportdb,
/// then the connections.json of the AppHost's state folder (<see cref="StackLocator"/>).
/// </summary>
public static class DatabaseConnection
{
    public static string Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        if (Environment.GetEnvironmentVariable($"ConnectionStrings__{ConnectionNames.Database}") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (StackLocator.ReadMap("connections.json") is { } connections
            && connections.TryGetValue(ConnectionNames.Database, out var fromAppHost))
        {
            return fromAppHost;
        }

        throw new CliException(
            $"no database given: pass --database, set ConnectionStrings__{ConnectionNames.Database}, pass --state-dir, or start the AppHost (./run.sh)",
            CliExitCodes.Unavailable);
    }

    public static SupportBotDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SupportBotDbContext>().UseNpgsql(connectionString);
        options.UseSupportBotConventions();
        return new SupportBotDbContext(options.Options);
    }

    /// <summary>Turns "cannot connect" into one line naming the server, without the password.</summary>
    public static CliException Unreachable(string connectionString, Exception error)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new CliException($"cannot reach the database at {builder.Host}:{builder.Port}/{builder.Database}: {error.Message}", CliExitCodes.Unavailable);
    }
}
