using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Hosting;

namespace SupportBot.AppHost;

/// <summary>Once every resource is healthy: one line per resource with its URL, then "apphost: ready".</summary>
internal static class ReadyReport
{
    public static async Task PrintWhenHealthyAsync(DistributedApplication app, StateDirectory state, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var checkedResources = model.Resources.Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any()).ToList();
        try
        {
            await Task.WhenAll(checkedResources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, cancellationToken)));
        }
        catch (OperationCanceledException)
        {
            return;
        }

        foreach (var resource in checkedResources.OfType<IResourceWithEndpoints>())
        {
            var url = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault()?.AllocatedEndpoint?.UriString;
            Console.Out.WriteLine($"apphost:   {resource.Name,-13} {url}");
        }

        Console.Out.WriteLine($"apphost: dev API keys (header X-Api-Key), one per role: {state.DevApiKeysFile}");
        Console.Out.WriteLine("apphost: ready. The Aspire dashboard (URL above) shows every resource; Ctrl-C stops everything.");
    }
}
