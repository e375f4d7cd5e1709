using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SupportBot.Data;
using SupportBot.Signals.Gates;

namespace SupportBot.Benchmarks;

/// <summary>
/// What one GET /api/gates (and one worker gauge refresh) costs: every category's gate over the
/// longest allowed history, 20 categories × 90 days of hourly stats (43,200 rows), with 7-day
/// windows (3,360 rows read) and with 90-day windows (all of them). Results: docs/benchmarks.md.
/// </summary>
[Config(typeof(Config))]
public class GateEvaluatorBenchmarks
{
    private const int Categories = 20;
    private const int Days = 90;

    private BenchmarkPostgres? _postgres;
    private DbContextOptions<SupportBotDbContext>? _options;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _postgres = await BenchmarkPostgres.StartAsync();
        var builder = new DbContextOptionsBuilder<SupportBotDbContext>().UseNpgsql(_postgres.ConnectionString);
        builder.UseSupportBotConventions();
        _options = builder.Options;
        await _postgres.ExecuteAsync($"""
            INSERT INTO categories (name, phase, created_at)
            SELECT 'category-' || c, 'internal', now() FROM generate_series(1, {Categories}) c;
            INSERT INTO category_signal_stats (category, hour, sent, edited, corrected, word_edit_distance_sum, thumbs_up, thumbs_down)
            SELECT 'category-' || c, date_trunc('hour', now()) - make_interval(hours => h), 5, 1, 0, 0.5, 2, 0
            FROM generate_series(1, {Categories}) c, generate_series(0, {Days * 24 - 1}) h;
            ANALYZE category_signal_stats;
            SELECT 0;
            """);
    }

    [Benchmark(Description = "all gates, 7-day windows")]
    public Task<int> SevenDays() => EvaluateAsync(TimeSpan.FromDays(7));

    [Benchmark(Description = "all gates, 90-day windows")]
    public Task<int> NinetyDays() => EvaluateAsync(TimeSpan.FromDays(90));

    private async Task<int> EvaluateAsync(TimeSpan window)
    {
        await using var db = new SupportBotDbContext(_options!);
        var options = new GateOptions { Default = new GateThresholds { Window = window } };
        var gates = await new GateEvaluator(db, new StaticOptions(options), TimeProvider.System).EvaluateAllAsync();
        return gates.Count == Categories ? gates[0].Sent : throw new InvalidOperationException($"{gates.Count} gates");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private sealed class StaticOptions(GateOptions value) : IOptionsMonitor<GateOptions>
    {
        public GateOptions CurrentValue => value;
        public GateOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<GateOptions, string?> listener) => null;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short on purpose: the machine is shared. Warm-up included, so the numbers are steady-state.
            AddJob(Job.ShortRun
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true))
                .WithWarmupCount(2)
                .WithIterationCount(5));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "supportbot-bench", "artifacts"));
        }
    }
}
