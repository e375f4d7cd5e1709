using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data;

namespace SupportBot.Cli;

/// <summary>
/// Finds the database the way a developer expects: --database, then ConnectionStrings__supportdb,
/// then the connections.json of a running AppHost (its state folder, $SUPPORTBOT_STATE_DIR or
/// .supportbot above the current folder).
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

        foreach (var stateDirectory in CandidateStateDirectories())
        {
            var file = Path.Combine(stateDirectory, "connections.json");
            if (File.Exists(file)
                && JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) is { } connections
                && connections.TryGetValue(ConnectionNames.Database, out var fromAppHost))
            {
                return fromAppHost;
            }
        }

        throw new CliException(
            $"no database given: pass --database, set ConnectionStrings__{ConnectionNames.Database}, or start the AppHost (./run.sh)",
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

    internal static IEnumerable<string> CandidateStateDirectories()
    {
        if (Environment.GetEnvironmentVariable("SUPPORTBOT_STATE_DIR") is { Length: > 0 } configured)
        {
            yield return configured;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            yield return Path.Combine(directory.FullName, ".supportbot");
        }
    }
}
