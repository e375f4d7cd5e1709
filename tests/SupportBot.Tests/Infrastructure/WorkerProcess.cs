using System.Diagnostics;
using SupportBot.Hosting;
using SupportBot.Hosting.Resources;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A second, real worker process on the fixture's Postgres and Redis, with configuration of the
/// test's choosing (e.g. its own signal stream and group, so stopping it disturbs no other test).
/// Dispose stops it the way the AppHost does (SIGTERM, then wait); <see cref="KillAsync"/> crashes it.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly DistributedApplication _app;

    private WorkerProcess(DistributedApplication app) => _app = app;

    public string Url => _app.Get<ProjectResource>("evalworker").Url;

    public ProjectResource Worker => _app.Get<ProjectResource>("evalworker");

    /// <summary>SIGKILL: no shutdown hooks, no lease release, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        using var process = Process.GetProcessById(Worker.Pid ?? throw new InvalidOperationException("The worker is not running."));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<WorkerProcess> StartAsync(StackFixture stack, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        new(await ExtraService.StartAsync(stack, "evalworker", "SupportBot.EvalWorker", environment, cancellationToken));

    public ValueTask DisposeAsync() => ExtraService.StopAsync(_app);
}
