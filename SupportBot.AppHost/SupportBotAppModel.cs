using SupportBot.Contracts;
using SupportBot.Hosting;

namespace SupportBot.AppHost;

/// <summary>
/// The stack, declared once: the AppHost runs it and the integration tests start the same model
/// (the way Aspire.Hosting.Testing runs an AppHost).
/// </summary>
public static class SupportBotAppModel
{
    /// <summary>Usual ports, away from the system defaults (5432, 6379, 9090, 3000).</summary>
    public static class Ports
    {
        public const int Api = 5180;
        public const int EvalWorker = 5181;
        public const int Postgres = 15432;
        public const int Redis = 16379;
        public const int Prometheus = 19090;
        public const int Grafana = 13000;
    }

    /// <param name="demoData">Load data/demo (tickets and help articles) into an empty database on first start.</param>
    /// <param name="simulateRate">When set, also run `supportbot simulate` at this many tickets per minute until the stack stops.</param>
    public static DistributedApplication Build(AppHostOptions options, bool demoData = true, double? simulateRate = null)
    {
        var builder = new DistributedApplicationBuilder(options);

        var database = builder.AddPostgres("postgres", ConnectionNames.Database, Ports.Postgres);
        var cache = builder.AddRedis(ConnectionNames.Cache, Ports.Redis);

        var api = builder.AddProject("api", "SupportBot.Api", Ports.Api)
            .WithReference(database).WaitFor(database)
            .WithReference(cache).WaitFor(cache);
        SeedDevApiKeys(api, builder.State);
        if (demoData)
        {
            var demo = Path.Combine(options.RepositoryRoot, "data", "demo");
            api.WithEnvironment("Bootstrap__TicketsFile", Path.Combine(demo, "tickets.jsonl"))
               .WithEnvironment("HelpCenter__ArticlesPath", Path.Combine(demo, "help-articles"));
        }

        var worker = builder.AddProject("evalworker", "SupportBot.EvalWorker", Ports.EvalWorker)
            .WithReference(database).WaitFor(database)
            .WithReference(cache).WaitFor(cache)
            .WithReference(api);

        var prometheus = builder.AddPrometheus("prometheus", Ports.Prometheus)
            .WithScrapeTarget(api).WaitFor(api)
            .WithScrapeTarget(worker).WaitFor(worker);

        builder.AddGrafana("grafana", Ports.Grafana, prometheus);

        if (simulateRate is { } rate)
        {
            // The dev keys reach the tool through its state folder (dev-keys.json), never its command line.
            builder.AddTool("simulator", "SupportBot.Cli", "supportbot",
                    () => ["simulate", "--api", api.Url, "--rate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                .WithEnvironment("SUPPORTBOT_STATE_DIR", () => builder.State.Path)
                .WaitFor(api).WaitFor(worker);
        }

        return builder.Build();
    }

    /// <summary>One key per role, made on first run; the API receives only their hashes.</summary>
    private static void SeedDevApiKeys(Hosting.Resources.ProjectResource api, StateDirectory state)
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
}
