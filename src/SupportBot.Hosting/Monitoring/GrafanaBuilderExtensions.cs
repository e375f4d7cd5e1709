using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace SupportBot.Hosting.Monitoring;

public static class GrafanaBuilderExtensions
{
    public static string? FindGrafanaServer() => Binaries.Find("grafana-server", "/usr/sbin", "/usr/share/grafana/bin");

    /// <summary>
    /// Adds Grafana provisioned from <paramref name="dashboards"/> (dashboards/grafana) with
    /// <paramref name="prometheus"/> as its data source; anonymous viewers, on loopback only.
    /// </summary>
    public static IResourceBuilder<GrafanaResource> AddGrafana(
        this IDistributedApplicationBuilder builder, string name, string dataHome, string dashboards, IResourceBuilder<PrometheusResource> prometheus, int? port = null)
    {
        var grafana = FindGrafanaServer() ?? throw new MissingBinaryException("grafana-server", "grafana");
        var home = Directory.Exists("/usr/share/grafana") ? "/usr/share/grafana" : Path.GetDirectoryName(Path.GetDirectoryName(grafana))!;
        Directory.CreateDirectory(dataHome);
        var resource = new GrafanaResource(name, grafana, dataHome);
        var http = new EndpointReference(resource, PrometheusBuilderExtensions.HttpEndpoint);
        return builder.AddResource(resource)
            .WithHttpEndpoint(port: port, name: PrometheusBuilderExtensions.HttpEndpoint)
            .WithArgs("--homepath", home)
            .WithEnvironment("GF_PATHS_PROVISIONING", Path.Combine(dashboards, "provisioning"))
            .WithEnvironment("GF_PATHS_DATA", dataHome)
            .WithEnvironment("GF_PATHS_LOGS", Path.Combine(dataHome, "logs"))
            .WithEnvironment("GF_SERVER_HTTP_ADDR", "127.0.0.1")
            .WithEnvironment("GF_SERVER_HTTP_PORT", http.Property(EndpointProperty.TargetPort))
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            .WithEnvironment("GF_ANALYTICS_REPORTING_ENABLED", "false")
            .WithEnvironment("GF_ANALYTICS_CHECK_FOR_UPDATES", "false")
            // Read by the provisioning files.
            .WithEnvironment("SUPPORTBOT_PROMETHEUS_URL", prometheus.GetEndpoint(PrometheusBuilderExtensions.HttpEndpoint))
            .WithEnvironment("SUPPORTBOT_DASHBOARDS_DIR", Path.Combine(dashboards, "dashboards"))
            .WithHttpHealthCheck("/api/health", endpointName: PrometheusBuilderExtensions.HttpEndpoint)
            .WaitFor(prometheus);
    }
}
