using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportBot.Hosting;

public static class StateFilesBuilderExtensions
{
    /// <summary>
    /// Keeps the stack's files in <paramref name="state"/>: resources.json, connections.json and
    /// logs/&lt;resource&gt;.log, from before the first resource starts until the app stops. The
    /// folder's lock lives as long as the app (it is released when the app is disposed).
    /// </summary>
    public static IDistributedApplicationBuilder WithStateFolder(this IDistributedApplicationBuilder builder, StateDirectory state)
    {
        builder.Services.AddSingleton(_ => state);
        builder.Services.AddSingleton<ResourceLogFiles>();
        // Before start, not as hosted services: those start only once every resource was started.
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            // What an earlier run left says nothing about this one.
            File.Delete(Path.Combine(state.Path, "resources.json"));
            File.Delete(Path.Combine(state.Path, "connections.json"));

            var lifetime = @event.Services.GetRequiredService<IHostApplicationLifetime>();
            _ = Task.Run(() => ActivatorUtilities.CreateInstance<StateFilesWriter>(@event.Services, state).RunAsync(lifetime.ApplicationStopping), CancellationToken.None);
            // Until every resource has stopped, not just until stopping begins: what a service prints on
            // its way down (e.g. the simulator's "simulate: stopped") belongs in its log file too.
            @event.Services.GetRequiredService<ResourceLogFiles>().Start(lifetime.ApplicationStopped);
            return Task.CompletedTask;
        });
        return builder;
    }
}
