using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SupportBot.Hosting.Postgres;

namespace SupportBot.Hosting;

/// <summary>
/// Keeps the state folder's resources.json (name, state, url of every resource, the dashboard
/// included; for people, the CLI and scripts) and connections.json (connection strings for the CLI,
/// owner-only) in step with what DCP reports.
/// </summary>
public sealed class StateFilesWriter(
    StateDirectory state, ResourceNotificationService notifications, DistributedApplicationModel model, IConfiguration configuration, ILogger<StateFilesWriter> logger)
{
    private const string DashboardResource = "aspire-dashboard";

    private readonly ConcurrentDictionary<string, (string State, string? Url, string? Health)> _resources = new();
    private readonly Lock _write = new();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                var snapshot = update.Snapshot;
                if (update.Resource is ParameterResource || (snapshot.IsHidden && update.Resource.Name != DashboardResource))
                {
                    continue;
                }

                // The dashboard's first URL is its OTLP endpoint; people want its frontend.
                var url = update.Resource.Name == DashboardResource
                    ? configuration["ASPNETCORE_URLS"]?.Split(';')[0]
                    : snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url).FirstOrDefault();
                _resources[update.Resource.Name] = (snapshot.State?.Text ?? "Pending", url, snapshot.HealthStatus?.ToString());
                WriteResources();
                if (update.Resource is IResourceWithConnectionString and not ExecutableResource
                    || (update.Resource is IResourceWithConnectionString && snapshot.State?.Text == KnownResourceStates.Running))
                {
                    await WriteConnectionsAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Writing resources.json and connections.json in {StateFolder} failed", state.Path);
        }
    }

    private void WriteResources()
    {
        lock (_write)
        {
            state.WriteJson("resources.json", _resources.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new { name = r.Key, state = r.Value.State, health = r.Value.Health, url = r.Value.Url })
                .ToList());
        }
    }

    private async Task WriteConnectionsAsync(CancellationToken cancellationToken)
    {
        var connections = new Dictionary<string, string>();
        foreach (var resource in model.Resources.OfType<IResourceWithConnectionString>())
        {
            var name = resource is LocalPostgresResource postgres ? postgres.DatabaseName : resource.Name;
            if (await resource.ConnectionStringExpression.GetValueAsync(cancellationToken) is { Length: > 0 } value)
            {
                connections[name] = value;
            }
        }

        lock (_write)
        {
            state.WriteJson("connections.json", connections, secret: true);
        }
    }
}
