using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Embeddings;
using SupportBot.Evaluation.Evaluators;
using SupportBot.Hosting;
using SupportBot.Monitors;
using SupportBot.Monitors.Checking;
using SupportBot.Monitors.HelpCenter;
using SupportBot.Monitors.Text;

namespace SupportBot.Benchmarks;

/// <summary>
/// The monitors' compute cost, the part of the "p95 within 5 s of being sent at 200 replies/s" that does not
/// depend on Redis and Postgres: one second of traffic at 200 replies/s — 200 replies of the labelled set (flagged and
/// benign, as they come) — checked by every embedded monitor over the demo help center, the way the worker checks a
/// batch (Parallelism = cores), and the same replies one at a time. Under 1 s per operation, the checks keep up with
/// 200 replies/s on this machine; the end-to-end lag adds the stream read and the Postgres write. Each operation gets a
/// fresh suite (no sentence-vector cache hits). Results: docs/benchmarks.md.
/// </summary>
[Config(typeof(Config))]
public class MonitorThroughputBenchmarks
{
    private const int RepliesPerSecond = 200;

    private ServiceProvider? _services;
    private MonitorSuite? _suite;
    private List<ReplyToCheck> _replies = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = AppHostOptions.FindRepositoryRoot();
        var labelled = File.ReadLines(Path.Combine(root, "data", "monitors", "labelled.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new ReplyToCheck(
                e.GetProperty("customerMessage").GetString()!, e.GetProperty("reply").GetString()!, e.GetProperty("category").GetString(),
                e.TryGetProperty("language", out var language) && language.GetString() is { Length: > 0 } l ? l : "en",
                e.GetProperty("customerName").GetString(), [], []))
            .ToList();
        _replies = [.. Enumerable.Range(0, RepliesPerSecond).Select(i => labelled[i % labelled.Count])];
    }

    /// <summary>
    /// A fresh suite for every operation: the sentence-vector cache would otherwise answer every reply after the first
    /// run, while a worker sees new replies. The model is loaded and the help center embedded here, outside the
    /// measurement, as a running worker has done long before.
    /// </summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _services?.Dispose();
        var root = AppHostOptions.FindRepositoryRoot();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<MonitorOptions>();
        services.Configure<GroundingOptions>(o => o.AllowedUrlPrefixes.AddRange(["https://status.tasklane.example", "https://app.tasklane.example"]));
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new MiniLmEmbeddingGenerator());
        services.AddSingleton<TextEmbeddings>();
        services.AddSingleton<SentenceVectors>();
        services.AddSingleton<IArticleTextSource>(FixedArticleTextSource.FromFolder(Path.Combine(root, "data", "demo", "help-articles")));
        services.AddSingleton<MonitorMetrics>();
        services.AddEmbeddedMonitors();
        services.AddSingleton<MonitorSuite>();
        _services = services.BuildServiceProvider();
        _suite = _services.GetRequiredService<MonitorSuite>();
        var warm = new ReplyToCheck("Where is the export?", "Hi, our policy allows exports within 30 days; you are eligible.", "how-to", "en", "Sam", [], []);
        _suite.CheckAsync(warm, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "200 replies, Parallelism = cores (the worker)")]
    public async Task<int> Parallel200()
    {
        var flags = 0;
        await Parallel.ForEachAsync(_replies, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (reply, ct) =>
            Interlocked.Add(ref flags, (await _suite!.CheckAsync(reply, ct)).Flags.Count));
        return flags;
    }

    [Benchmark(Baseline = true, Description = "200 replies, one at a time")]
    public async Task<int> Sequential200()
    {
        var flags = 0;
        foreach (var reply in _replies)
        {
            flags += (await _suite!.CheckAsync(reply, CancellationToken.None)).Flags.Count;
        }

        return flags;
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short on purpose: the machine is shared. Warm-up included, so the numbers are steady-state.
            AddJob(Job.ShortRun
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max);
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "supportbot-bench", "artifacts"));
        }
    }
}
