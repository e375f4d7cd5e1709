using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SupportBot.Contracts;
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

    public static async Task<WorkerProcess> StartAsync(StackFixture stack, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var builder = new DistributedApplicationBuilder(new AppHostOptions
        {
            StateDirectory = TestState.NewDirectory("worker"),
            PreferFixedPorts = false,
            DurableStorage = false,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{ConnectionNames.Database}"] = stack.Postgres.ConnectionString,
                [$"ConnectionStrings:{ConnectionNames.Cache}"] = stack.Redis.ConnectionString,
            }).Build(),
        });
        var database = builder.AddPostgres("postgres", ConnectionNames.Database, 0);
        var cache = builder.AddRedis(ConnectionNames.Cache, 0);
        var worker = builder.AddProject("evalworker", "SupportBot.EvalWorker", 0).WithReference(database).WithReference(cache);
        foreach (var (key, value) in environment)
        {
            worker.WithEnvironment(key, value);
        }

        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            TestState.Delete(app.StateDirectory);
            throw;
        }

        return new WorkerProcess(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        TestState.Delete(_app.StateDirectory);
    }
}
