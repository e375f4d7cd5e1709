using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportBot.Contracts;

[assembly: AssemblyFixture(typeof(SupportBot.Tests.Infrastructure.StackFixture))]

namespace SupportBot.Tests.Infrastructure;

/// <summary>An HTTP service of the stack, as tests reach it (DCP's proxy address).</summary>
public sealed record ServiceEndpoint(string Name, string Url);

/// <summary>A server of the stack, as clients reach it.</summary>
public sealed record ConnectionEndpoint(string Name, string ConnectionString);

/// <summary>
/// The whole stack, started once for the test assembly from the AppHost's own model through
/// Aspire.Hosting.Testing: real Postgres, Redis, API, worker, Prometheus and Alertmanager
/// processes run by DCP, on ports the OS picks, with the state folder under /tmp.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private DistributedApplication? _app;

    public string StateDirectory { get; } = TestState.NewDirectory("stack");
    public DistributedApplication App => _app ?? throw new InvalidOperationException("The stack has not started.");
    public IReadOnlyDictionary<string, string> DevKeys { get; private set; } = new Dictionary<string, string>();

    public ServiceEndpoint Api { get; private set; } = null!;
    public ServiceEndpoint Worker { get; private set; } = null!;

    /// <summary>The support team's web console (tests/SupportBot.Tests/Web drive it in Chromium).</summary>
    public ServiceEndpoint Web { get; private set; } = null!;
    public ServiceEndpoint Prometheus { get; private set; } = null!;
    public ServiceEndpoint Alertmanager { get; private set; } = null!;
    public ConnectionEndpoint Postgres { get; private set; } = null!;
    public ConnectionEndpoint Redis { get; private set; } = null!;

    /// <summary>The arguments the fixture starts the AppHost with (tests of the model reuse them).</summary>
    public static string[] AppHostArguments(string stateDirectory) =>
    [
        "--state-dir", stateDirectory, "--dynamic-ports",
        // Faster and good enough for tests: no fsync, a scrape every second.
        "SupportBot:DurableStorage=false", "SupportBot:ScrapeIntervalSeconds=1",
    ];

    public async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        _app = await StartAsync(AppHostArguments(StateDirectory), timeout.Token);

        Api = new("api", ServiceUrl("api"));
        Worker = new("evalworker", ServiceUrl("evalworker"));
        Web = new("web", ServiceUrl("web"));
        Prometheus = new("prometheus", ServiceUrl("prometheus"));
        Alertmanager = new("alertmanager", ServiceUrl("alertmanager"));
        Postgres = new("postgres", await App.GetConnectionStringAsync("postgres", timeout.Token)
            ?? throw new InvalidOperationException("postgres has no connection string"));
        Redis = new(ConnectionNames.Cache, await App.GetConnectionStringAsync(ConnectionNames.Cache, timeout.Token)
            ?? throw new InvalidOperationException("cache has no connection string"));
        DevKeys = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await File.ReadAllTextAsync(Path.Combine(StateDirectory, "dev-keys.json"), timeout.Token))!;
    }

    /// <summary>Builds the AppHost's model with <paramref name="arguments"/>, starts it and waits until every resource is healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SupportBot_AppHost>(arguments, cancellationToken);
        // Each resource's console output is already in <state>/logs/<resource>.log (ResourceLogFiles), and
        // the health probes fail by design until a resource is up: neither belongs in the test output,
        // where they would bury the one line that says which test failed.
        builder.Services.AddLogging(logging => logging
            .AddFilter($"{builder.Environment.ApplicationName}.Resources", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            await Task.WhenAll(model.Resources
                .Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any())
                .Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, cancellationToken)));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The http endpoint of a resource of the stack.</summary>
    public string ServiceUrl(string resource) => App.GetEndpoint(resource, "http").ToString().TrimEnd('/');

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

    public HttpClient AlertmanagerClient() => new() { BaseAddress = new Uri(Alertmanager.Url), Timeout = TimeSpan.FromSeconds(30) };

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
