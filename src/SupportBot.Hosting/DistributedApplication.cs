using System.Collections.Concurrent;
using SupportBot.Hosting.Resources;

namespace SupportBot.Hosting;

/// <summary>
/// A started stack. Each resource starts once everything it waits for is ready, independent ones
/// in parallel; on stop, resources go down in the reverse order they came up.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly List<Resource> _resources;
    private readonly ConcurrentStack<Resource> _startedOrder = new();
    private readonly StateDirectory _state;
    private int _stopped;

    internal DistributedApplication(List<Resource> resources, StateDirectory state)
    {
        _resources = resources;
        _state = state;
    }

    public IReadOnlyList<Resource> Resources => _resources;
    public string StateDirectory => _state.Path;

    public T Get<T>(string name) where T : class =>
        _resources.SingleOrDefault(r => r.Name == name) as T ?? throw new KeyNotFoundException($"No {typeof(T).Name} named '{name}'.");

    /// <summary>Invoked after start and after stop, e.g. to print the resource table.</summary>
    public event Action<DistributedApplication>? StateChanged;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _state.Lock();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var starts = new ConcurrentDictionary<Resource, Lazy<Task>>();

        Task Start(Resource resource) => starts.GetOrAdd(resource, r => new Lazy<Task>(() => Task.Run(async () =>
        {
            await Task.WhenAll(r.Dependencies.Select(Start));
            _startedOrder.Push(r);
            try
            {
                await r.StartAsync(failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }))).Value;

        var all = Task.WhenAll(_resources.Select(Start));
        try
        {
            await all;
        }
        catch (Exception)
        {
            await StopAsync();
            throw FirstCause(all.Exception) ?? new OperationCanceledException(cancellationToken);
        }
        finally
        {
            WriteStateFiles();
        }

        StateChanged?.Invoke(this);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        while (_startedOrder.TryPop(out var resource))
        {
            try
            {
                await resource.StopAsync();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"[{resource.Name}] stop failed: {ex.Message}");
            }
        }

        foreach (var resource in _resources)
        {
            resource.Dispose();
        }

        WriteStateFiles();
        StateChanged?.Invoke(this);
        _state.Dispose();
    }

    /// <summary>Starts the stack, keeps it up until <paramref name="cancellationToken"/> fires, then stops it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await StopAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static Exception? FirstCause(AggregateException? error) =>
        error?.Flatten().InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException)
        ?? error?.Flatten().InnerExceptions.FirstOrDefault();

    /// <summary>
    /// resources.json says what runs where (for people and tools); connections.json, private to the
    /// owner, holds connection strings for the CLI.
    /// </summary>
    private void WriteStateFiles()
    {
        _state.WriteJson("resources.json", _resources.Select(r => new
        {
            name = r.Name,
            state = r.State.ToString(),
            url = r.Url,
            pid = r.Pid,
            note = r.Note,
        }));
        _state.WriteJson(
            "connections.json",
            _resources.Where(r => r.State is ResourceState.Running or ResourceState.External)
                .OfType<IResourceWithConnectionString>()
                .ToDictionary(r => r.ConnectionName, r => r.ConnectionString),
            secret: true);
    }
}
