using Microsoft.Extensions.Configuration;
using SupportBot.Contracts;
using SupportBot.Hosting;
using SupportBot.Hosting.Resources;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A second, real API process on the fixture's Postgres and Redis, with configuration of the test's
/// choosing (e.g. HelpCenter__ArticlesPath). The shared stack is started exactly as developers run
/// it, so settings one test needs go here instead of into the AppHost's model. The fixture's dev
/// keys work here too: keys live in the shared database.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly StackFixture _stack;

    private ApiProcess(DistributedApplication app, StackFixture stack)
    {
        _app = app;
        _stack = stack;
    }

    public static async Task<ApiProcess> StartAsync(StackFixture stack, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var builder = new DistributedApplicationBuilder(new AppHostOptions
        {
            StateDirectory = TestState.NewDirectory("api"),
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
        var api = builder.AddProject("api", "SupportBot.Api", 0).WithReference(database).WithReference(cache);
        foreach (var (key, value) in environment)
        {
            api.WithEnvironment(key, value);
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

        return new ApiProcess(app, stack);
    }

    public HttpClient Client(string role)
    {
        var client = new HttpClient { BaseAddress = new Uri(_app.Get<ProjectResource>("api").Url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, _stack.DevKeys[role]);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        TestState.Delete(_app.StateDirectory);
    }
}
