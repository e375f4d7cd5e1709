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

    private BenchmarkPostgres(string stateDirectory, DistributedApplication app, string connectionString, string? redisConnectionString)
    {
        _stateDirectory = stateDirectory;
        _app = app;
        ConnectionString = connectionString;
        _redisConnectionString = redisConnectionString;
    }

    private readonly string? _redisConnectionString;

    public string ConnectionString { get; }

    /// <summary>The Redis started with <c>StartAsync(withRedis: true)</c>.</summary>
    public string RedisConnectionString => _redisConnectionString ?? throw new InvalidOperationException("Start the benchmark stack with withRedis: true.");

    public static async Task<BenchmarkPostgres> StartAsync(bool withRedis = false)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "supportbot-bench", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(stateDirectory);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SupportBot_AppHost>(
            ["--state-dir", stateDirectory, "--dynamic-ports", "--no-demo", "SupportBot:DurableStorage=false"]);
        // Postgres (and Redis when asked) alone: the rest of the stack would only add noise to the measurements.
        string[] kept = withRedis ? ["postgres", "postgres-password", ConnectionNames.Cache, "redis-password"] : ["postgres", "postgres-password"];
        foreach (var other in builder.Resources.Where(r => !kept.Contains(r.Name)).ToList())
        {
            builder.Resources.Remove(other);
        }

        var app = await builder.BuildAsync();
        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres");
        var connectionString = await app.GetConnectionStringAsync("postgres")
            ?? throw new InvalidOperationException("postgres has no connection string");
        string? redis = null;
        if (withRedis)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(ConnectionNames.Cache);
            redis = await app.GetConnectionStringAsync(ConnectionNames.Cache);
        }

        var postgres = new BenchmarkPostgres(stateDirectory, app, connectionString, redis);

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
