using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportBot.Contracts;
using SupportBot.Conversations;
using SupportBot.Conversations.Chat;
using SupportBot.Data;
using SupportBot.Data.HelpCenter;
using SupportBot.Drafting;

namespace SupportBot.Benchmarks;

/// <summary>
/// A customer message to the bot's stored answer, without the model's own time (it answers at once), with 100,000
/// historical tickets indexed, while 49 other conversations keep talking (one message each per second): store the
/// message, judge the previous answer (asked for a person? re-asked? with the real embedding model), retrieve,
/// classify, guard (phase and pause), trace, store the answer, publish the event and the sent reply.
/// Target (conversations issue): p50 ≤ 25 ms, p99 ≤ 60 ms. Results: docs/benchmarks.md.
/// </summary>
[Config(typeof(Config))]
public class ConversationBenchmarks : IDisposable
{
    private const int Tickets = TicketImportBenchmarks.Tickets;
    private const int MessagesPerConversation = 6;
    private BenchmarkPostgres? _postgres;
    private IHost? _host;
    private SyntheticTickets.Ticket[] _incoming = [];
    private int _next;
    private Guid _conversation;
    private int _sentInConversation;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private readonly ConcurrentDictionary<string, int> _outcomes = new();
    private long _backgroundMessages;
    private ActivityProfile? _profile;
    private long _measured;

    /// <summary>Other conversations talking meanwhile, each one message per second: 0 (the message alone) and 49 (50 concurrent).</summary>
    [Params(0, 49)]
    public int BackgroundConversations { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _postgres = await BenchmarkPostgres.StartAsync(withRedis: true);
        var summary = await _postgres.ImportSyntheticTicketsAsync(Tickets);
        Console.WriteLine($"// {summary.Imported:N0} historical tickets indexed");
        // Every category answers customers, and the answer-time thresholds pass, so every message takes the answer path.
        await _postgres.ExecuteAsync("UPDATE categories SET phase = 'customer-facing'");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = _postgres.ConnectionString,
            [$"ConnectionStrings:{ConnectionNames.Cache}"] = _postgres.RedisConnectionString,
            ["Drafting:ResponseCache"] = "false",
            ["Conversations:MinCategoryConfidence"] = "0",
            ["Conversations:MinRetrievalScore"] = "0",
            ["Conversations:MaxReAsks"] = "1000",
        });
        builder.AddSupportBotDatabase();
        builder.AddRedisClient(ConnectionNames.Cache);
        builder.AddDraftingPipeline();
        builder.AddHelpCenter();
        builder.AddConversations();
        builder.Services.AddChatClient(new InstantModel());
        _host = builder.Build();
        await DemoKnowledge.SeedAsync(_host.Services);
        // Load the embedding model before measuring (the services do this at start-up).
        await _host.Services.GetRequiredService<SupportBot.Embeddings.TextEmbeddings>().EmbedAsync("warm-up");

        _incoming = [.. SyntheticTickets.Generate(1_000, seed: 7)];
        _conversation = await StartAsync();
        _profile = ActivityProfile.StartIfRequested();
        for (var i = 0; i < BackgroundConversations; i++)
        {
            _background.Add(Task.Run(() => TalkAsync(i * 97, _stop.Token)));
        }
    }

    [Benchmark(Description = "customer message → bot answer (no model time)")]
    public async Task<CustomerMessageResponse> MessageToAnswer()
    {
        if (_sentInConversation++ == MessagesPerConversation)
        {
            _conversation = await StartAsync();
            _sentInConversation = 1;
        }

        var result = await PostAsync(_conversation, _incoming[_next++ % _incoming.Length].Body);
        _measured++;
        _outcomes.AddOrUpdate(result.Outcome, 1, (_, n) => n + 1);
        return result;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_background);
        // With other conversations talking the spans are theirs too: divided by all messages sent.
        _profile?.Print(_measured + _backgroundMessages);
        _profile?.Dispose();
        Console.WriteLine($"// measured outcomes: {string.Join(", ", _outcomes.Select(o => $"{o.Key} {o.Value}"))}; background messages: {_backgroundMessages:N0}");
        _host?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One of the other conversations: a message, the answer, a second of "typing", then the next; a new conversation every six messages.</summary>
    private async Task TalkAsync(int offset, CancellationToken stop)
    {
        var conversation = await StartAsync();
        var sent = 0;
        while (!stop.IsCancellationRequested)
        {
            if (sent++ == MessagesPerConversation)
            {
                conversation = await StartAsync();
                sent = 1;
            }

            await PostAsync(conversation, _incoming[(offset + sent) % _incoming.Length].Body);
            Interlocked.Increment(ref _backgroundMessages);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task<Guid> StartAsync()
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<ConversationService>().StartAsync("bench", Guid.NewGuid().ToString("N"), "Maria", "en", CancellationToken.None);
        return view.Id;
    }

    private async Task<CustomerMessageResponse> PostAsync(Guid conversation, string text)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CustomerMessages>().PostAsync(conversation, text, CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException(result.Detail);
    }

    /// <summary>Stands in for the model: a fixed reply that asks nothing, no work.</summary>
    private sealed class InstantModel : IChatClient
    {
        private static readonly ChatResponse Reply = new(new ChatMessage(ChatRole.Assistant, "Hi,\n\nThanks, here is how.\n\nBest regards")) { ModelId = "instant" };

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Reply);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Reply.ToChatResponseUpdates().ToAsyncEnumerable();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>As the draft benchmark: one call per iteration, long warm-up, no forced GC between iterations.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithLaunchCount(1)
                .WithWarmupCount(100)
                .WithIterationCount(200)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithGcForce(false));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "supportbot-bench", "artifacts"));
        }
    }
}
