using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using SupportBot.AppHost;
using SupportBot.Contracts;
using SupportBot.Hosting;
using SupportBot.Hosting.Monitoring;
using SupportBot.Hosting.Postgres;
using SupportBot.Hosting.Redis;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Foundation;

/// <summary>The AppHost's Aspire model and its helpers, without starting anything.</summary>
public sealed class AppModelTests
{
    private static readonly string[] HealthChecked = ["postgres", "cache", "api", "evalworker", "web", "prometheus", "alertmanager"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_model_has_every_resource_and_starts_each_after_what_it_needs()
    {
        var state = TestState.NewDirectory("model");
        try
        {
            var resources = await ModelAsync(StackFixture.AppHostArguments(state));

            Assert.IsType<LocalPostgresResource>(resources["postgres"]);
            Assert.IsType<LocalRedisResource>(resources[ConnectionNames.Cache]);
            Assert.IsType<PrometheusResource>(resources["prometheus"]);
            Assert.IsType<AlertmanagerResource>(resources["alertmanager"]);
            Assert.IsType<ProjectResource>(resources["api"]);
            Assert.IsType<ProjectResource>(resources["evalworker"]);
            Assert.IsType<ProjectResource>(resources["web"]);
            Assert.DoesNotContain("simulator", resources.Keys);

            Assert.Equal(["cache", "postgres"], WaitsFor(resources["api"]));
            Assert.Equal(["api", "cache", "postgres"], WaitsFor(resources["evalworker"]));
            Assert.Equal(["api"], WaitsFor(resources["alertmanager"]));
            // The console reaches nothing but the API: no database, no Redis.
            Assert.Equal(["api"], WaitsFor(resources["web"]));
            Assert.Equal(["api"], References(resources["web"]));
            Assert.Equal(["alertmanager", "api", "evalworker"], WaitsFor(resources["prometheus"]));
            Assert.All(HealthChecked, name => Assert.NotEmpty(resources[name].Annotations.OfType<HealthCheckAnnotation>()));

            // Passwords are secret parameters, made once and kept in the state folder.
            var password = Assert.IsType<ParameterResource>(resources["postgres-password"]);
            Assert.True(password.Secret);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(state, "secrets", "postgres-password"), Ct), await password.GetValueAsync(Ct));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public async Task Simulate_adds_the_simulator_after_the_api_and_worker()
    {
        var state = TestState.NewDirectory("model");
        try
        {
            var resources = await ModelAsync([.. StackFixture.AppHostArguments(state), "--simulate", "--simulate-rate", "12"]);

            var simulator = resources["simulator"];
            Assert.Equal(["api", "evalworker"], WaitsFor(simulator));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public async Task A_connection_string_in_configuration_replaces_the_server_it_names()
    {
        var state = TestState.NewDirectory("model");
        const string database = "Host=db.example.internal;Database=supportdb;Username=app;Password=secret";
        const string cache = "redis.example.internal:6379,password=secret";
        try
        {
            var resources = await ModelAsync(
                [.. StackFixture.AppHostArguments(state), $"ConnectionStrings:{ConnectionNames.Database}={database}", $"ConnectionStrings:{ConnectionNames.Cache}={cache}"]);

            Assert.DoesNotContain(resources.Values, r => r is LocalPostgresResource or LocalRedisResource);
            var external = Assert.IsAssignableFrom<IResourceWithConnectionString>(resources[ConnectionNames.Database]);
            Assert.Equal(database, await external.ConnectionStringExpression.GetValueAsync(Ct));
            Assert.Equal(cache, await ((IResourceWithConnectionString)resources[ConnectionNames.Cache]).ConnectionStringExpression.GetValueAsync(Ct));
            Assert.Equal(["cache", "supportdb"], WaitsFor(resources["api"]));
            Assert.False(Directory.Exists(Path.Combine(state, "postgres", "data")));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public void Missing_binary_message_names_the_debian_package()
    {
        var error = Assert.Throws<MissingBinaryException>(() => Binaries.Require("no-such-binary-xyz", "some-package"));

        Assert.Equal("no-such-binary-xyz not found on PATH; install it with: apt-get install -y --no-install-recommends some-package", error.Message);
    }

    [Fact]
    public void Prometheus_config_has_one_job_per_service_discovering_its_replicas_the_rules_glob_and_alertmanager()
    {
        var config = PrometheusBuilderExtensions.RenderConfig(TimeSpan.FromSeconds(2), "/repo/dashboards/prometheus/rules/*.yml",
            ["api", "evalworker"], "/state/prometheus/targets", "localhost:19093");

        Assert.Contains("scrape_interval: 2s", config);
        Assert.Contains("- '/repo/dashboards/prometheus/rules/*.yml'", config);
        Assert.Contains("job_name: 'api'", config);
        Assert.Contains("- files: ['/state/prometheus/targets/api-*.json']", config);
        Assert.Contains("job_name: 'evalworker'", config);
        Assert.Contains("- files: ['/state/prometheus/targets/evalworker-*.json']", config);
        Assert.Contains("refresh_interval: 2s", config);
        Assert.Contains("alertmanagers:", config);
        Assert.Contains("targets: ['localhost:19093']", config);
    }

    [Theory]
    [InlineData("api=2,evalworker=3", "api:2,evalworker:3")]
    [InlineData(" web = 1 ", "web:1")]
    [InlineData("", "")]
    public void Replicas_are_read_per_service(string text, string expected)
    {
        var replicas = StackSettings.ParseReplicas(text, out var error);

        Assert.Null(error);
        Assert.Equal(expected, string.Join(',', replicas!.OrderBy(r => r.Key).Select(r => $"{r.Key}:{r.Value}")));
    }

    [Theory]
    [InlineData("postgres=2", "SERVICE one of api, evalworker, web")]
    [InlineData("api", "use SERVICE=COUNT")]
    [InlineData("api=0", "from 1 to 16")]
    [InlineData("evalworker=many", "from 1 to 16")]
    public void Bad_replicas_are_refused_with_what_is_wrong(string text, string message)
    {
        Assert.Null(StackSettings.ParseReplicas(text, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Alertmanager_config_sends_firing_and_resolved_alerts_to_the_webhook_with_the_token()
    {
        var config = AlertmanagerBuilderExtensions.RenderConfig("http://localhost:5180/api/alerts/webhook", "t0ken");

        Assert.Contains("url: 'http://localhost:5180/api/alerts/webhook'", config);
        Assert.Contains("send_resolved: true", config);
        Assert.Contains("type: Bearer", config);
        Assert.Contains("credentials: 't0ken'", config);
    }

    [Fact]
    public void State_directory_secrets_are_private_and_stable()
    {
        var path = TestState.NewDirectory("secrets");
        try
        {
            using var state = new StateDirectory(path);
            var first = state.Secret("redis-password");

            Assert.Equal(first, new StateDirectory(path).Secret("redis-password"));
            Assert.Equal(48, first.Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(path, "secrets", "redis-password")));
            var keys = state.DevApiKeys();
            Assert.Equal(Roles.All.Order(), keys.Keys.Order());
            Assert.Equal(keys, state.DevApiKeys());
        }
        finally
        {
            TestState.Delete(path);
        }
    }

    [Fact]
    public void A_second_lock_on_a_state_directory_names_the_holder()
    {
        var path = TestState.NewDirectory("lock");
        try
        {
            using var first = new StateDirectory(path);
            first.Lock();
            using var second = new StateDirectory(path);

            var error = Assert.Throws<InvalidOperationException>(second.Lock);

            Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        }
        finally
        {
            TestState.Delete(path);
        }
    }

    /// <summary>
    /// The AppHost's model as Aspire.Hosting.Testing builds it, not started. The AppHost's Main waits
    /// inside Build() until the test builds, so the app is built (and disposed), never just dropped.
    /// </summary>
    private static async Task<Dictionary<string, IResource>> ModelAsync(string[] arguments)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SupportBot_AppHost>(arguments, Ct);
        var resources = builder.Resources.ToDictionary(r => r.Name);
        await using var app = await builder.BuildAsync(Ct);
        return resources;
    }

    private static string[] References(IResource resource) =>
        [.. resource.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource.Name).Distinct().Order(StringComparer.Ordinal)];

    private static string[] WaitsFor(IResource resource) =>
        [.. resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Distinct().Order(StringComparer.Ordinal)];
}
