using System.CommandLine;
using Npgsql;
using SupportBot.Cli.Commands;

namespace SupportBot.Cli;

/// <summary>The `supportbot` command tree. Tests invoke it in-process with their own writers.</summary>
public static class SupportBotCli
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "Postgres connection string (default: ConnectionStrings__supportdb, or the running AppHost's).",
        Recursive = true,
    };

    public static readonly Option<string?> StateDirectory = new("--state-dir")
    {
        Description = "The AppHost's state folder to take the database, API and dev keys from (default: $SUPPORTBOT_STATE_DIR, this checkout's running stack, the last stack started).",
        Recursive = true,
    };

    public static RootCommand Build(TextWriter output)
    {
        var root = new RootCommand("SupportBot: manage the support agent's data, datasets and experiments.") { Database, StateDirectory };
        root.Subcommands.Add(DbCommands.Build(output));
        root.Subcommands.Add(KeysCommands.Build(output));
        root.Subcommands.Add(IndexCommands.Build(output));
        root.Subcommands.Add(ImportCommands.Build(output));
        root.Subcommands.Add(SimulateCommand.Build(output));
        root.Subcommands.Add(DatasetCommands.Build(output));
        root.Subcommands.Add(ExperimentCommands.Build(output));
        root.Subcommands.Add(FailureModeCommands.Build(output));
        root.Subcommands.Add(SignalCommands.Build(output));
        root.Subcommands.Add(CategoryCommands.Build(output));
        foreach (var command in GateCommands.Build(output))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(ModelCommands.Build(output));
        // After any other `datasets` commands: it adds propose/accept to that command.
        DatasetProposalCommands.AddTo(root, output);
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Build(output);
        var parse = root.Parse(args);
        try
        {
            StackLocator.Begin(parse.GetValue(StateDirectory), error);
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"supportbot: {ex.Message}");
            return ex.ExitCode;
        }
        catch (NpgsqlException ex)
        {
            await error.WriteLineAsync($"supportbot: database error: {ex.Message}");
            return CliExitCodes.Unavailable;
        }
    }

    /// <summary>Runs <paramref name="action"/> with a database context, mapping "cannot connect" to one clear line.</summary>
    public static async Task<int> WithDatabaseAsync(ParseResult parse, Func<Data.SupportBotDbContext, Task<int>> action)
    {
        var connectionString = DatabaseConnection.Resolve(parse.GetValue(Database));
        await using var db = DatabaseConnection.Open(connectionString);
        try
        {
            return await action(db);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw DatabaseConnection.Unreachable(connectionString, ex.InnerException ?? ex);
        }
    }

    /// <summary>Like <see cref="WithDatabaseAsync"/>, for commands that need Npgsql itself (binary COPY).</summary>
    public static async Task<int> WithDataSourceAsync(ParseResult parse, Func<NpgsqlDataSource, Task<int>> action)
    {
        var connectionString = DatabaseConnection.Resolve(parse.GetValue(Database));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            return await action(dataSource);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw DatabaseConnection.Unreachable(connectionString, ex.InnerException ?? ex);
        }
    }

    private static bool IsUnreachable(Exception ex) =>
        ex is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException
        || ex.InnerException is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException;
}
