using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;

namespace SupportBot.Hosting;

/// <summary>
/// Appends every resource's console output to logs/&lt;resource&gt;.log in the state folder, as the
/// dashboard shows it. Logs are kept per resource instance id (DCP's name, e.g. "api-x7f2k"), which
/// only the notifications carry, so each instance is followed from its first notification. Disposing
/// waits briefly for the last lines, so what a service prints on its way down is in its file.
/// </summary>
public sealed class ResourceLogFiles(StateDirectory state, ResourceLoggerService logs, ResourceNotificationService notifications) : IAsyncDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, Task> _followed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _files = new(StringComparer.Ordinal);
    private Task _watching = Task.CompletedTask;

    /// <summary>Follows every resource's console until <paramref name="stoppedToken"/> (the app has stopped).</summary>
    public void Start(CancellationToken stoppedToken) =>
        _watching = Task.Run(() => WatchAsync(stoppedToken), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_followed.Values.Append(_watching)).WaitAsync(DrainTimeout);
        }
        catch (TimeoutException)
        {
            // A log stream that never ends must not hold the AppHost's exit.
        }
    }

    private async Task WatchAsync(CancellationToken stoppedToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppedToken))
            {
                if (update.Resource is not ParameterResource)
                {
                    _ = _followed.GetOrAdd(update.ResourceId, id => FollowAsync(update.Resource.Name, id, stoppedToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppedToken.IsCancellationRequested)
        {
        }
    }

    private async Task FollowAsync(string name, string resourceId, CancellationToken stoppedToken)
    {
        // Replicas of one resource share its file; one writer at a time.
        var gate = _files.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stoppedToken))
            {
                await gate.WaitAsync(CancellationToken.None);
                try
                {
                    await using var file = new StreamWriter(Path.Combine(state.LogsDirectory, name + ".log"), append: true);
                    foreach (var line in batch)
                    {
                        await file.WriteLineAsync(line.Content);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppedToken.IsCancellationRequested)
        {
        }
    }
}
