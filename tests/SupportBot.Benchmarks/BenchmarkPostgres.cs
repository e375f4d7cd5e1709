using Microsoft.EntityFrameworkCore;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Import;

namespace SupportBot.Benchmarks;

/// <summary>
/// A private Postgres cluster for a benchmark, started from the AppHost's Aspire model like the
/// tests' stack: fsync off (SupportBot:DurableStorage=false), a port from the OS, state under /tmp. Never a
/// configured server: benchmarks truncate tables.
/// </summary>
public sealed class BenchmarkPostgres : IAsyncDisposable
{
    private readonly string _stateDirectory;
    private readonly DistributedApplication _app;

    private BenchmarkPostgres(string stateDirectory, DistributedApplication app, string connectionString)
    {
        _stateDirectory = stateDirectory;
        _app = app;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchmarkPostgres> StartAsync()
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "supportbot-bench", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(stateDirectory);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SupportBot_AppHost>(
            ["--state-dir", stateDirectory, "--dynamic-ports", "--no-demo", "SupportBot:DurableStorage=false"]);
        // Postgres alone: the rest of the stack would only add noise to the measurements.
        foreach (var other in builder.Resources.Where(r => r.Name is not ("postgres" or "postgres-password")).ToList())
        {
            builder.Resources.Remove(other);
        }

        var app = await builder.BuildAsync();
        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres");
        var connectionString = await app.GetConnectionStringAsync("postgres")
            ?? throw new InvalidOperationException("postgres has no connection string");
        var postgres = new BenchmarkPostgres(stateDirectory, app, connectionString);

        var options = new DbContextOptionsBuilder<SupportBotDbContext>().UseNpgsql(postgres.ConnectionString);
        options.UseSupportBotConventions();
        await using var db = new SupportBotDbContext(options.Options);
        await db.Database.MigrateAsync();
        return postgres;
    }

    /// <summary>Imports the cached synthetic history of <paramref name="count"/> resolved tickets, as the CLI would.</summary>
    public async Task<ImportSummary> ImportSyntheticTicketsAsync(int count)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var stream = File.OpenRead(SyntheticTickets.CachedJsonl(count));
        return await new TicketImporter(dataSource, TimeProvider.System).ImportAsync(new JsonlTicketReader(stream, TicketFieldMapping.Default));
    }

    public async Task<string> ServerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    public async Task<long> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers under /tmp are harmless.
        }
    }
}
