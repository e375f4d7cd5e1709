using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportBot.Contracts;
using SupportBot.Data;
using SupportBot.Data.Datasets;
using SupportBot.Data.Entities;
using SupportBot.Data.HelpCenter;
using SupportBot.Drafting;
using SupportBot.Drafting.Prompts;
using SupportBot.Evaluation;
using SupportBot.Evaluation.Experiments;

namespace SupportBot.Benchmarks;

/// <summary>
/// One whole experiment run of 1,000 items through the worker's runner (ExperimentRunner, as the
/// eval worker composes it): the embedded model, the same drafting pipeline as live traffic, every
/// deterministic evaluator, result and score writes. 10,000 historical tickets indexed. Each
/// iteration is a new run. Target (issue 4 item 8): ≤ 10 s per 1,000 items. Results: docs/benchmarks.md.
/// </summary>
[Config(typeof(Config))]
public class ExperimentRunBenchmarks
{
    private const int Tickets = 10_000;
    private const int Items = 1_000;
    private BenchmarkPostgres? _postgres;
    private IHost? _host;
    private Guid _datasetId;
    private int _version;

    [Params(4, 8)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _postgres = await BenchmarkPostgres.StartAsync();
        await _postgres.ImportSyntheticTicketsAsync(Tickets);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = _postgres.ConnectionString,
            // No response cache: every item is drafted for real, as on a first run.
            ["Drafting:ResponseCache"] = "false",
            ["Experiments:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddSupportBotDatabase();
        builder.AddDraftingPipeline();
        builder.AddHelpCenter();
        builder.Services.AddMetrics();
        builder.Services.AddExperimentWorker(builder.Configuration);
        _host = builder.Build();

        await DemoKnowledge.SeedAsync(_host.Services);
        await using var scope = _host.Services.CreateAsyncScope();
        var items = await scope.ServiceProvider.GetRequiredService<DatasetItemSources>().FromTicketsAsync(new TicketSelection(Category: null, Tag: null, Limit: Items), CancellationToken.None);
        var change = await scope.ServiceProvider.GetRequiredService<DatasetStore>().CreateAsync($"bench-{Concurrency}", "", null, items, "benchmark", CancellationToken.None);
        (_datasetId, _version) = (change.DatasetId, change.Version);
        Console.WriteLine($"// {Tickets:N0} tickets indexed, dataset of {change.ItemCount:N0} items");
    }

    [Benchmark(Description = "experiment run: 1,000 items drafted + graded")]
    public async Task RunThousandItems()
    {
        var run = new ExperimentRun
        {
            Id = Guid.CreateVersion7(),
            DatasetId = _datasetId,
            DatasetVersion = _version,
            PromptName = PromptLabels.DefaultPromptName,
            PromptVersion = 1,
            Status = ExperimentStatuses.Queued,
            TotalItems = Items,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await using (var scope = _host!.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SupportBotDbContext>();
            db.ExperimentRuns.Add(run);
            await db.SaveChangesAsync();
        }

        var leases = _host.Services.GetRequiredService<ExperimentLeases>();
        const string owner = "benchmark";
        var claimed = await leases.TryClaimAsync(ExperimentPools.Default, owner, TimeSpan.FromMinutes(5), CancellationToken.None);
        await _host.Services.GetRequiredService<ExperimentRunner>().RunAsync(claimed!.Value, owner, CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _host?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // A whole run per iteration: few iterations, so the benchmark stays short on a shared machine.
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "supportbot-bench", "artifacts"));
        }
    }
}
