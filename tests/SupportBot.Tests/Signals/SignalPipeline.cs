using System.Net.Http.Json;
using StackExchange.Redis;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Signals;

/// <summary>
/// A dedicated API and worker on the fixture's Postgres and Redis, but with a signal stream,
/// group and dead-letter stream of their own, quick retries and few attempts, so the delivery
/// tests can stop the worker and inject bad entries without touching any other test.
/// </summary>
public sealed class SignalPipeline : IAsyncLifetime
{
    public const int MaxAttempts = 3;
    public const string ConsumerName = "delivery-tests";

    private readonly StackFixture _stack;
    private readonly string _prefix = $"signals-test-{Guid.NewGuid():N}"[..24];
    private ApiProcess? _api;

    public SignalPipeline(StackFixture stack) => _stack = stack;

    public string Stream => _prefix;
    public string Group => _prefix + "-group";
    public string DeadLetterStream => _prefix + ":dead";
    public WorkerProcess? Worker { get; private set; }
    public ConnectionMultiplexer Redis { get; private set; } = null!;

    private Dictionary<string, string> Settings => new()
    {
        ["Signals__StreamName"] = Stream,
        ["Signals__GroupName"] = Group,
        ["Signals__DeadLetterStreamName"] = DeadLetterStream,
        ["Signals__SentMarkerPrefix"] = _prefix + ":sent:",
        ["Signals__ConsumerName"] = ConsumerName,
        ["Signals__MaxAttempts"] = MaxAttempts.ToString(),
        ["Signals__ClaimIdleTime"] = "00:00:00.500",
    };

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Redis = await ConnectionMultiplexer.ConnectAsync(_stack.Redis.ConnectionString);
        _api = await ApiProcess.StartAsync(_stack, Settings, ct);
        await StartWorkerAsync();
    }

    public HttpClient Client(string role) => _api!.Client(role);

    public async Task StartWorkerAsync() => Worker = await WorkerProcess.StartAsync(_stack, Settings, TestContext.Current.CancellationToken);

    public async Task StopWorkerAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
            Worker = null;
        }
    }

    public async Task<SignalAccepted> PostAsync(string path, object body)
    {
        using var agent = Client(Roles.Agent);
        using var response = await agent.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SignalAccepted>(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Waits until the group has read up to the stream's end and acknowledged everything.</summary>
    public async Task WaitUntilDrainedAsync()
    {
        var db = Redis.GetDatabase();
        await Eventually.ValueAsync(async () =>
        {
            var last = (await db.StreamInfoAsync(Stream)).LastGeneratedId;
            var group = (await db.StreamGroupInfoAsync(Stream)).Single(g => g.Name == Group);
            return group.LastDeliveredId == last && group.PendingMessageCount == 0 ? "drained" : null;
        }, TimeSpan.FromSeconds(30), "signal stream drained");
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await Redis.GetDatabase().KeyDeleteAsync([Stream, DeadLetterStream]);
        await Redis.DisposeAsync();
    }
}
