using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Contracts;
using SupportBot.Hosting;
using SupportBot.Hosting.Monitoring;
using SupportBot.Hosting.Postgres;
using SupportBot.Hosting.Redis;

namespace SupportBot.AppHost;

/// <summary>
/// The stack, declared once: `dotnet run` runs it, and the integration tests start the same model
/// through Aspire.Hosting.Testing (DistributedApplicationTestingBuilder over this AppHost).
/// </summary>
public static class SupportBotAppModel
{
    /// <summary>Usual ports, away from the system defaults (5432, 6379, 9090, 9093, 3000).</summary>
    public static class Ports
    {
        public const int Dashboard = 18888;
        public const int DashboardOtlp = 18889;
        public const int Api = 5180;
        public const int EvalWorker = 5181;
        public const int Web = 5182;
        public const int Postgres = 15432;
        public const int Redis = 16379;
        public const int Prometheus = 19090;
        public const int Alertmanager = 19093;
        public const int Grafana = 13000;
    }

    /// <summary>Where Alertmanager delivers alerts in the API (bearer token: the alert-webhook-token parameter).</summary>
    public const string AlertWebhookPath = "/api/alerts/webhook";

    public static void Describe(IDistributedApplicationBuilder builder, StateDirectory state, StackSettings settings)
    {
        builder.WithStateFolder(state);
        ConfigureDashboard(builder.Configuration, settings);

        var durable = builder.Configuration.GetValue("SupportBot:DurableStorage", true);
        var scrapeInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("SupportBot:ScrapeIntervalSeconds", 5.0));
        int? Port(int usual) => settings.DynamicPorts ? null : FreeOrNull(usual);

        // Passwords are Aspire parameters, made once and kept in secrets/ (owner-only).
        var postgresPassword = Parameter(builder, state, "postgres-password");
        var redisPassword = Parameter(builder, state, "redis-password");
        var webhookToken = Parameter(builder, state, "alert-webhook-token");

        // A connection string in configuration (ConnectionStrings__supportdb / __cache) replaces the server.
        var database = builder.Configuration.GetConnectionString(ConnectionNames.Database) is { Length: > 0 }
            ? builder.AddConnectionString(ConnectionNames.Database)
            : builder.AddLocalPostgres("postgres", ConnectionNames.Database, state.Sub("postgres"), postgresPassword, Port(Ports.Postgres), durable);
        var cache = builder.Configuration.GetConnectionString(ConnectionNames.Cache) is { Length: > 0 }
            ? builder.AddConnectionString(ConnectionNames.Cache)
            : builder.AddLocalRedis(ConnectionNames.Cache, state.Sub("redis"), redisPassword, Port(Ports.Redis));

        var api = builder.AddProject<Projects.SupportBot_Api>("api")
            .WithReplicas(settings.ReplicasOf("api"))
            .WithHttpEndpoint(port: Port(Ports.Api), name: "http")
            .WithHttpHealthCheck("/health")
            .WithReference(database, ConnectionNames.Database).WaitFor(database)
            .WithReference(cache, ConnectionNames.Cache).WaitFor(cache)
            .WithEnvironment("Alerts__WebhookToken", webhookToken)
            .WithServiceLogging();
        SeedDevApiKeys(api, state);
        if (settings.DemoData)
        {
            var demo = Path.Combine(settings.RepositoryRoot, "data", "demo");
            api.WithEnvironment("Bootstrap__TicketsFile", Path.Combine(demo, "tickets.jsonl"))
               .WithEnvironment("HelpCenter__ArticlesPath", Path.Combine(demo, "help-articles"));
        }

        // Each worker replica reads the Redis streams as a consumer of its own, named stably (evalworker-0, -1, ...), so
        // a restarted replica takes back its own pending entries first and the others claim a dead one's after the idle time.
        var worker = builder.AddProject<Projects.SupportBot_EvalWorker>("evalworker")
            .WithReplicas(settings.ReplicasOf("evalworker"))
            .WithEnvironment("Signals__ConsumerName", ReplicaNames.Of("evalworker"))
            .WithEnvironment("Monitors__ConsumerName", ReplicaNames.Of("evalworker"))
            .WithHttpEndpoint(port: Port(Ports.EvalWorker), name: "http")
            .WithHttpHealthCheck("/health")
            .WithReference(database, ConnectionNames.Database).WaitFor(database)
            .WithReference(cache, ConnectionNames.Cache).WaitFor(cache)
            .WithReference(api).WaitFor(api)
            .WithServiceLogging();

        // The support team's console (docs/ui.md): talks to the API over HTTP with each user's own key.
        builder.AddProject<Projects.SupportBot_Web>("web")
            .WithReplicas(settings.ReplicasOf("web"))
            .WithHttpEndpoint(port: Port(Ports.Web), name: "http")
            .WithHttpHealthCheck("/health")
            .WithReference(api).WaitFor(api)
            .WithEnvironment("DataProtection__KeysPath", Path.Combine(state.Sub("web"), "keys"))
            .WithServiceLogging();

        var alertmanager = builder.AddAlertmanager(
                "alertmanager", state.Sub("alertmanager"), api.GetEndpoint("http"), AlertWebhookPath, webhookToken, Port(Ports.Alertmanager))
            .WaitFor(api);

        var prometheus = builder.AddPrometheus(
                "prometheus", state.Sub("prometheus"), Path.Combine(settings.RepositoryRoot, "dashboards", "prometheus", "rules"), scrapeInterval, Port(Ports.Prometheus))
            .WithScrapeTarget(api).WaitFor(api)
            .WithScrapeTarget(worker).WaitFor(worker)
            .WithAlertmanager(alertmanager).WaitFor(alertmanager);

        if (GrafanaBuilderExtensions.FindGrafanaServer() is not null)
        {
            builder.AddGrafana("grafana", state.Sub("grafana"), Path.Combine(settings.RepositoryRoot, "dashboards", "grafana"), prometheus, Port(Ports.Grafana));
        }
        else
        {
            Console.Out.WriteLine("apphost: grafana not started: no grafana-server on PATH (dashboards/grafana is ready to provision any Grafana)");
        }

        if (settings.SimulateRate is { } rate)
        {
            // The dev keys reach the tool through its state folder (dev-keys.json), never its command line.
            builder.AddProject<Projects.SupportBot_Cli>("simulator")
                .WithArgs(context =>
                {
                    context.Args.Add("simulate");
                    context.Args.Add("--api");
                    context.Args.Add(api.GetEndpoint("http"));
                    context.Args.Add("--rate");
                    context.Args.Add(rate.ToString(CultureInfo.InvariantCulture));
                })
                .WithEnvironment("SUPPORTBOT_STATE_DIR", state.Path)
                .WaitFor(api).WaitFor(worker);
        }
    }

    private static IResourceBuilder<ParameterResource> Parameter(IDistributedApplicationBuilder builder, StateDirectory state, string name)
    {
        builder.Configuration[$"Parameters:{name}"] ??= state.Secret(name);
        return builder.AddParameter(name, secret: true);
    }

    /// <summary>One key per role, made on first run; the API receives only their hashes.</summary>
    private static void SeedDevApiKeys(IResourceBuilder<ProjectResource> api, StateDirectory state)
    {
        var index = 0;
        foreach (var (role, key) in state.DevApiKeys())
        {
            api.WithEnvironment($"Auth__SeedKeys__{index}__Name", $"dev-{role}")
               .WithEnvironment($"Auth__SeedKeys__{index}__Role", role)
               .WithEnvironment($"Auth__SeedKeys__{index}__Hash", ApiKeyMaterial.Hash(key));
            index++;
        }
    }

    /// <summary>
    /// The dashboard's addresses, normally from launchSettings.json: here from code, so the built
    /// AppHost runs the same with or without `dotnet run`. Plain http on loopback (no dev certificate).
    /// </summary>
    private static void ConfigureDashboard(ConfigurationManager configuration, StackSettings settings)
    {
        string Url(int usual) => $"http://127.0.0.1:{(settings.DynamicPorts ? FreePort() : FreeOrNull(usual) ?? FreePort())}";
        configuration["ASPNETCORE_URLS"] ??= Url(Ports.Dashboard);
        configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ??= Url(Ports.DashboardOtlp);
        configuration["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] ??= "true";
    }

    /// <summary>The usual port when nothing listens there, else null (DCP then picks one): a second stack still starts.</summary>
    private static int? FreeOrNull(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return port;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IResourceBuilder<ProjectResource> WithServiceLogging(this IResourceBuilder<ProjectResource> service) => service
        // One line per log entry in the console logs.
        .WithEnvironment("Logging__Console__FormatterName", "simple")
        .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true")
        .WithEnvironment("Logging__Console__FormatterOptions__TimestampFormat", "HH:mm:ss ");
}
