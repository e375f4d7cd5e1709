using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Hosting.Postgres;

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL cluster kept in <paramref name="dataHome"/> (data/ inside it), with one
    /// database, <paramref name="databaseName"/>, as an executable resource run by DCP.
    /// </summary>
    /// <param name="port">The port clients use (DCP's proxy); null lets the OS pick one.</param>
    /// <param name="durable">False turns fsync off: faster, for tests and benchmarks whose data need not survive a power cut.</param>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder,
        string name,
        string databaseName,
        string dataHome,
        IResourceBuilder<ParameterResource> password,
        int? port = null,
        bool durable = true)
    {
        var bin = FindBinDirectory();
        Directory.CreateDirectory(dataHome);
        var script = Path.Combine(dataHome, "start.sh");
        File.WriteAllText(script, PostgresStartScript.Text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var resource = new LocalPostgresResource(name, "/bin/bash", dataHome, databaseName, password.Resource);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, _ => new LocalPostgresHealthCheck(resource), HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));

        string[] settings = durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
        return builder.AddResource(resource)
            .WithArgs([script, bin, Path.Combine(dataHome, "data"), databaseName, "-c", "max_connections=200", .. settings])
            // DCP listens on `port` (its proxy) and hands the server a port of its own in PGPORT.
            .WithEndpoint(port: port, name: LocalPostgresResource.EndpointName, scheme: "tcp", env: "PGPORT")
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithHealthCheck(healthCheck);
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
