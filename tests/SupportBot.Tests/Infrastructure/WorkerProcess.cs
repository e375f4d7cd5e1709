namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A second, real worker process on the fixture's Postgres and Redis, with configuration of the
/// test's choosing (e.g. its own signal stream and group, so stopping it disturbs no other test).
/// Dispose stops it the way DCP does (SIGTERM, then wait); <see cref="KillAsync"/> crashes it.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ServiceProcess _service;

    private WorkerProcess(ServiceProcess service) => _service = service;

    public string Url => _service.Url;

    public int Pid => _service.Pid;

    /// <summary>SIGKILL: no shutdown hooks, no lease release, exactly like a crash.</summary>
    public Task KillAsync() => _service.KillAsync();

    public static async Task<WorkerProcess> StartAsync(StackFixture stack, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        new(await ServiceProcess.StartAsync(stack, "SupportBot.EvalWorker", environment, cancellationToken));

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
