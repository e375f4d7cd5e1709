using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SupportBot.AppHost;
using SupportBot.Contracts;
using SupportBot.Hosting;
using SupportBot.Hosting.Resources;

[assembly: AssemblyFixture(typeof(SupportBot.Tests.Infrastructure.StackFixture))]

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// The whole stack, started once for the test assembly through the AppHost's own model:
/// real Postgres, Redis, API, worker and Prometheus processes, on ports the OS picks.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public string StateDirectory { get; } = TestState.NewDirectory("stack");
    public DistributedApplication App => _app ?? throw new InvalidOperationException("The stack has not started.");
    public IReadOnlyDictionary<string, string> DevKeys { get; private set; } = new Dictionary<string, string>();

    public ProjectResource Api => App.Get<ProjectResource>("api");
    public ProjectResource Worker => App.Get<ProjectResource>("evalworker");
    public PrometheusResource Prometheus => App.Get<PrometheusResource>("prometheus");
    public PostgresResource Postgres => App.Get<PostgresResource>("postgres");
    public RedisResource Redis => App.Get<RedisResource>(ConnectionNames.Cache);

    public async ValueTask InitializeAsync()
    {
        _app = SupportBotAppModel.Build(new AppHostOptions
        {
            StateDirectory = StateDirectory,
            PreferFixedPorts = false,
            DurableStorage = false,
            PrometheusScrapeInterval = TimeSpan.FromSeconds(1),
            Configuration = new ConfigurationBuilder().Build(),
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        DevKeys = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await File.ReadAllTextAsync(Path.Combine(StateDirectory, "dev-keys.json")))!;
    }

    /// <summary>An HTTP client for the API, sending the dev key of <paramref name="role"/> (or none).</summary>
    public HttpClient ApiClient(string? role = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Api.Url), Timeout = TimeSpan.FromSeconds(30) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, DevKeys[role]);
        }

        return client;
    }

    public HttpClient PrometheusClient() => new() { BaseAddress = new Uri(Prometheus.Url), Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        TestState.Delete(StateDirectory);
    }
}

public static class HttpJson
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
}
