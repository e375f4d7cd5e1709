using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Npgsql;
using SupportBot.Contracts;
using SupportBot.Data.Import;

namespace SupportBot.Benchmarks;

/// <summary>
/// The target: 100,000 historical tickets imported in under 60 s on this machine. Each
/// operation imports the whole file: into empty tables (a first import), or once more over itself
/// (a re-import where every row is unchanged). Results: docs/benchmarks.md.
/// </summary>
[Config(typeof(Config))]
public class TicketImportBenchmarks
{
    public const int Tickets = 100_000;

    private BenchmarkPostgres? _postgres;
    private NpgsqlDataSource? _dataSource;
    private string _jsonl = "";
    private string _csv = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _postgres = await BenchmarkPostgres.StartAsync();
        _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        _jsonl = SyntheticTickets.CachedJsonl(Tickets);
        _csv = SyntheticTickets.CachedCsv(Tickets);

        Console.WriteLine($"// Postgres {await _postgres.ServerVersionAsync()}; {new FileInfo(_jsonl).Length / 1e6:N1} MB JSONL, {new FileInfo(_csv).Length / 1e6:N1} MB CSV");
    }

    [IterationSetup(Targets = [nameof(ImportJsonl), nameof(ImportCsv)])]
    public void EmptyTables() => _postgres!.ExecuteAsync("TRUNCATE tickets, categories CASCADE").GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(ReimportJsonlUnchanged))]
    public void FillTables()
    {
        if (_postgres!.ExecuteAsync("SELECT count(*) FROM tickets").GetAwaiter().GetResult() != Tickets)
        {
            EmptyTables();
            ImportJsonl().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "first import, JSONL")]
    public Task<ImportSummary> ImportJsonl() => ImportAsync(_jsonl, stream => new JsonlTicketReader(stream, TicketFieldMapping.Default), expectImported: Tickets);

    [Benchmark(Description = "first import, CSV")]
    public Task<ImportSummary> ImportCsv() => ImportAsync(_csv, stream => new CsvTicketReader(stream, TicketFieldMapping.Default), expectImported: Tickets);

    [Benchmark(Description = "re-import, all unchanged, JSONL")]
    public Task<ImportSummary> ReimportJsonlUnchanged() => ImportAsync(_jsonl, stream => new JsonlTicketReader(stream, TicketFieldMapping.Default), expectImported: 0);

    /// <summary>Reading and validating alone, no database: how much of an import is ours and how much is Postgres.</summary>
    [Benchmark(Description = "parse only, JSONL")]
    public Task<long> ParseJsonl() => ParseAsync(_jsonl, stream => new JsonlTicketReader(stream, TicketFieldMapping.Default));

    [Benchmark(Description = "parse only, CSV")]
    public Task<long> ParseCsv() => ParseAsync(_csv, stream => new CsvTicketReader(stream, TicketFieldMapping.Default));

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private async Task<ImportSummary> ImportAsync(string path, Func<Stream, ITicketSource> reader, long expectImported)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
        var summary = await new TicketImporter(_dataSource!, TimeProvider.System).ImportAsync(reader(stream));
        // A fast import that skipped or lost rows would be a wrong result, not a good one.
        if (summary.Imported != expectImported || summary.Skipped != 0 || summary.RowsRead != Tickets)
        {
            throw new InvalidOperationException($"Unexpected import result: {summary with { Errors = [.. summary.Errors.Take(5)] }}");
        }

        return summary;
    }

    private static async Task<long> ParseAsync(string path, Func<Stream, ITicketSource> reader)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
        var valid = 0L;
        await foreach (var row in reader(stream).ReadAsync(CancellationToken.None))
        {
            valid += row.Ticket is null ? 0 : 1;
        }

        return valid == Tickets ? valid : throw new InvalidOperationException($"{valid:N0} valid rows of {Tickets:N0}");
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(3)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "supportbot-bench", "artifacts"));
        }
    }
}
