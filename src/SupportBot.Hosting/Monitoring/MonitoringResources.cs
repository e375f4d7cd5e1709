using Aspire.Hosting.ApplicationModel;

namespace SupportBot.Hosting.Monitoring;

/// <summary>Prometheus scraping the services and loading the project's alert rules, run by DCP.</summary>
public sealed class PrometheusResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory)
{
    /// <summary>The jobs scraped: each service's replicas register themselves in <see cref="TargetsDirectory"/>.</summary>
    internal List<string> ScrapeJobs { get; } = [];

    /// <summary>File-based service discovery: one <c>{job}-{replica}.json</c> per running replica.</summary>
    internal string TargetsDirectory => Path.Combine(WorkingDirectory, "targets");
    internal EndpointReference? Alertmanager { get; set; }
}

/// <summary>Prometheus's Alertmanager: groups alerts and routes them to receivers (the API's webhook).</summary>
public sealed class AlertmanagerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);

/// <summary>Grafana with the provisioning in dashboards/grafana.</summary>
public sealed class GrafanaResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);
