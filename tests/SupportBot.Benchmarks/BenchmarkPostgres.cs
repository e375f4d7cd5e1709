using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Import;
using SupportBot.Hosting;
using SupportBot.Hosting.Resources;

namespace SupportBot.Benchmarks;

/// <summary>
/// A private Postgres cluster for a benchmark, started through the AppHost's launcher, like the
/// tests' stack: fsync off (DurableStorage = false), a port from the OS, state under /tmp. Never a
/// configured server: benchmarks truncate tables.
/// </summary>
public sealed class BenchmarkPostgres : IAsyncDisposable
{
    private readonly string _stateDirectory;
    private readonly DistributedApplication _app;

    private BenchmarkPostgres(string stateDirectory, DistributedApplication app)
    {
        _stateDirectory = stateDirectory;
        _app = app;
    }

    public string ConnectionString => _app.Get<PostgresResource>("postgres").ConnectionString;

    /// <summary>The Redis started with <c>StartAsync(withRedis: true)</c>.</summary>
    public string RedisConnectionString => _app.Get<RedisResource>(ConnectionNames.Cache).ConnectionString;

    public static async Task<BenchmarkPostgres> StartAsync(bool withRedis = false)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "supportbot-bench", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(stateDirectory);
        var builder = new DistributedApplicationBuilder(new AppHostOptions
        {
            StateDirectory = stateDirectory,
            PreferFixedPorts = false,
            DurableStorage = false,
            Configuration = new ConfigurationBuilder().Build(),
        });
        builder.AddPostgres("postgres", ConnectionNames.Database, 0);
        if (withRedis)
        {
            builder.AddRedis(ConnectionNames.Cache, 0);
        }

        var app = builder.Build();
        await app.StartAsync();
        var postgres = new BenchmarkPostgres(stateDirectory, app);

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
