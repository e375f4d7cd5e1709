using Aspire.Hosting.ApplicationModel;

namespace SupportBot.Hosting;

/// <summary>Appends every resource's console output to logs/&lt;resource&gt;.log in the state folder, as the dashboard shows it.</summary>
public sealed class ResourceLogFiles(StateDirectory state, ResourceLoggerService logs, DistributedApplicationModel model)
{
    public Task RunAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(model.Resources.Where(r => r is not ParameterResource).Select(r => FollowAsync(r, stoppingToken)));

    private async Task FollowAsync(IResource resource, CancellationToken stoppingToken)
    {
        try
        {
            await using var file = new StreamWriter(Path.Combine(state.LogsDirectory, resource.Name + ".log"), append: true);
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stoppingToken))
            {
                foreach (var line in batch)
                {
                    await file.WriteLineAsync(line.Content);
                }

                await file.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
