using SupportBot.Hosting.Processes;

namespace SupportBot.Hosting.Resources;

/// <summary>
/// Grafana with the provisioning in dashboards/grafana, when a grafana-server binary is installed.
/// It is optional: without it the stack runs and the table says how to get it.
/// </summary>
public sealed class GrafanaResource(string name, int preferredPort, PrometheusResource prometheus) : ProcessResource(name), IResourceWithHttpEndpoint
{
    public int Port { get; private set; }
    public override string? Url => Port == 0 ? null : $"http://127.0.0.1:{Port}";

    public static string? FindBinary() => Binaries.Find("grafana-server", "/usr/sbin", "/usr/share/grafana/bin");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (FindBinary() is not { } grafana)
        {
            State = ResourceState.NotInstalled;
            Note = "not started: no grafana-server on PATH (dashboards/grafana is ready to provision any Grafana)";
            Log(Note);
            return;
        }

        Port = Context.Ports.Allocate(preferredPort);
        var dashboards = Path.Combine(Context.Options.RepositoryRoot, "dashboards", "grafana");
        var home = Directory.Exists("/usr/share/grafana") ? "/usr/share/grafana" : Path.GetDirectoryName(Path.GetDirectoryName(grafana))!;
        Launch(grafana, ["--homepath", home], new Dictionary<string, string?>
        {
            ["GF_PATHS_PROVISIONING"] = Path.Combine(dashboards, "provisioning"),
            ["GF_PATHS_DATA"] = Context.State.Sub("grafana"),
            ["GF_PATHS_LOGS"] = Context.State.LogsDirectory,
            ["GF_SERVER_HTTP_ADDR"] = "127.0.0.1",
            ["GF_SERVER_HTTP_PORT"] = Port.ToString(),
            ["GF_AUTH_ANONYMOUS_ENABLED"] = "true",
            ["GF_AUTH_ANONYMOUS_ORG_ROLE"] = "Viewer",
            ["GF_ANALYTICS_REPORTING_ENABLED"] = "false",
            ["GF_ANALYTICS_CHECK_FOR_UPDATES"] = "false",
            // Read by the provisioning files.
            ["SUPPORTBOT_PROMETHEUS_URL"] = prometheus.Url,
            ["SUPPORTBOT_DASHBOARDS_DIR"] = Path.Combine(dashboards, "dashboards"),
        });
        var health = $"{Url}/api/health";
        await Readiness.WaitAsync(Name, ct => Readiness.HttpOkAsync(Context.Http, health, ct), ExitReason, TimeSpan.FromSeconds(60), cancellationToken);
        MarkRunning();
    }
}
