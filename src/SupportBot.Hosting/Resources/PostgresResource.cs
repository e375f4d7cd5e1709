using Npgsql;
using SupportBot.Hosting.Processes;

namespace SupportBot.Hosting.Resources;

/// <summary>
/// A private PostgreSQL cluster in the state folder with one application database. Postgres will
/// not run as root, so when the AppHost is root every command runs as the 'postgres' user; it is
/// stopped with pg_ctl (a fast, clean shutdown), never with SIGKILL.
/// </summary>
public sealed class PostgresResource(string name, string databaseName, int preferredPort)
    : ProcessResource(name), IResourceWithConnectionString
{
    private const string ServiceUser = "postgres";
    private string? _binDirectory;
    private string? _dataDirectory;

    public string ConnectionName => databaseName;
    public int Port { get; private set; }
    public string ConnectionString => Builder(databaseName).ConnectionString;
    public override string Url => $"postgres://127.0.0.1:{Port}/{databaseName}";

    private static string? RunAs => Signals.IsRoot ? ServiceUser : null;
    private string Password => Context.State.Secret("postgres-password");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _binDirectory = FindBinDirectory();
        var home = Context.State.Sub("postgres");
        _dataDirectory = Path.Combine(home, "data");
        await PrepareOwnershipAsync(home, cancellationToken);

        if (!File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(home, cancellationToken);
        }
        else
        {
            await StopLeftoverServerAsync(cancellationToken);
        }

        Port = Context.Ports.Allocate(preferredPort);
        List<string> arguments =
        [
            "-D", _dataDirectory, "-p", Port.ToString(),
            "-c", "listen_addresses=127.0.0.1",
            // TCP only: a socket path inside a deep state folder can exceed the 107-byte limit.
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
        ];
        if (!Context.Options.DurableStorage)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        Launch(Path.Combine(_binDirectory, "postgres"), arguments, runAsUser: RunAs);
        await Readiness.WaitAsync(Name, CanConnectAsync, ExitReason, TimeSpan.FromSeconds(60), cancellationToken);
        await EnsureDatabaseAsync(cancellationToken);
        MarkRunning();
    }

    protected override async Task StopProcessAsync(ChildProcess process)
    {
        var stop = await CommandRunner.RunAsync(
            Path.Combine(_binDirectory!, "pg_ctl"), ["stop", "-D", _dataDirectory!, "-m", "fast", "-w", "-t", "60"], CancellationToken.None, RunAs);
        if (stop.ExitCode != 0)
        {
            Log($"pg_ctl stop failed: {stop.Output}");
        }

        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    private NpgsqlConnectionStringBuilder Builder(string database) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Password = Password,
        Database = database,
    };

    private async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        var builder = Builder("postgres");
        builder.Pooling = false;
        builder.Timeout = 2;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return true;
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = Builder("postgres");
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = databaseName } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Identifiers cannot be parameters; the name comes from code, and quoting keeps it literal.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Log($"created database {databaseName}");
        }
    }

    private static async Task PrepareOwnershipAsync(string home, CancellationToken cancellationToken)
    {
        if (RunAs is null)
        {
            return;
        }

        if (await CommandRunner.RunAsync("id", ["-u", ServiceUser], cancellationToken) is { ExitCode: not 0 })
        {
            throw new MissingBinaryException("the 'postgres' system user", "postgresql-15");
        }

        await CommandRunner.RunCheckedAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", home], cancellationToken);
        if (await CommandRunner.RunAsync("test", ["-w", home], cancellationToken, RunAs) is { ExitCode: not 0 })
        {
            throw new InvalidOperationException(
                $"The '{ServiceUser}' user cannot reach {home} (a parent folder is not traversable for other users). " +
                "Pass --state-dir with a folder under /var/tmp or /srv, or make the parents traversable (chmod o+x).");
        }
    }

    private async Task InitializeClusterAsync(string home, CancellationToken cancellationToken)
    {
        Log($"initializing a new cluster in {_dataDirectory}");
        var passwordFile = Path.Combine(home, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
        try
        {
            if (RunAs is not null)
            {
                await CommandRunner.RunCheckedAsync("chown", [$"{ServiceUser}:{ServiceUser}", passwordFile], cancellationToken);
            }

            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await CommandRunner.RunCheckedAsync(
                Path.Combine(_binDirectory!, "initdb"),
                ["-D", _dataDirectory!, "-U", ServiceUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"],
                cancellationToken,
                RunAs);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>An AppHost that was killed hard leaves its postgres running; stop it cleanly first.</summary>
    private async Task StopLeftoverServerAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(_dataDirectory!, "postmaster.pid")))
        {
            return;
        }

        var pgCtl = Path.Combine(_binDirectory!, "pg_ctl");
        if (await CommandRunner.RunAsync(pgCtl, ["status", "-D", _dataDirectory!], cancellationToken, RunAs) is { ExitCode: 0 })
        {
            Log("a server from an earlier run is still up; stopping it first");
            await CommandRunner.RunCheckedAsync(pgCtl, ["stop", "-D", _dataDirectory!, "-m", "fast", "-w"], cancellationToken, RunAs);
        }
    }

    private static string FindBinDirectory()
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")).ToArray()
            : [];
        var pgCtl = Binaries.Find("pg_ctl", versioned) ?? throw new MissingBinaryException("pg_ctl", "postgresql-15");
        var directory = Path.GetDirectoryName(new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl)!;
        return File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres"))
            ? directory
            : throw new MissingBinaryException("initdb and postgres", "postgresql-15");
    }
}
