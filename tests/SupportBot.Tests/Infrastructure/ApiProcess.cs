using SupportBot.Contracts;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A second, real API process on the fixture's Postgres and Redis, with configuration of the test's
/// choosing (e.g. HelpCenter__ArticlesPath). The shared stack is started exactly as developers run
/// it, so settings one test needs go here instead of into the AppHost's model. The fixture's dev
/// keys work here too: keys live in the shared database.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly ServiceProcess _service;
    private readonly StackFixture _stack;

    private ApiProcess(ServiceProcess service, StackFixture stack)
    {
        _service = service;
        _stack = stack;
    }

    public string Url => _service.Url;

    public static async Task<ApiProcess> StartAsync(StackFixture stack, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        new(await ServiceProcess.StartAsync(stack, "SupportBot.Api", environment, cancellationToken), stack);

    public HttpClient Client(string role)
    {
        var client = new HttpClient { BaseAddress = new Uri(_service.Url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, _stack.DevKeys[role]);
        return client;
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
